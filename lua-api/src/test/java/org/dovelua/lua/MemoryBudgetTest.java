package org.dovelua.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.LogSink;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaValue;

/**
 * A state that holds more than its budget dies as a process past its {@code vsz_limit} does
 * (issue 17): fatal, exit status 83, whatever pcall or coroutine the growth happens in; a state
 * that only makes garbage lives on.
 */
class MemoryBudgetTest {
    private static final long BUDGET = 8L << 20;

    private static LuaScript state(String source) throws ScriptException {
        LuaScript s = LuaScript.load("/etc/dovecot/leak.lua", source.getBytes(StandardCharsets.UTF_8),
                DovecotEvent.root("auth", LogSink.NONE, false),
                new ScriptOptions().callTimeout(Duration.ofSeconds(60))
                        .memoryBudget(new MemoryBudget(BUDGET, "service auth-worker { vsz_limit }")));
        s.runBody();
        return s;
    }

    private static void diesOutOfMemory(LuaScript s, String fn) {
        assertThatThrownBy(() -> s.call(fn, LuaValue.NONE, 1)).as(fn).isInstanceOf(ProcessDeath.class)
                .satisfies(e -> {
                    ProcessDeath d = (ProcessDeath) e;
                    assertThat(d.kind()).isEqualTo(ProcessDeath.Kind.FATAL);
                    assertThat(d.exitCode()).isEqualTo(MemoryBudget.FATAL_OUTOFMEM);
                    assertThat(d.getMessage()).startsWith("dovelua: Out of memory: the Lua state of /etc/dovecot/leak.lua holds ")
                            .contains("past its budget of 8 MB (service auth-worker { vsz_limit })")
                            .contains("raise service auth-worker { vsz_limit }");
                });
    }

    @Test
    void growingAGlobalTableUnderPcallDies() throws Exception {
        try (LuaScript s = state("keep = {} function f() pcall(function() for i = 1, 1e8 do"
                + " keep[#keep + 1] = ('x'):rep(100) .. i end end) return 'survived' end")) {
            diesOutOfMemory(s, "f");
        }
    }

    @Test
    void growingALocalTableDies() throws Exception {
        // held only by a register of the running call: the walk must see the stack
        try (LuaScript s = state("function f() local t = {} for i = 1, 1e8 do t[i] = {i, tostring(i)} end end")) {
            diesOutOfMemory(s, "f");
        }
    }

    @Test
    void growingInsideACoroutineDies() throws Exception {
        try (LuaScript s = state("function f() local co = coroutine.wrap(function() local t = {}"
                + " for i = 1, 1e8 do t[i] = 'v' .. i end end) return pcall(co) end")) {
            diesOutOfMemory(s, "f");
        }
    }

    @Test
    void leakingAcrossCallsDiesOnTheCallThatPassesTheBudget() throws Exception {
        try (LuaScript s = state("cache = {} n = 0 function f() for i = 1, 20000 do n = n + 1"
                + " cache[n] = ('y'):rep(50) .. n end return n end")) {
            int calls = 0;
            try {
                while (calls < 1000) {
                    s.call("f", LuaValue.NONE, 1);
                    calls++;
                }
            } catch (ProcessDeath d) {
                assertThat(d.exitCode()).isEqualTo(MemoryBudget.FATAL_OUTOFMEM);
            }
            // each call keeps about 20000 * (100 + 16) bytes in Lua 5.4 terms: ~2.3 MB
            assertThat(calls).isBetween(2, 6);
        }
    }

    @Test
    void garbageIsNotHeld() throws Exception {
        // allocates far more than the budget in all, but keeps almost nothing
        try (LuaScript s = state("function f() local n = 0 for i = 1, 300000 do local s = ('z'):rep(200) .. i"
                + " local t = {s, s, s} n = n + #t[1] end return n end")) {
            assertThat(s.call("f", LuaValue.NONE, 1).arg1().tolong()).isGreaterThan(60_000_000L);
        }
    }

    @Test
    void noBudgetMeansNoLimit() throws Exception {
        try (LuaScript s = LuaScript.load("t.lua", ("keep = {} function f() for i = 1, 200000 do"
                + " keep[i] = ('x'):rep(100) .. i end return #keep end").getBytes(StandardCharsets.UTF_8),
                DovecotEvent.root("auth", LogSink.NONE, false),
                new ScriptOptions().memoryBudget(MemoryBudget.unlimited()))) {
            s.runBody();
            assertThat(s.call("f", LuaValue.NONE, 1).arg1().toint()).isEqualTo(200000);
        }
    }
}
