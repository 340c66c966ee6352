package org.dovelua.lua;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.LogSink;
import org.dovelua.lua.lua54.vm.CoroutineThreads;
import org.dovelua.lua.lua54.vm.CoroutineThreadsKinds;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The Java threads coroutines run on (issue 17): deep enough for Lua's own stack limit, virtual
 * only where a suspended one gives its carrier back, and ended once their script drops them.
 */
class CoroutineThreadsTest {
    private static LuaScript state(String source) throws ScriptException {
        LuaScript s = LuaScript.load("t.lua", source.getBytes(StandardCharsets.UTF_8),
                DovecotEvent.root("auth", LogSink.NONE, false),
                new ScriptOptions().callTimeout(Duration.ofSeconds(120)));
        s.runBody();
        return s;
    }

    /** lua5.4: {@code true 190000}; LuaJ's coroutine thread had the JVM's default stack and overflowed. */
    @Test
    void deepRecursionInACoroutineReachesLuasDepth() throws Exception {
        try (LuaScript s = state(String.join("\n",
                "local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end",
                "function deep(n) return coroutine.resume(coroutine.create(function() return f(n) end)) end",
                "function runaway() local function r(n) return r(n + 1) + 1 end",
                "  return coroutine.resume(coroutine.create(function() return r(1) end)) end"))) {
            Varargs r = s.call("deep", LuaValue.valueOf(190_000), 2);
            assertThat(r.arg(1).toboolean()).as(r.arg(2).tojstring()).isTrue();
            assertThat(r.arg(2).toint()).isEqualTo(190_000);
            // past Lua's limit: a failed resume whose message is Lua's, without LuaJ's 195,000-line traceback
            Varargs over = s.call("runaway", LuaValue.NONE, 2);
            assertThat(over.arg(1).toboolean()).isFalse();
            assertThat(over.arg(2).tojstring()).endsWith("stack overflow").doesNotContain("traceback");
        }
    }

    /** lua5.4: {@code false t.lua:1: x}; an error in a coroutine carries no traceback. */
    @Test
    void anErrorInACoroutineHasNoTraceback() throws Exception {
        try (LuaScript s = state("function f() return coroutine.resume(coroutine.create(function() error('x') end)) end")) {
            Varargs r = s.call("f", LuaValue.NONE, 2);
            assertThat(r.arg(1).toboolean()).isFalse();
            assertThat(r.arg(2).tojstring()).startsWith("t.lua:1").endsWith("x").doesNotContain("\n");
        }
    }

    /**
     * A coroutine dropped while suspended holds a thread until LuaJ's orphan check sees it
     * collected; none outlives that. The check runs every {@code thread_orphan_check_interval}
     * (5 s in LuaJ, shortened here; the wait is bounded, the assertion is on the count).
     */
    @Test
    void abandonedSuspendedCoroutinesEndTheirThreads() throws Exception {
        long interval = LuaThread.thread_orphan_check_interval;
        LuaThread.thread_orphan_check_interval = 20;
        // let earlier tests' abandoned coroutines end first, so the count below is this test's
        awaitFewerThan(1);
        int before = CoroutineThreads.alive();
        try (LuaScript s = state(String.join("\n",
                "function abandon(n) for i = 1, n do",
                "  local co = coroutine.create(function() coroutine.yield(i) end) coroutine.resume(co) end",
                "  return n end"))) {
            s.call("abandon", LuaValue.valueOf(500), 1);
            assertThat(CoroutineThreads.alive() - before).as("suspended, maybe collected already").isPositive();
            awaitFewerThan(before + 1);
            // at most as many as before: other tests' abandoned coroutines may end meanwhile too
            assertThat(CoroutineThreads.alive()).isLessThanOrEqualTo(before);
        } finally {
            LuaThread.thread_orphan_check_interval = interval;
        }
    }

    /** Collects and waits (at most 30 s) until fewer than {@code n} coroutine threads are alive. */
    private static void awaitFewerThan(int n) throws InterruptedException {
        for (int i = 0; i < 600 && CoroutineThreads.alive() >= n; i++) {
            System.gc();
            Thread.sleep(50);
        }
    }

    /** Java 24 and the stack: the rule that picks the kind (JEP 491, luaconf.h's LUAI_MAXSTACK). */
    @Test
    void virtualThreadsOnlyWhereWaitDoesNotPinAndTheStackIsDeepEnough() {
        long big = CoroutineThreads.STACK_BYTES;
        assertThat(CoroutineThreadsKinds.kindFor(17, big, false)).isEqualTo(CoroutineThreads.Kind.PLATFORM);
        assertThat(CoroutineThreadsKinds.kindFor(21, big, true)).isEqualTo(CoroutineThreads.Kind.PLATFORM);
        assertThat(CoroutineThreadsKinds.kindFor(23, big, true)).isEqualTo(CoroutineThreads.Kind.PLATFORM);
        assertThat(CoroutineThreadsKinds.kindFor(25, 1 << 20, true)).isEqualTo(CoroutineThreads.Kind.PLATFORM);
        assertThat(CoroutineThreadsKinds.kindFor(24, big, true)).isEqualTo(CoroutineThreads.Kind.VIRTUAL);
        assertThat(CoroutineThreadsKinds.kindFor(25, big, true)).isEqualTo(CoroutineThreads.Kind.VIRTUAL);
    }

    /** This JVM's kind follows the rule, and a coroutine runs on a thread of that kind. */
    @Test
    void aCoroutineRunsOnTheKindThisJvmGets() throws Exception {
        boolean hasVirtual;
        try {
            Thread.class.getMethod("ofVirtual");
            hasVirtual = true;
        } catch (NoSuchMethodException e) {
            hasVirtual = false; // Java 17 to 20
        }
        CoroutineThreads.Kind expected = CoroutineThreadsKinds.kindFor(Runtime.version().feature(),
                CoroutineThreadsKinds.defaultStackBytes(), hasVirtual);
        assertThat(CoroutineThreads.kind()).isEqualTo(expected);
        if (Runtime.version().feature() < 24) {
            assertThat(CoroutineThreads.kind()).isEqualTo(CoroutineThreads.Kind.PLATFORM);
        }
        try (LuaScript s = state("function f() return coroutine.wrap(function() return probe() end)() end")) {
            s.globals().set("probe", new org.luaj.vm2.lib.ZeroArgFunction() {
                @Override
                public LuaValue call() {
                    return LuaValue.valueOf(isVirtual(Thread.currentThread()) ? "VIRTUAL" : "PLATFORM");
                }
            });
            assertThat(s.call("f", LuaValue.NONE, 1).arg1().tojstring()).isEqualTo(expected.name());
        }
    }

    private static boolean isVirtual(Thread t) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (ReflectiveOperationException e) {
            return false; // before Java 21 every thread is a platform thread
        }
    }
}
