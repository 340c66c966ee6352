package org.dovelua.lua;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dovelua.lua.lua54.vm.LuajPatches;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/** The sizes {@link LuaHeap} counts are Lua 5.4's, each reachable object once. */
class LuaHeapTest {
    private static long measure(Globals g) {
        return LuaHeap.measure(g, List.of());
    }

    private static Globals globals() {
        LuajPatches.install();
        return new Globals();
    }

    @Test
    void aStringIsItsHeaderItsBytesAndItsBlock() {
        Globals g = globals();
        g.set("s", LuaValue.TRUE);
        long withBoolean = measure(g);
        g.set("s", LuaValue.valueOf("x".repeat(1000)));
        // sizeof(TString) 24 + 1000 bytes + NUL, in a block of its own
        assertThat(measure(g) - withBoolean).isEqualTo(LuaHeap.BLOCK_OVERHEAD + 24 + 1001);
    }

    @Test
    void aStringReachedTwiceCountsOnce() {
        Globals g = globals();
        LuaValue s = LuaValue.valueOf("y".repeat(500));
        LuaTable t = new LuaTable();
        for (int i = 1; i <= 100; i++) {
            t.set(i, s);
        }
        g.set("t", t);
        long withOne = measure(g);
        t.set(101, s);
        long withTwo = measure(g);
        // one more slot at most (the array may have grown), not another 500-byte string
        assertThat(withTwo - withOne).isLessThan(500);
    }

    @Test
    void numbersAndBooleansAreSlotsNotObjects() {
        Globals g = globals();
        LuaTable t = new LuaTable(1000, 0);
        g.set("t", t);
        long before = measure(g);
        for (int i = 1; i <= 1000; i++) {
            t.set(i, i % 2 == 0 ? LuaValue.valueOf(i * 0.5) : LuaValue.TRUE);
        }
        assertThat(measure(g)).isEqualTo(before);
    }

    @Test
    void cyclesEnd() {
        Globals g = globals();
        LuaTable a = new LuaTable();
        LuaTable b = new LuaTable();
        a.set("b", b);
        b.set("a", a);
        a.setmetatable(b);
        g.set("a", a);
        assertThat(measure(g)).isPositive();
    }

    @Test
    void weakValuesAreNotHeldThroughTheWeakTable() {
        Globals g = globals();
        LuaTable big = new LuaTable();
        for (int i = 1; i <= 1000; i++) {
            big.set(i, LuaValue.valueOf("v" + i));
        }
        LuaTable weak = new LuaTable();
        LuaTable mt = new LuaTable();
        mt.set("__mode", "v");
        weak.setmetatable(mt);
        weak.set("k", big);
        g.set("w", weak);
        long onlyWeak = measure(g);
        g.set("strong", big);
        assertThat(measure(g) - onlyWeak).isGreaterThan(1000 * (LuaHeap.TSTRING + LuaHeap.BLOCK_OVERHEAD));
    }
}
