package org.dovelua.lua.dovecot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.lua.LuaScript;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.lua.ScriptException;
import org.dovelua.lua.ScriptOptions;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** The {@code dovecot} global (dlua-dovecot.c, spec §4) and the script lifecycle (dlua-script.c, §3). */
class DovecotLibTest {
    private final List<String> log = new ArrayList<>();

    private LuaScript script(String source, boolean debug) throws ScriptException {
        DovecotEvent root = DovecotEvent.root("auth", (p, l, m) -> log.add(p + ": " + l.label() + ": " + m), debug);
        LuaScript s = LuaScript.load("/etc/dovecot/t.lua", source.getBytes(StandardCharsets.UTF_8), root,
                new ScriptOptions().callTimeout(Duration.ofSeconds(30)));
        s.globals().load(new DovecotLib(s));
        s.runBody();
        return s;
    }

    private String eval(LuaScript s, String expr) throws ScriptException {
        s.globals().load("function __t() return " + expr + " end", "=t").call();
        return s.call("__t", LuaValue.NONE, 1).arg1().tojstring();
    }

    @Test
    void functionsLiveOnTheMetatable() throws Exception {
        LuaScript s = script("", false);
        assertThat(eval(s, "next(dovecot)")).isEqualTo("nil");
        assertThat(eval(s, "type(dovecot.i_info)")).isEqualTo("function");
        assertThat(eval(s, "type(getmetatable(dovecot).i_info)")).isEqualTo("function");
    }

    /** luaL_newmetatable(L, "dovecot") names the metatable (real 2.3.19, 2.4.1, 2.4.5: cases 470-472). */
    @Test
    void metatableIsNamedDovecot() throws Exception {
        LuaScript s = script("", false);
        assertThat(eval(s, "getmetatable(dovecot).__name")).isEqualTo("dovecot");
        assertThat(eval(s, "tostring(dovecot):match('^%a+')")).isEqualTo("dovecot");
    }

    @Test
    void processLoggersHaveNoPrefixAndDebugIsNotGated() throws Exception {
        LuaScript s = script("dovecot.i_debug('d') dovecot.i_info('i') dovecot.i_warning(3) dovecot.i_error('e')", false);
        assertThat(log).containsExactly("auth: Debug: d", "auth: Info: i", "auth: Warning: 3", "auth: Error: e");
        s.close();
    }

    @Test
    void strictArgumentCounts() throws Exception {
        LuaScript s = script("", false);
        assertThat(eval(s, "select(2, pcall(dovecot.i_info))")).isEqualTo("expected 1 arguments, got 0");
        assertThat(eval(s, "select(2, pcall(dovecot.i_info, 'a', 'b'))")).isEqualTo("expected 1 arguments, got 2");
        assertThat(eval(s, "select(2, pcall(dovecot.event, 1, 2))")).isEqualTo("expected 0 to 1 arguments, got 2");
        assertThat(eval(s, "select(2, pcall(dovecot.i_info, nil))"))
                .isEqualTo("bad argument #1 to 'i_info' (string expected, got nil)");
    }

    @Test
    void flags() throws Exception {
        LuaScript s = script("", false);
        assertThat(eval(s, "dovecot.set_flag(dovecot.set_flag(2, 4), 16)")).isEqualTo("22");
        assertThat(eval(s, "dovecot.has_flag(22, 8)")).isEqualTo("false");
        assertThat(eval(s, "dovecot.has_flag(22, 4)")).isEqualTo("true");
        assertThat(eval(s, "dovecot.clear_flag(22, 4)")).isEqualTo("18");
        assertThat(eval(s, "select(2, pcall(dovecot.has_flag, 1.5, 1))"))
                .isEqualTo("bad argument #1 to 'has_flag' (number has no integer representation)");
    }

    @Test
    void restrictGlobalVariables() throws Exception {
        LuaScript s = script("dovecot.restrict_global_variables(true)\nfunction f() end\n", false);
        assertThat(eval(s, "select(2, pcall(function() return undefined_thing end))"))
                .isEqualTo("attempt to write to read undeclared global variable undefined_thing");
        assertThat(eval(s, "select(2, pcall(function() newvar = 1 end))"))
                .isEqualTo("attempt to write to undeclared global variable newvar");
        assertThat(eval(s, "type(f)")).isEqualTo("function");
        eval(s, "dovecot.restrict_global_variables(false)");
        assertThat(eval(s, "tostring(undefined_thing)")).isEqualTo("nil");
    }

