package org.dovelua.lua.lua54.vm;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Java thread a coroutine runs on. LuaJ 3.0.1 runs each coroutine on a thread of its own
 * ({@code LuaThread.State.lua_resume()} does {@code new Thread(state, "Coroutine-" + n).start()});
 * the patched {@code lua_resume} asks {@link #newThread} for it instead.
 *
 * <p>A virtual thread where it behaves as a coroutine must: Java 24 or later, where a virtual
 * thread waiting in {@code Object.wait()} (as a suspended coroutine does, in {@code lua_yield})
 * gives its carrier back (JEP 491; on 21 to 23 it pins the carrier, so a few hundred suspended
 * coroutines would stall every other one), and a JVM whose threads' default stack
 * ({@code -Xss}) is at least {@link #STACK_BYTES}, because a virtual thread runs on its carrier's
 * stack and Lua code must reach Lua's own {@code stack overflow} (about 195,000 nested calls,
 * {@code LUAI_MAXSTACK} of luaconf.h) inside a coroutine as on the main thread. Elsewhere a
 * platform thread with a stack of that size (reserved, committed only as it is used).
 *
 * <p>A coroutine its script dropped while suspended ends by LuaJ's own rule: its thread wakes
 * every {@code LuaThread.thread_orphan_check_interval} ms (5 s) and ends once the coroutine
 * ({@code LuaThread}, held only weakly by the thread) has been collected.
 */
public final class CoroutineThreads {
    /** The Java stack of every thread that runs Lua code: a state's call thread and its coroutines. */
    public static final long STACK_BYTES = 1L << 30;
    /** Java 24: {@code Object.wait()} no longer pins a virtual thread (JEP 491). */
    private static final int WAIT_UNPINNED_SINCE = 24;

    /** Which kind of thread a coroutine gets in this JVM. */
    public enum Kind { VIRTUAL, PLATFORM }

    private static final VirtualBuilder VIRTUAL = VirtualBuilder.find();
    /** Coroutine threads started and not yet ended (virtual ones are in no thread group to count). */
    private static final AtomicInteger ALIVE = new AtomicInteger();

    private CoroutineThreads() {
    }

    /** The kind coroutines get in this JVM. */
    public static Kind kind() {
        return VIRTUAL != null ? Kind.VIRTUAL : Kind.PLATFORM;
    }

    /**
     * The kind for a JVM of {@code feature} version (21 for Java 21) whose threads' default stack
     * is {@code defaultStackBytes} (0 when unknown), when it has {@code Thread.ofVirtual()}.
     */
    static Kind kindFor(int feature, long defaultStackBytes, boolean hasVirtualThreads) {
        boolean fits = hasVirtualThreads && feature >= WAIT_UNPINNED_SINCE && defaultStackBytes >= STACK_BYTES;
        return fits ? Kind.VIRTUAL : Kind.PLATFORM;
    }

    /** Coroutine threads alive in this JVM: started, and neither finished nor ended as orphans. */
    public static int alive() {
        return ALIVE.get();
    }

    /** Called from patched {@code LuaThread.State.lua_resume()}: the unstarted thread of a coroutine. */
    public static Thread newThread(Runnable state, String name) {
        Runnable coroutine = () -> {
            ALIVE.incrementAndGet();
            try {
                state.run();
            } finally {
                ALIVE.decrementAndGet();
            }
        };
        if (VIRTUAL != null) {
            return VIRTUAL.unstarted(coroutine, name);
        }
        // LuaJ's new Thread(state, name) with the stack Lua code needs; daemon, as the state's thread is
        Thread t = new Thread(null, coroutine, name, STACK_BYTES);
        t.setDaemon(true);
        return t;
    }

    /** {@code Thread.ofVirtual().name(name).unstarted(r)}, called through handles so that this compiles for Java 17. */
    private record VirtualBuilder(MethodHandle ofVirtual, MethodHandle name, MethodHandle unstarted) {
        /** The builder, or null where coroutines get platform threads. */
        static VirtualBuilder find() {
            MethodHandles.Lookup l = MethodHandles.publicLookup();
            try {
                Class<?> b = Class.forName("java.lang.Thread$Builder$OfVirtual");
                VirtualBuilder v = new VirtualBuilder(l.findStatic(Thread.class, "ofVirtual", MethodType.methodType(b)),
                        l.findVirtual(b, "name", MethodType.methodType(b, String.class)),
                        l.findVirtual(b, "unstarted", MethodType.methodType(Thread.class, Runnable.class)));
                return kindFor(Runtime.version().feature(), defaultStackBytes(), true) == Kind.VIRTUAL ? v : null;
            } catch (ReflectiveOperationException e) {
                return null; // Java 17 to 20: no virtual threads
            }
        }

        Thread unstarted(Runnable r, String threadName) {
            try {
                Object builder = name.invoke(ofVirtual.invoke(), threadName);
                return (Thread) unstarted.invoke(builder, r);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** The JVM's default thread stack ({@code -Xss}, the {@code ThreadStackSize} flag in KiB), or 0. */
    static long defaultStackBytes() {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean == null ? 0 : Long.parseLong(bean.getVMOption("ThreadStackSize").getValue()) * 1024;
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }
}
