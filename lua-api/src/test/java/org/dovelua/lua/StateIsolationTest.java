package org.dovelua.lua;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.LogSink;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaValue;

/**
 * Every state has its own type metatables, as every lua_State has (issue 17's reproducers): a
 * script that replaces the string metatable's {@code __index}, gives numbers or nil a metatable, or
 * adds a method to {@code string} changes nothing for another state, whichever ran first and also
 * when both run at once.
 */
class StateIsolationTest {
    /** Changes every shared thing a script can reach. */
    private static final String HOSTILE = String.join("\n",
            "getmetatable('').__index = function(s, k) return function() return 'hijacked' end end",
            "getmetatable('').__add = function() return 'added' end",
            "debug.setmetatable(0, {__index = function() return 'number field' end})",
            "debug.setmetatable(nil, {__index = function() return 'nil field' end})",
            "debug.setmetatable(print, {__index = function() return 'function field' end})",
            "debug.setmetatable(true, {__len = function() return 42 end})",
            "string.upper = function() return 'shouting' end",
            "table.concat = nil math.floor = nil",
            "function check() return ('x'):upper() end",
            "metatables = check",
            "");

    /** What a well-behaved script sees; its string.trim is a method of its own strings only. */
    private static final String VICTIM = String.join("\n",
            "function string.trim(s) return (s:gsub('^%s+', ''):gsub('%s+$', '')) end",
            "function check()",
            "  local out = {('  x  '):trim(), ('abc'):upper(), tostring(getmetatable('').__index == string),",
            "    tostring(getmetatable(0)), tostring(getmetatable(nil)), tostring(getmetatable(print)),",
            "    tostring(getmetatable(true)), select(2, pcall(function() return ('a') + 1 end)),",
            "    select(2, pcall(function() local n = 5 return n.x end)), tostring(table.concat ~= nil),",
            "    tostring(math.floor(2.5))}",
            "  return table.concat(out, '|')",
            "end",
            "function metatables()",
            "  return ('  x  '):trim() .. ('abc'):upper() .. tostring(getmetatable('').__index == string)",
            "    .. tostring(getmetatable(0)) .. tostring(getmetatable(nil)) .. tostring(getmetatable(true))",
            "end",
            "");

    /** What lua5.4 prints for the victim's check() in a fresh state. */
    private static final String EXPECTED = "x|ABC|true|nil|nil|nil|nil|"
            + "victim.lua:5: attempt to add a 'string' with a 'number'|"
            + "victim.lua:6: attempt to index a number value (local 'n')|true|2";

    private static LuaScript state(String name, String source) throws ScriptException {
        LuaScript s = LuaScript.load(name, source.getBytes(StandardCharsets.UTF_8),
                DovecotEvent.root("auth", LogSink.NONE, false), new ScriptOptions().callTimeout(Duration.ofSeconds(5)));
        s.runBody();
        return s;
    }

    private static String check(LuaScript s) throws ScriptException {
        return s.call("check", LuaValue.NONE, 1).arg1().tojstring();
    }

    @Test
    void aHostileStateBeforeChangesNothingForTheNext() throws Exception {
        try (LuaScript hostile = state("hostile.lua", HOSTILE)) {
            assertThat(check(hostile)).isEqualTo("hijacked");
            try (LuaScript victim = state("victim.lua", VICTIM)) {
                assertThat(check(victim)).isEqualTo(EXPECTED);
            }
        }
    }

    @Test
    void aHostileStateAfterChangesNothingForTheFirst() throws Exception {
        try (LuaScript victim = state("victim.lua", VICTIM)) {
            assertThat(check(victim)).isEqualTo(EXPECTED);
            try (LuaScript hostile = state("hostile.lua", HOSTILE)) {
                assertThat(check(hostile)).isEqualTo("hijacked");
                assertThat(check(victim)).isEqualTo(EXPECTED);
            }
        }
    }

    @Test
    void statesRunningAtOnceKeepTheirOwn() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                boolean hostile = i % 2 == 0;
                results.add(pool.submit((Callable<String>) () -> {
                    try (LuaScript s = hostile ? state("hostile.lua", HOSTILE) : state("victim.lua", VICTIM)) {
                        String first = check(s);
                        // coroutines run on threads of their own, and see their state's metatables
                        s.globals().load("function inCoroutine() return coroutine.wrap(metatables)() end", "=t").call();
                        String outside = s.call("metatables", LuaValue.NONE, 1).arg1().tojstring();
                        String inside = s.call("inCoroutine", LuaValue.NONE, 1).arg1().tojstring();
                        return outside.equals(inside) ? first : first + " / coroutine: " + inside;
                    }
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? "hijacked" : EXPECTED);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
