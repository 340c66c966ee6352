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
 * Lua 5.4's C-level limit (lstate.c luaE_checkcstack, LUAI_MAXCCALLS 200) as a host call meets
 * it (issue 17): a recursion through a metamethod fails the call at once with lua_pcall's
 * {@code C stack overflow} instead of running into the time limit, and the state serves the next call.
 */
class CStackTest {
    @Test
    void aMetamethodRecursionFailsTheCallAndTheStateGoesOn() throws Exception {
        try (LuaScript s = LuaScript.load("t.lua", String.join("\n",
                "local t = setmetatable({}, {__index = function(t, k) return t[k] end})",
                "function loop() return t.x end",
                "function fine() return 'ok' end",
                "function caught() local ok, e = pcall(function() return t.x end) return e end").getBytes(
                        StandardCharsets.UTF_8), DovecotEvent.root("auth", LogSink.NONE, false),
                new ScriptOptions().callTimeout(Duration.ofSeconds(20)))) {
            s.runBody();
            assertThatThrownBy(() -> s.call("loop", LuaValue.NONE, 1)).isInstanceOf(ScriptException.class)
                    .hasMessageStartingWith("lua_pcall(loop, 0, 1) failed: t.lua:1: C stack overflow\nstack traceback:");
            assertThat(s.call("fine", LuaValue.NONE, 1).arg1().tojstring()).isEqualTo("ok");
            assertThat(s.call("caught", LuaValue.NONE, 1).arg1().tojstring()).isEqualTo("t.lua:1: C stack overflow");
        }
    }
}
