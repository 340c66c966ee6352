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
 * The per-call time limit cannot be caught by Lua code in any thread (issue 17): a runaway loop
 * in a coroutine ends the call even when the script wraps the coroutine in pcall.
 */
class CoroutineBudgetTest {
    private static LuaScript state(String source) throws ScriptException {
        LuaScript s = LuaScript.load("t.lua", source.getBytes(StandardCharsets.UTF_8),
                DovecotEvent.root("auth", LogSink.NONE, false),
                new ScriptOptions().callTimeout(Duration.ofMillis(300)));
        s.runBody();
        return s;
    }

    @Test
    void aRunawayCoroutineUnderPcallStillEndsTheCall() throws Exception {
        try (LuaScript s = state(String.join("\n",
                "function f() local ok = pcall(coroutine.wrap(function() while true do end end)) return 'survived' end",
                "function g() local co = coroutine.create(function() while true do end end)",
                "  local ok = coroutine.resume(co) return 'survived' end",
                "function fine() return coroutine.wrap(function() return 'ok' end)() end"))) {
            for (String fn : new String[] {"f", "g"}) {
                assertThatThrownBy(() -> s.call(fn, LuaValue.NONE, 1)).as(fn).isInstanceOf(ProcessDeath.class)
                        .satisfies(e -> assertThat(((ProcessDeath) e).kind()).isEqualTo(ProcessDeath.Kind.TIMEOUT));
            }
            // the next call starts with a clean record
            assertThat(s.call("fine", LuaValue.NONE, 1).arg1().tojstring()).isEqualTo("ok");
        }
    }

    /** A script that fills the heap ends as a process that ran out of memory, not as a JVM error. */
    @Test
    void runningOutOfMemoryIsTheProcessDying() throws Exception {
        try (LuaScript s = state("")) {
            assertThatThrownBy(() -> s.onThread(() -> {
                throw new OutOfMemoryError("Java heap space");
            }, "auth_passdb_lookup()")).isInstanceOf(ProcessDeath.class)
                    .satisfies(e -> assertThat(((ProcessDeath) e).kind()).isEqualTo(ProcessDeath.Kind.FATAL))
                    .satisfies(e -> assertThat(((ProcessDeath) e).exitCode()).isEqualTo(MemoryBudget.FATAL_OUTOFMEM))
                    .hasMessageStartingWith("dovelua: Out of memory");
        }
    }
}
