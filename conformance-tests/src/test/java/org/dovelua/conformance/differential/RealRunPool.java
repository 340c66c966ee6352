package org.dovelua.conformance.differential;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool the cases' real sides run in ({@code -Ddifferential.jobs=N}, default
 * {@code min(4, 2 * cores)}): each case has its own directory, base_dir, log and fixture ports, so
 * several real Dovecots can run at once. Cases are submitted in file order when the suite is built and
 * the tests, which still run one after the other in that order, wait for their case's answers, so
 * what the report says and in which order does not depend on the pool.
 */
public final class RealRunPool {
    private final ExecutorService executor;
    private final int jobs;

    public RealRunPool(int jobs) {
        this.jobs = Math.max(1, jobs);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(this.jobs, r -> {
            Thread t = new Thread(r, "real-dovecot-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * {@code min(4, 2 * cores)}: a real side mostly sleeps (Dovecot's auth failure penalty of 2-15 s per
     * repeated failure, auth-penalty.c; the auth process spawn; the log settling), so two per core; on
     * 2 cores 4 jobs took the cold suite from 587 s (2 jobs) to 299 s.
     */
    public static int defaultJobs() {
        return Math.min(4, 2 * Runtime.getRuntime().availableProcessors());
    }

    public int jobs() {
        return jobs;
    }

    <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    /** No more cases come; those submitted still run (their tests wait for them). */
    public void shutdown() {
        executor.shutdown();
    }

    /** The task's result, or what it threw, as the same exception a direct call would have thrown. */
    static <T> T await(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
