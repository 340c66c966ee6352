package org.dovelua.cases;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.dovelua.api.Dovelua;
import org.dovelua.api.Result;

/**
 * Runs cases on {@code jobs} workers. Like Dovecot's auth workers, each worker keeps its own
 * running auth process (and Lua states) per case file across the cases it takes; every case is a
 * fresh request. A {@code one_auth_process} file's cases run in order on one worker and one auth
 * process of their own, whose clock {@code advance_clock:} moves. Outcomes come back in file order
 * whatever order they ran in.
 */
public final class CaseRunner {
    /**
     * How to run: worker count, a case-name filter (substring, case-insensitive), stop at the first
     * failure, and the run's line coverage (null: not counted).
     */
    public record Options(int jobs, String filter, boolean failFast, org.dovelua.lua.coverage.Coverage coverage) {
        public Options(int jobs, String filter, boolean failFast) {
            this(jobs, filter, failFast, null);
        }
    }

    /** Told about each case as it finishes (from worker threads, one call at a time). */
    @FunctionalInterface
    public interface Listener {
        void finished(CaseOutcome outcome, int done, int total);
    }

    /**
     * What one worker takes at a time: one case, or all of a {@code one_auth_process} file's cases, in
     * order; {@code first} is the first one's place in the outcomes.
     */
    private record Work(CaseFile file, List<Case> cases, int first) {
    }

    private CaseRunner() {
    }

    /**
     * The cases the filter selects, in file order. In a {@code one_auth_process} file a case depends on
     * the ones before it (the auth cache, globals, the clock), so those run too, up to the last match.
     */
    public static List<CaseFile> select(List<CaseFile> files, String filter) {
        if (filter == null || filter.isEmpty()) {
            return files;
        }
        String f = filter.toLowerCase(Locale.ROOT);
        List<CaseFile> out = new ArrayList<>();
        for (CaseFile file : files) {
            List<Case> kept = file.cases().stream()
                    .filter(c -> (file.file() + ": " + c.name()).toLowerCase(Locale.ROOT).contains(f)).toList();
            if (!kept.isEmpty() && file.oneAuthProcess()) {
                kept = file.cases().subList(0, file.cases().indexOf(kept.get(kept.size() - 1)) + 1);
            }
            if (!kept.isEmpty()) {
                out.add(file.with(kept));
            }
        }
        return out;
    }

    public static List<CaseOutcome> run(List<CaseFile> files, Options options, Listener listener) {
        List<Work> work = new ArrayList<>();
        int total = 0;
        for (CaseFile f : select(files, options.filter())) {
            if (f.oneAuthProcess()) {
                work.add(new Work(f, f.cases(), total));
                total += f.cases().size();
                continue;
            }
            for (Case c : f.cases()) {
                work.add(new Work(f, List.of(c), total++));
            }
        }
        int cases = total;
        CaseOutcome[] outcomes = new CaseOutcome[cases];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        int jobs = Math.max(1, Math.min(options.jobs(), work.size()));
        ExecutorService pool = Executors.newFixedThreadPool(jobs,
                org.dovelua.lua.LuaStackThread.factory("dovelua-test-worker"));
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < jobs; w++) {
                workers.add(pool.submit(() -> {
                    Map<CaseFile, Dovelua> processes = new HashMap<>();
                    try {
                        for (int i = next.getAndIncrement(); i < work.size(); i = next.getAndIncrement()) {
                            Work item = work.get(i);
                            // a one_auth_process file gets its own auth process and clock, closed after its last case
                            Map<CaseFile, Dovelua> mine = item.file().oneAuthProcess() ? new HashMap<>() : processes;
                            AtomicLong offset = new AtomicLong();
                            LongSupplier clock = item.file().oneAuthProcess()
                                    ? () -> System.currentTimeMillis() / 1000 + offset.get() : null;
                            try {
                                for (int j = 0; j < item.cases().size(); j++) {
                                    Case c = item.cases().get(j);
                                    offset.addAndGet(c.advanceClock());
                                    CaseOutcome o = stop.get() ? skipped(item.file(), c,
                                            "not run: an earlier case failed (--fail-fast)")
                                            : runOne(item.file(), c, mine, clock, options.coverage());
                                    outcomes[item.first() + j] = o;
                                    if (o.status() == CaseOutcome.Status.FAILED && options.failFast()) {
                                        stop.set(true);
                                    }
                                    synchronized (listener) {
                                        listener.finished(o, done.incrementAndGet(), cases);
                                    }
                                }
                            } finally {
                                if (mine != processes) {
                                    mine.values().forEach(Dovelua::close);
                                }
                            }
                        }
                    } finally {
                        processes.values().forEach(Dovelua::close);
                    }
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a test worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return List.of(outcomes);
    }

    private static CaseOutcome skipped(CaseFile file, Case c, String why) {
        return new CaseOutcome(file, c, CaseOutcome.Status.SKIPPED, List.of(), why, null, 0);
    }

    /**
     * Runs one case on this worker's auth process for its file (started with {@code clock}, null: the
     * system's, when it is not running yet), its lines counted into {@code coverage} (null: off);
     * never throws.
     */
    static CaseOutcome runOne(CaseFile file, Case c, Map<CaseFile, Dovelua> processes, LongSupplier clock,
            org.dovelua.lua.coverage.Coverage coverage) {
        if (c.skip() != null) {
            return skipped(file, c, c.skip());
        }
        if (file.setup().nauthilus() != null) {
            return PluginRun.run(file, c, coverage);
        }
        long start = System.nanoTime();
        try {
            Dovelua d = processes.computeIfAbsent(file, f -> f.setup().start(null, clock, coverage));
            // each case sees its stubs as if fresh, whichever worker ran what before it
            d.resetStubs();
            // a case's time is its own request's, not its auth process's start-up
            start = System.nanoTime();
            return outcome(file, c, c.run(d), System.nanoTime() - start);
        } catch (RuntimeException | StackOverflowError | LinkageError | OutOfMemoryError e) {
            if (e instanceof OutOfMemoryError) {
                // the last line: one case must never take the suite's results with it; its
                // auth process may be half-built, so the file's next case starts a new one
                Dovelua broken = processes.remove(file);
                if (broken != null) {
                    broken.close();
                }
            }
            String error = c.at() + ": " + (e instanceof IllegalArgumentException ? ""
                    : "dovelua failed to run this case: " + e.getClass().getSimpleName() + ": ") + e.getMessage();
            return new CaseOutcome(file, c, CaseOutcome.Status.FAILED, List.of(), error, null,
                    System.nanoTime() - start);
        }
    }

    /** Checks one answer against its case's expectations. */
    public static CaseOutcome outcome(CaseFile file, Case c, Result r, long nanos) {
        List<Mismatch> m = ExpectCheck.check(c.expect(), r);
        return new CaseOutcome(file, c, m.isEmpty() ? CaseOutcome.Status.PASSED : CaseOutcome.Status.FAILED, m, null,
                r, nanos);
    }

    /** Runs one case on a given auth process (the JUnit integration's path); never throws. */
    public static CaseOutcome runOn(CaseFile file, Case c, Dovelua dovelua) {
        Map<CaseFile, Dovelua> one = new HashMap<>();
        one.put(file, dovelua);
        return runOne(file, c, one, null, null);
    }
}
