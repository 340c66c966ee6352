package org.dovelua.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.LogSink;
import org.dovelua.testkit.KnownDivergences;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaValue;

/**
 * {@code error(nil)} in a function Dovecot calls: dlua_pcall's handler is {@code debug.traceback},
 * which makes a nil message into the bare traceback (ldblib.c db_traceback), so Dovecot says
 * {@code lua_pcall(f, 0, 1) failed: stack traceback: ...}. LuaJ's error hook hands the handler
 * {@code valueOf(null)} and the call ends as {@code error in error handling}: a known divergence.
 */
class HostErrorNilTest {
    @Test
    void anUncaughtNilErrorIsTheTraceback() throws Throwable {
        try (LuaScript s = LuaScript.load("t.lua", "function f() error(nil) end".getBytes(StandardCharsets.UTF_8),
                DovecotEvent.root("auth", LogSink.NONE, false), new ScriptOptions())) {
            s.runBody();
            Throwable t = catchThrowable(() -> s.call("f", LuaValue.NONE, 1));
            assertThat(t).isInstanceOf(ScriptException.class); // a script error, whatever its text
            KnownDivergences.expectFailure("HostErrorNilTest.anUncaughtNilErrorIsTheTraceback",
                    "an uncaught error(nil) in a host call reads 'error in error handling' (LuaJ's error hook"
                            + " passes the handler no message), where Dovecot's debug.traceback handler gives the traceback",
                    () -> assertThat(t.getMessage()).startsWith("lua_pcall(f, 0, 1) failed: stack traceback:"));
        }
    }
}
