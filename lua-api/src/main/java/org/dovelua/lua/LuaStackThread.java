package org.dovelua.lua;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadFactory;
import org.dovelua.lua.lua54.vm.CoroutineThreads;

/**
 * A thread with a Lua state's stack ({@link CoroutineThreads#STACK_BYTES}, so deep recursion
 * reaches Lua's own "stack overflow" first). A {@link LuaScript} called from such a thread runs
 * the call right there instead of handing it to the state's own thread and back, which costs
 * more than a short call itself; the per-call limit is kept by the instruction hook and, for Java
 * code the hook cannot see, by {@link CallWatchdog}.
 *
 * <p>dovelua runs its commands, test workers and bench workers on these; a Java API caller's own
 * thread hands each call over as before.
 */
public final class LuaStackThread extends Thread {
    private static final Set<LuaStackThread> LIVE = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    /** The call running here directly, watched against its deadline; null between calls. */
    volatile CallWatchdog.Watched running;

    public LuaStackThread(Runnable work, String name) {
        super(null, work, name, CoroutineThreads.STACK_BYTES);
        setDaemon(true);
        LIVE.add(this);
    }

    /** Threads named {@code name-N} for a pool. */
    public static ThreadFactory factory(String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> new LuaStackThread(r, name + "-" + n.incrementAndGet());
    }

    /**
     * Runs {@code work} on a new thread of this kind and returns its result; what it throws is
     * thrown here. For a command line's main work.
     */
    public static <T> T runOnOne(String name, java.util.function.Supplier<T> work) throws InterruptedException {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        LuaStackThread t = new LuaStackThread(() -> {
            try {
                result[0] = work.get();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, name);
        t.start();
        t.join();
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /** The threads of this kind that are alive, for the watchdog's look. */
    static LuaStackThread[] live() {
        synchronized (LIVE) {
            return LIVE.toArray(new LuaStackThread[0]);
        }
    }
}
