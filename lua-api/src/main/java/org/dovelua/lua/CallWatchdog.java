package org.dovelua.lua;

/**
 * Keeps the per-call limit of calls a {@link LuaStackThread} runs directly when they are stuck in
 * Java code the instruction hook cannot see (a long sleep, a blocking wait): one daemon thread
 * looks every {@link #LOOK_MILLIS} ms and interrupts a thread whose call is past its deadline.
 * The call then ends as timed out, as a handed-over call does when its caller stops waiting.
 */
final class CallWatchdog {
    static final long LOOK_MILLIS = 50;

    private CallWatchdog() {
    }

    /** One direct call: its thread, its deadline, and whether the watchdog fired on it. */
    static final class Watched {
        private final Thread thread;
        private final long deadlineNanos;
        private boolean fired;
        private boolean finished;

        Watched(Thread thread, long deadlineNanos) {
            this.thread = thread;
            this.deadlineNanos = deadlineNanos;
            Started.WATCHDOG.getClass(); // starts the watchdog with the first direct call
        }

        /** Interrupts the thread unless the call has finished; the lock keeps the interrupt inside the call. */
        synchronized void fireIfLate(long now) {
            if (!finished && !fired && now - deadlineNanos > 0) {
                fired = true;
                thread.interrupt();
            }
        }

        /** Ends the watch; true when the call ran out of time (its interrupt is cleared). */
        synchronized boolean finish() {
            finished = true;
            if (fired) {
                Thread.interrupted();
            }
            return fired;
        }
    }

    /** The watchdog thread, started once on first use. */
    private static final class Started {
        static final Thread WATCHDOG = start();

        private static Thread start() {
            Thread t = new Thread(CallWatchdog::watch, "dovelua-call-watchdog");
            t.setDaemon(true);
            t.start();
            return t;
        }
    }

    private static void watch() {
        while (true) {
            try {
                Thread.sleep(LOOK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (LuaStackThread t : LuaStackThread.live()) {
                Watched w = t.running;
                if (w != null) {
                    w.fireIfLate(now);
                }
            }
        }
    }
}