    @Test
    void eventsChainAndLogWithTheirPrefix() throws Exception {
        LuaScript s = script("local e = dovecot.event():append_log_prefix('pfx: '):add_str('k', 'v')\n"
                + "e:log_info('hello') e:log_debug('hidden')\n"
                + "dovecot.event(e):append_log_prefix('sub: '):log_warning('w')\n"
                + "e:passthrough_event():log_error('pt')\n", false);
        assertThat(log).containsExactly("auth: Info: pfx: hello", "auth: Warning: pfx: sub: w", "auth: Error: pfx: pt");
        assertThat(eval(s, "select(2, pcall(dovecot.event():append_log_prefix('x').log_info, 'x', 'y'))"))
                .isEqualTo("Bad argument #1, expected struct event got string");
    }

    @Test
    void eventDebugFollowsAuthDebug() throws Exception {
        script("dovecot.event():log_debug('dbg')", true);
        assertThat(log).containsExactly("auth: Debug: dbg");
    }

    @Test
    void callErrorsCarryDovecotsTexts() throws Exception {
        LuaScript s = script("function boom() error('boom') end", false);
        assertThatThrownBy(() -> s.call("boom", LuaValue.NONE, 2))
                .hasMessageStartingWith("lua_pcall(boom, 0, 2) failed: /etc/dovecot/t.lua:1")
                .hasMessageContaining("boom\nstack traceback:");
        assertThatThrownBy(() -> s.call("missing", LuaValue.NONE, 2)).hasMessage("'missing' is not a function");
    }

    @Test
    void pcallInsideTheScriptSeesNoTraceback() throws Exception {
        LuaScript s = script("function f() local ok, e = pcall(error, 'x', 0) return e end", false);
        assertThat(s.call("f", LuaValue.NONE, 1).arg1().tojstring()).isEqualTo("x");
    }

    @Test
    void resultsArePaddedAndCut() throws Exception {
        LuaScript s = script("function one() return 1 end function three() return 1, 2, 3 end", false);
        Varargs r = s.call("one", LuaValue.NONE, 2);
        assertThat(r.narg()).isEqualTo(2);
        assertThat(r.arg(2).isnil()).isTrue();
        assertThat(s.call("three", LuaValue.NONE, 2).narg()).isEqualTo(2);
    }

    @Test
    void syntaxErrorsAreLuaLoadFailures() {
        assertThatThrownBy(() -> script("function x(", false))
                .hasMessageStartingWith("lua_load(/etc/dovecot/t.lua) failed: ");
    }

    @Test
    void bodyErrorsAreLuaPcallOfTheFile() {
        assertThatThrownBy(() -> script("error('top')", false))
                .hasMessageStartingWith("lua_pcall(/etc/dovecot/t.lua) failed: ");
    }

    @Test
    void deepRecursionIsLuasStackOverflowNotTheJvms() throws Exception {
        LuaScript s = script("local function f() return 1 + f() end function g() return pcall(f) end", false);
        Varargs r = s.call("g", LuaValue.NONE, 2);
        assertThat(r.arg1().toboolean()).isFalse();
        assertThat(r.arg(2).tojstring()).endsWith("stack overflow");
    }

    @Test
    void tracebacksAreShortenedLikeLuaLTraceback() {
        StringBuilder tb = new StringBuilder("stack traceback:");
        for (int i = 0; i < 30; i++) {
            tb.append("\n\tf").append(i);
        }
        String s = LuaScript.shortenTraceback(tb.toString());
        assertThat(s.split("\n")).hasSize(1 + 10 + 1 + 11);
        assertThat(s).contains("\n\t...\t(skipping 9 levels)\n\tf19");
    }

    @Test
    void runawayLoopsEndWithProcessDeathEvenInsidePcall() throws Exception {
        DovecotEvent root = DovecotEvent.root("auth", LogSink.NONE, false);
        LuaScript s = LuaScript.load("/t.lua", "function spin() pcall(function() while true do end end) end"
                .getBytes(StandardCharsets.UTF_8), root, new ScriptOptions().callTimeout(Duration.ofMillis(200)));
        s.runBody();
        assertThatThrownBy(() -> s.call("spin", LuaValue.NONE, 0)).isInstanceOf(ProcessDeath.class)
                .hasMessageContaining("per-call limit of 200 ms");
        s.close();
    }

    /**
     * lib-event.c event_set_append_log_prefix() sets the event's own prefix: a second
     * {@code append_log_prefix} replaces the first (seen on 2.4.5, case 403: {@code custom: more: }).
     */
    @Test
    void appendLogPrefixReplacesTheEventsOwnPrefix() throws Exception {
        LuaScript s = script("", false);
        eval(s, "dovecot.event():append_log_prefix('a: '):append_log_prefix('b: '):log_info('x')");
        eval(s, "dovecot.event(dovecot.event():append_log_prefix('p: ')):append_log_prefix('c: '):log_info('y')");
        assertThat(log).containsExactly("auth: Info: b: x", "auth: Info: p: c: y");
    }
}
