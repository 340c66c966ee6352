package org.dovelua.lua.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dovelua.lua.LuaScript;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.lua.ScriptDebugLib;
import org.dovelua.lua.ScriptOptions;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.LogSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luaj.vm2.LuaValue;

/**
 * The line hook behind {@code --coverage}: off, a state has none; on, it counts line events as
 * Lua's {@code LUA_MASKLINE} hook fires them (ldebug.c luaG_traceexec), beside the budgets and a
 * script's own {@code debug.sethook}.
 */
class LineHookTest {
    @TempDir
    Path dir;

    private LuaScript state(String source, Coverage coverage) throws Exception {
        Path file = dir.resolve("t.lua");
        Files.writeString(file, source);
        ScriptOptions o = new ScriptOptions().callTimeout(Duration.ofMillis(500));
        if (coverage != null) {
            o.coverage(coverage, name -> name.equals("t.lua") ? Optional.of(file) : Optional.empty());
        }
        LuaScript s = LuaScript.load("t.lua", source.getBytes(StandardCharsets.UTF_8),
                DovecotEvent.root("auth", LogSink.NONE, false), o);
        s.runBody();
        return s;
    }

    private static ScriptDebugLib debug(LuaScript s) {
        return (ScriptDebugLib) s.globals().debuglib;
    }

    @Test
    void coverageOffInstallsNoHook() throws Exception {
        try (LuaScript s = state("function f() return 1 end", null)) {
            assertThat(debug(s).lineHook()).isNull();
            assertThat(s.call("f", LuaValue.NONE, 1).arg1().toint()).isEqualTo(1);
            assertThat(debug(s).lineHook()).isNull();
        }
        assertThat(new ScriptOptions().coverage()).isNull();
    }

    /** Counted by hand: a line's count is how often the VM entered it (a loop's body once per turn). */
    @Test
    void countsLineEventsAsLuasLineHook() throws Exception {
        Coverage c = new Coverage();
        try (LuaScript s = state(String.join("\n",
                "-- comment",                   // 1: no code
                "local n = 0",                  // 2: once (the chunk)
                "function f(x)",                // 3: once (the global's assignment)
                "  for i = 1, 3 do",            // 4: per call: FORPREP, then FORLOOP 3 times back from line 5
                "    n = n + i",                // 5: 3 per call
                "  end",                        // 6: no code
                "  if x then",                  // 7: once per call
                "    return 1",                 // 8: f(true)
                "  end",                        // 9: no code
                "  return 2",                   // 10: f(false)
                "end",                          // 11: the CLOSURE: once (the chunk); the implicit return: not a line
                // 12: the chunk assigns g (1); g reads coroutine.wrap (1), builds the function on
                // line 14, then calls wrap back on line 12 (1): a call's instruction takes the line
                // its expression starts on (lparser.c funcargs, luaK_fixline): 3
                "function g() return coroutine.wrap(function()",
                "  return 7",                   // 13: once, in the coroutine's thread
                // 14: the chunk's CLOSURE of g and its final return (2), g's CLOSURE of the wrapped function (1): 3
                "end)() end"), c)) {
            s.call("f", LuaValue.varargsOf(new LuaValue[] {LuaValue.TRUE}), 1);
            s.call("f", LuaValue.varargsOf(new LuaValue[] {LuaValue.TRUE}), 1);
            s.call("f", LuaValue.varargsOf(new LuaValue[] {LuaValue.FALSE}), 1);
            assertThat(s.call("g", LuaValue.NONE, 1).arg1().toint()).isEqualTo(7);
        }
        List<FileCoverage> files = c.collect();
        assertThat(files).hasSize(1);
        assertThat(files.get(0).file()).isEqualTo(dir.resolve("t.lua"));
        assertThat(files.get(0).lines()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.ofEntries(
                Map.entry(2, 1L), Map.entry(3, 1L), Map.entry(4, 12L), Map.entry(5, 9L), Map.entry(7, 3L),
                Map.entry(8, 2L), Map.entry(10, 1L), Map.entry(11, 1L), Map.entry(12, 3L), Map.entry(13, 1L),
                Map.entry(14, 3L))));
        assertThat(files.get(0).arms()).containsExactly(new FileCoverage.Branch(7, 0, 0, 2L));
        assertThat(files.get(0).uncovered()).isEmpty();
    }

    @Test
    void theTimeBudgetStillEndsARunawayLoopWithCoverageOn() throws Exception {
        Coverage c = new Coverage();
        try (LuaScript s = state("function spin() while true do end end", c)) {
            assertThatThrownBy(() -> s.call("spin", LuaValue.NONE, 0)).isInstanceOf(ProcessDeath.class)
                    .satisfies(e -> assertThat(((ProcessDeath) e).kind()).isEqualTo(ProcessDeath.Kind.TIMEOUT));
        }
        assertThat(c.collect().get(0).lines().get(1)).isGreaterThan(1);
    }

    @Test
    void aScriptsOwnLineHookStillRunsBesideCoverage() throws Exception {
        Coverage c = new Coverage();
        try (LuaScript s = state(String.join("\n",
                "function f()",
                "  local lines = 0",
                "  debug.sethook(function(ev) lines = lines + 1 end, 'l')",
                "  local a = 1",
                "  local b = 2",
                "  debug.sethook()",
                "  return lines",
                "end"), c)) {
            assertThat(s.call("f", LuaValue.NONE, 1).arg1().toint()).isEqualTo(3);
        }
        assertThat(c.collect().get(0).lines()).containsEntry(4, 1L).containsEntry(7, 1L);
    }

    @Test
    void loadedStringsAndUnreadFilesAreNotCounted() throws Exception {
        Coverage c = new Coverage();
        try (LuaScript s = state("function f() return load('return 1')() end", c)) {
            s.call("f", LuaValue.NONE, 1);
        }
        assertThat(c.collect()).extracting(FileCoverage::file).containsExactly(dir.resolve("t.lua"));
    }
}
