package org.dovelua.lua;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Keeps one state inside its {@link MemoryBudget}. The JVM cannot say how much of its heap a
 * state holds, so the meter watches how much the state's threads allocate (a cheap counter the
 * instruction hook reads) and, each time enough has been allocated that the state could have
 * grown past the budget, measures what the state can still reach ({@link LuaHeap}). The gap
 * between measurements halves as the state nears its budget, so the state is never more than
 * 1/64 of the budget past it when it is stopped.
 */
final class MemoryMeter {
    /** Without per-thread allocation counters (a JVM without them), measure every this many checks. */
    private static final int CHECKS_PER_MEASURE = 256;
    private static final com.sun.management.ThreadMXBean THREADS = allocationCounters();

    private final MemoryBudget budget;
    private final String filename;
    private final LongSupplier measure;
    /** Each state thread's counter at the last check (coroutines run on threads of their own). */
    private final ThreadLocal<long[]> lastSeen = ThreadLocal.withInitial(() -> new long[] {-1});
    private long allocatedSinceMeasure;
    private long nextMeasureAfter;
    private int checks;

    MemoryMeter(MemoryBudget budget, String filename, LongSupplier measure) {
        this.budget = budget;
        this.filename = filename;
        this.measure = measure;
        this.nextMeasureAfter = budget.limitBytes() / 2;
    }

    /** Called from the instruction hook on the state's threads (one runs at a time). */
    void check() {
        if (!budget.isLimited()) {
            return;
        }
        if (THREADS != null) {
            long now = THREADS.getCurrentThreadAllocatedBytes();
            long[] last = lastSeen.get();
            if (last[0] >= 0) {
                allocatedSinceMeasure += now - last[0];
            }
            last[0] = now;
            if (allocatedSinceMeasure < nextMeasureAfter) {
                return;
            }
        } else if (++checks % CHECKS_PER_MEASURE != 0) {
            return;
        }
        allocatedSinceMeasure = 0;
        long held = measure.getAsLong();
        long limit = budget.limitBytes();
        if (held > limit) {
            throw new ProcessDeath(ProcessDeath.Kind.FATAL, budget.exceeded(filename, held), MemoryBudget.FATAL_OUTOFMEM);
        }
        // the state grows by at most what it allocates, so it cannot pass the budget before this
        nextMeasureAfter = Math.max(limit / 64, (limit - held) / 2);
    }

    private static com.sun.management.ThreadMXBean allocationCounters() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                    && t.isThreadAllocatedMemorySupported()) {
                if (!t.isThreadAllocatedMemoryEnabled()) {
                    t.setThreadAllocatedMemoryEnabled(true);
                }
                return t;
            }
        } catch (UnsupportedOperationException | SecurityException e) {
            // fall back to measuring every CHECKS_PER_MEASURE checks
        }
        return null;
    }
}
