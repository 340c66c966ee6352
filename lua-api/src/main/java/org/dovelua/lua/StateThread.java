package org.dovelua.lua;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The thread a {@link LuaScript}'s state runs on, and the hand-over of one call at a time to it.
 *
 * <p>A caller on a {@link LuaStackThread} runs the call itself, with the state's bindings on its
 * thread for the call: handing a call over and back (park, unpark, two context switches) costs
 * more than a short Lua call, measured as half of {@code bench}'s CPU. Other callers hand it to
 * the state's own thread, which is made on first use; a short spin before either side parks
 * saves the wake-up when the other answers within microseconds.
 */
final class StateThread {
    /** How long a waiting side spins ({@link Thread#onSpinWait}) before it parks. */
    private static final long SPIN_NANOS = 2_000;

    private final String name;
    private final java.util.function.Supplier<Runnable> bind;
    private final ReentrantLock callers = new ReentrantLock();
    private volatile Thread thread;
    private volatile Call<?> pending;
    private volatile boolean idle;
    private volatile boolean closed;

    /**
     * {@code bind} binds the state's thread-locals to the calling thread and returns what puts
     * back the ones it replaced; the state's own thread runs it once and keeps them.
     */
    StateThread(String name, java.util.function.Supplier<Runnable> bind) {
        this.name = name;
        this.bind = bind;
    }

    /**
     * Runs {@code work} for the state, one call at a time, and waits up to {@code timeoutNanos}
     * for it. A failure of the work comes back as the cause of an {@link ExecutionException}; on
     * a time-out the thread running it is interrupted (what it runs may notice) and
     * {@link TimeoutException} is thrown (for a direct call, once it has returned).
     */
    <T> T call(Callable<T> work, long timeoutNanos) throws ExecutionException, TimeoutException,
            InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        if (!callers.tryLock(timeoutNanos, TimeUnit.NANOSECONDS)) {
            throw new TimeoutException(); // still behind another caller's call
        }
        try {
            if (closed) {
                throw new java.util.concurrent.RejectedExecutionException("the Lua state is closed");
            }
            if (Thread.currentThread() instanceof LuaStackThread here) {
                return callHere(here, work, deadline);
            }
            Call<T> c = new Call<>(work, Thread.currentThread());
            pending = c;
            Thread t = started();
            if (idle) {
                LockSupport.unpark(t);
            }
            if (!c.await(deadline)) {
                t.interrupt();
                throw new TimeoutException();
            }
            if (c.failure != null) {
                throw new ExecutionException(c.failure);
            }
            return c.value;
        } finally {
            callers.unlock();
        }
    }

    private <T> T callHere(LuaStackThread here, Callable<T> work, long deadline) throws ExecutionException,
            TimeoutException {
        CallWatchdog.Watched outer = here.running;
        CallWatchdog.Watched watch = new CallWatchdog.Watched(here, deadline);
        Runnable unbind = bind.get();
        here.running = watch;
        T value;
        Throwable failure = null;
        try {
            value = work.call();
        } catch (Throwable t) {
            value = null;
            failure = t;
        } finally {
            here.running = outer;
            unbind.run();
        }
        if (watch.finish()) {
            throw new TimeoutException();
        }
        if (failure != null) {
            throw new ExecutionException(failure);
        }
        return value;
    }

    /** Stops the state's own thread: interrupts what it runs, and it ends once that returns. */
    void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private Thread started() {
        Thread t = thread;
        if (t == null) {
            t = new LuaStackThread(() -> {
                bind.get();
                serve();
            }, name);
            thread = t;
            t.start();
        }
        return t;
    }

    private void serve() {
        while (!closed) {
            Call<?> c = next();
            if (c != null) {
                c.run();
            }
        }
    }

    /** The next call, or null when the thread was interrupted or closed while waiting. */
    private Call<?> next() {
        Thread.interrupted(); // a time-out's interrupt was meant for the call it abandoned
        long start = System.nanoTime();
        for (int i = 0; ; i++) {
            Call<?> c = pending;
            if (c != null) {
                pending = null;
                return c;
            }
            if (closed) {
                return null;
            }
            if ((i & 31) == 31 && System.nanoTime() - start > SPIN_NANOS) {
                idle = true;
                if (pending == null && !closed) {
                    LockSupport.park(this);
                }
                idle = false;
                if (Thread.interrupted() && closed) {
                    return null;
                }
                start = System.nanoTime();
            }
            Thread.onSpinWait();
        }
    }

    /** One call handed over: its work, its outcome, and the caller waiting for it. */
    private static final class Call<T> {
        private final Callable<T> work;
        private final Thread waiter;
        private T value;
        private Throwable failure;
        private volatile boolean done;
        private volatile boolean parked;

        Call(Callable<T> work, Thread waiter) {
            this.work = work;
            this.waiter = waiter;
        }

        void run() {
            try {
                value = work.call();
            } catch (Throwable t) {
                failure = t;
            }
            done = true; // publishes value and failure
            if (parked) {
                LockSupport.unpark(waiter);
            }
        }

        /** Waits until done or {@code deadline}; false on the deadline. */
        boolean await(long deadline) throws InterruptedException {
            long start = System.nanoTime();
            for (int i = 0; !done; i++) {
                if ((i & 31) != 31) {
                    Thread.onSpinWait();
                    continue;
                }
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    return false;
                }
                if (now - start > SPIN_NANOS) {
                    parked = true;
                    if (!done) {
                        LockSupport.parkNanos(this, deadline - now);
                    }
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
            }
            return true;
        }
    }
}
