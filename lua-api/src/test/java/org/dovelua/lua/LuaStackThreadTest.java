package org.dovelua.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.LogSink;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.ZeroArgFunction;

/**
 * Calls made from a {@link LuaStackThread} run on that thread instead of being handed to the
 * state's own thread; what a script sees and the per-call limit must be the same either way.
 */
class LuaStackThreadTest {
    private static final String SCRIPT = String.join("\n",
            "function whoami() return thread_name() end",
            "local function deep(n) return 1 + deep(n + 1) end",
            "function recurse() return deep(1) end",
            "local t = setmetatable({}, {__index = function(t, k) return t[k] end})",
            "function cloop() return t.x end",
            "function fails() error('no ' .. ('way'):upper()) end",
            "function co() local c = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)",
            "  return c(1) + c(10) end",
            "function spin() while true do end end",
            "function mark() getmetatable('').__index.mine = function() return 'marked' end return ('x'):mine() end",
            "function probe() return pcall(function() return ('x'):mine() end) end",
            "function nap() return sleep_java() end");

    private static LuaScript load(Duration limit) throws ScriptException {
        LuaScript s = LuaScript.load("t.lua", SCRIPT.getBytes(StandardCharsets.UTF_8),
                DovecotEvent.root("auth", LogSink.NONE, false), new ScriptOptions().callTimeout(limit));
        s.globals().set("thread_name", new ZeroArgFunction() {
            @Override
            public LuaValue call() {
                return LuaValue.valueOf(Thread.currentThread().getName());
            }
        });
        s.globals().set("sleep_java", new ZeroArgFunction() {
            @Override
            public LuaValue call() {
                try {
                    Thread.sleep(60_000); // Java code the instruction hook does not see
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return LuaValue.valueOf("woke");
            }
        });
        s.runBody();
        return s;
    }

    private static <T> T onLuaStack(Callable<T> work) throws Exception {
        Object[] out = new Object[1];
        Exception[] failure = new Exception[1];
        LuaStackThread.runOnOne("caller", () -> {
            try {
                out[0] = work.call();
            } catch (Exception e) {
                failure[0] = e;
            }
            return null;
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T t = (T) out[0];
        return t;
    }

    /** The answers of every call below, or the failure's class and message. */
    private static List<String> answers(LuaScript s) {
        List<String> out = new ArrayList<>();
        for (String fn : List.of("recurse", "cloop", "fails", "co", "whoami")) {
            try {
                out.add(fn + " -> " + s.call(fn, LuaValue.NONE, 1).arg1().tojstring().replace("lua:t.lua", "own"));
            } catch (ScriptException | RuntimeException e) {
                out.add(fn + " -> " + e.getClass().getSimpleName() + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return out;
    }

    @Test
    void aCallFromALuaStackThreadRunsThereAndAnswersAsAHandedOverOne() throws Exception {
        List<String> handedOver;
        try (LuaScript s = load(Duration.ofSeconds(20))) {
            handedOver = answers(s);
        }
        List<String> direct;
        try (LuaScript s = load(Duration.ofSeconds(20))) {
            direct = onLuaStack(() -> answers(s));
        }
        assertThat(handedOver).containsExactly(
                "recurse -> ScriptException: lua_pcall(recurse, 0, 1) failed: t.lua:2: stack overflow",
                "cloop -> ScriptException: lua_pcall(cloop, 0, 1) failed: t.lua:4: C stack overflow",
                "fails -> ScriptException: lua_pcall(fails, 0, 1) failed: t.lua:6: no WAY",
                "co -> 22",
                "whoami -> own");
        assertThat(direct.subList(0, 4)).containsExactlyElementsOf(handedOver.subList(0, 4));
        assertThat(direct.get(4)).isEqualTo("whoami -> caller");
    }

    @Test
    void eachCallSeesItsOwnStatesStringMetatableOnTheSameThread() throws Exception {
        try (LuaScript a = load(Duration.ofSeconds(20)); LuaScript b = load(Duration.ofSeconds(20))) {
            List<String> seen = onLuaStack(() -> List.of(
                    a.call("mark", LuaValue.NONE, 1).arg1().tojstring(),
                    b.call("probe", LuaValue.NONE, 1).arg1().tojstring(),
                    a.call("probe", LuaValue.NONE, 1).arg1().tojstring()));
            assertThat(seen).containsExactly("marked", "false", "true");
        }
    }

    @Test
    void theInstructionHookEndsADirectCallAtItsLimit() throws Exception {
        try (LuaScript s = load(Duration.ofMillis(200))) {
            assertThatThrownBy(() -> onLuaStack(() -> s.call("spin", LuaValue.NONE, 0)))
                    .isInstanceOf(ProcessDeath.class).hasMessage("spin() ran longer than the per-call limit of 200 ms");
        }
    }

    @Test
    void theWatchdogEndsADirectCallStuckInJavaCodeAndTheStateStaysWedged() throws Exception {
        try (LuaScript s = load(Duration.ofMillis(100))) {
            List<String> seen = onLuaStack(() -> {
                List<String> out = new ArrayList<>();
                try {
                    s.call("nap", LuaValue.NONE, 1);
                    out.add("answered");
                } catch (ProcessDeath e) {
                    out.add(e.getMessage());
                }
                out.add("interrupted after: " + Thread.currentThread().isInterrupted());
                try {
                    s.call("whoami", LuaValue.NONE, 1);
                    out.add("answered");
                } catch (ProcessDeath e) {
                    out.add(e.getMessage());
                }
                return out;
            });
            assertThat(seen).containsExactly("nap() ran longer than the per-call limit of 100 ms",
                    "interrupted after: false",
                    "the Lua state of t.lua is still busy with an earlier call that ran out of time");
        }
    }

    @Test
    void anotherThreadsCallWaitsForTheDirectOneToFinish() throws Exception {
        try (LuaScript s = load(Duration.ofSeconds(20))) {
            s.globals().load("count = 0 function bump() local c = count for i = 1, 2000 do end count = c + 1 return count end",
                    "=x").call();
            int perThread = 300;
            Thread handing = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    try {
                        s.call("bump", LuaValue.NONE, 1);
                    } catch (ScriptException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            handing.start();
            onLuaStack(() -> {
                for (int i = 0; i < perThread; i++) {
                    s.call("bump", LuaValue.NONE, 1);
                }
                return null;
            });
            handing.join();
            assertThat(s.call("bump", LuaValue.NONE, 1).arg1().toint()).isEqualTo(2 * perThread + 1);
        }
    }
}
