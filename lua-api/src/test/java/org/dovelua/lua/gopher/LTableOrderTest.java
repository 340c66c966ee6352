package org.dovelua.lua.gopher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** gopher-lua's table order (table.go LTable.Next) for tables filled by Java code and other threads. */
class LTableOrderTest {
    private static List<String> keys(LuaTable t) {
        List<String> out = new ArrayList<>();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = t.next(k);
            k = n.arg1();
            if (k.isnil()) {
                return out;
            }
            out.add(k.tojstring());
        }
    }

    @Test
    void aModuleTableBuiltByJavaOnTheStateThreadIteratesInInsertionOrder() {
        try (GopherState s = GopherState.create()) {
            List<String> order = s.call(() -> {
                LuaTable mod = new LuaTable();
                for (String name : List.of("zeta", "get", "alpha", "set", "mid", "b")) {
                    mod.set(name, LuaValue.TRUE);
                }
                mod.set(2, LuaValue.TRUE);
                mod.rawset(1, LuaValue.TRUE);
                return keys(mod);
            });
            assertThat(order).containsExactly("1", "2", "zeta", "get", "alpha", "set", "mid", "b");
        }
    }

    @Test
    void keysAddedFromAnotherThreadAreStillVisitedAfterTheOrderedOnes() {
        try (GopherState s = GopherState.create()) {
            LuaTable t = s.call(() -> {
                LuaTable x = new LuaTable();
                x.set("first", 1);
                x.set("second", 2);
                return x;
            });
            for (int i = 0; i < 50; i++) {
                t.set("other" + i, i); // this thread is no gopher state's: not in the order
            }
            t.set(100, LuaValue.TRUE);
            List<String> order = s.call(() -> keys(t));
            assertThat(order).hasSize(53);
            assertThat(order.subList(0, 2)).containsExactly("first", "second");
            assertThat(order).contains("other0", "other49", "100");
        }
    }

    @Test
    void aThreadOfNoGopherStateKeepsLuajsOrder() {
        try (GopherState s = GopherState.create()) {
            LuaTable t = new LuaTable();
            t.set("a", 1);
            assertThat(LTableOrder.next(t, LuaValue.NIL)).isNull();
        }
    }
}
