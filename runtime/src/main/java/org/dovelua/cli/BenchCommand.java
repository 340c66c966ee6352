package org.dovelua.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dovelua.api.Dovelua;
import org.dovelua.doveadm.Exits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dovelua bench}: repeats {@code auth test} (or a userdb lookup) against auth processes
 * and reports throughput and latency, so runtime changes can be measured rather than guessed.
 * With {@code --concurrency N}, N workers each have their own auth process (its Lua states and
 * auth worker), as Dovecot's auth worker processes run side by side.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure requests per second of auth test (or user -u) against the configured script.")
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    DoveluaCommand root;

    @Option(names = {"-n", "--requests"}, defaultValue = "20000",
            description = "Measured requests, in all (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Measure for this long instead of -n requests.")
    Double durationSeconds;

    @Option(names = "--warmup", defaultValue = "5000",
            description = "Unmeasured requests first, per worker (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1",
            description = "Workers sending requests at once, each with its own auth process (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--startup", paramLabel = "N",
            description = "Measure N auth process starts (config, Lua states, script chunks, one request) instead.")
    Integer startups;

    @Option(names = "--userdb", description = "Benchmark userdb lookups instead of auth test.")
    boolean userdb;

    @Option(names = "--show-logs", description = "Print the requests' log lines (by default they are only counted).")
    boolean showLogs;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Mixin
    InfoOptions x;

    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Parameters(index = "1", paramLabel = "PASSWORD", arity = "0..1", defaultValue = "")
    String password;

    @Override
    public Integer call() {
        if (requests < 1 || warmup < 0 || concurrency < 1 || concurrency > 256
                || durationSeconds != null && !(durationSeconds > 0)) {
            root.err.println("dovelua: bench: -n must be at least 1, --warmup not negative, --concurrency between 1 "
                    + "and 256 and --duration positive");
            return Exits.USAGE;
        }
        if (startups != null) {
            if (startups < 1) {
                root.err.println("dovelua: bench: --startup must be at least 1");
                return Exits.USAGE;
            }
            return root.exitCode(() -> new StartupBench(root).run(startups, user, password, x.info, json));
        }
        Duration duration = durationSeconds == null ? null : Duration.ofNanos((long) (durationSeconds * 1e9));
        return root.exitCode(() -> {
            List<Dovelua> workers = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency,
                    org.dovelua.lua.LuaStackThread.factory("dovelua-bench"));
            try {
                for (int i = 0; i < concurrency; i++) {
                    workers.add(root.open());
                }
                long[] started = new long[1];
                CyclicBarrier line = new CyclicBarrier(concurrency, () -> started[0] = System.nanoTime());
                List<Future<Dovelua.Bench>> runs = new ArrayList<>();
                for (int i = 0; i < concurrency; i++) {
                    Dovelua d = workers.get(i);
                    int share = requests / concurrency + (i < requests % concurrency ? 1 : 0);
                    runs.add(pool.submit(() -> d.bench(user, password, x.info, userdb, warmup, Math.max(1, share),
                            showLogs, duration, () -> awaitQuietly(line))));
                }
                List<Dovelua.Bench> done = new ArrayList<>();
                for (Future<Dovelua.Bench> f : runs) {
                    Dovelua.Bench b = f.get();
                    if (b == null) {
                        line.reset();
                        root.err.println("dovelua: bench: the auth process is not available");
                        return Exits.TEMPFAIL;
                    }
                    done.add(b);
                }
                long wall = System.nanoTime() - started[0];
                report(done, concurrency == 1 ? done.get(0).totalNanos() : wall);
                return Exits.OK;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Exits.TEMPFAIL;
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
                workers.forEach(Dovelua::close);
            }
        });
    }

    private static void awaitQuietly(CyclicBarrier b) {
        try {
            b.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.BrokenBarrierException e) {
            // another worker failed; its error is reported
        }
    }

    /** The figures of all workers together: their latencies merged, throughput over the shared wall time. */
    private void report(List<Dovelua.Bench> runs, long wallNanos) {
        long[] all = runs.stream().flatMapToLong(b -> Arrays.stream(b.sortedNanos())).sorted().toArray();
        Dovelua.Bench merged = new Dovelua.Bench(all, wallNanos, runs.stream().mapToInt(Dovelua.Bench::logLines).sum(),
                runs.stream().map(Dovelua.Bench::firstLogLine).filter(java.util.Objects::nonNull).findFirst().orElse(null),
                runs.stream().mapToLong(Dovelua.Bench::httpExchanges).sum());
        int n = all.length;
        double seconds = wallNanos / 1e9;
        double perHttp = merged.httpExchanges() == 0 ? 0 : (double) n / merged.httpExchanges();
        if (json) {
            root.out.printf(java.util.Locale.ROOT, "{\"requests\":%d,\"seconds\":%.3f,\"requests_per_second\":%.0f,"
                    + "\"concurrency\":%d,\"p50_us\":%.1f,\"p90_us\":%.1f,\"p99_us\":%.1f,\"max_us\":%.1f,"
                    + "\"http_exchanges\":%d,\"log_lines\":%d}%n", n, seconds, n / seconds, concurrency,
                    merged.percentile(0.5) / 1e3, merged.percentile(0.9) / 1e3, merged.percentile(0.99) / 1e3,
                    all[n - 1] / 1e3, merged.httpExchanges(), merged.logLines());
        } else {
            root.out.printf(java.util.Locale.ROOT, "%d requests in %.3f s: %.0f requests/s%s%n", n, seconds, n / seconds,
                    concurrency == 1 ? "" : " (" + concurrency + " workers)");
            root.out.printf(java.util.Locale.ROOT, "latency: p50 %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us%n",
                    merged.percentile(0.5) / 1e3, merged.percentile(0.9) / 1e3, merged.percentile(0.99) / 1e3,
                    all[n - 1] / 1e3);
            if (merged.httpExchanges() > 0) {
                root.out.printf(java.util.Locale.ROOT, "HTTP: %d exchanges, %.2f requests per exchange%n",
                        merged.httpExchanges(), perHttp);
            }
        }
        if (!showLogs && merged.logLines() > 0) {
            root.err.printf("dovelua: bench: the requests logged %d lines, not shown (--show-logs prints them);"
                    + " the first: %s%n", merged.logLines(), merged.firstLogLine());
        }
    }
}
