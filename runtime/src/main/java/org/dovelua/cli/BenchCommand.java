package org.dovelua.cli;

import java.util.concurrent.Callable;
import org.dovelua.api.Dovelua;
import org.dovelua.doveadm.Exits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dovelua bench}: repeats {@code auth test} (or a userdb lookup) against one auth process
 * and reports throughput and latency, so runtime changes can be measured rather than guessed.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure requests per second of auth test (or user -u) against the configured script.")
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    DoveluaCommand root;

    @Option(names = {"-n", "--requests"}, defaultValue = "20000", description = "Measured requests (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--warmup", defaultValue = "5000", description = "Unmeasured requests first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--userdb", description = "Benchmark userdb lookups instead of auth test.")
    boolean userdb;

    @Option(names = "--show-logs", description = "Print the requests' log lines (by default they are only counted).")
    boolean showLogs;

    @Mixin
    InfoOptions x;

    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Parameters(index = "1", paramLabel = "PASSWORD", arity = "0..1", defaultValue = "")
    String password;

    @Override
    public Integer call() {
        if (requests < 1 || warmup < 0) {
            root.err.println("dovelua: bench: -n must be at least 1 and --warmup not negative");
            return Exits.USAGE;
        }
        return root.exitCode(() -> {
            try (Dovelua d = root.open()) {
                Dovelua.Bench b = d.bench(user, password, x.info, userdb, warmup, requests, showLogs);
                if (b == null) {
                    root.err.println("dovelua: bench: the auth process is not available");
                    return Exits.TEMPFAIL;
                }
                long[] nanos = b.sortedNanos();
                double seconds = b.totalNanos() / 1e9;
                root.out.printf("%d requests in %.3f s: %.0f requests/s%n", requests, seconds, requests / seconds);
                root.out.printf("latency: p50 %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us%n",
                        nanos[requests / 2] / 1e3, nanos[(int) (requests * 0.9)] / 1e3,
                        nanos[Math.min(requests - 1, (int) (requests * 0.99))] / 1e3, nanos[requests - 1] / 1e3);
                if (!showLogs && b.logLines() > 0) {
                    root.err.printf("dovelua: bench: the requests logged %d lines, not shown (--show-logs prints them);"
                            + " the first: %s%n", b.logLines(), b.firstLogLine());
                }
                return Exits.OK;
            }
        });
    }
}
