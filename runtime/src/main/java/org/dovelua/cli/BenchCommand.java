package org.dovelua.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.dovelua.auth.AuthEngine;
import org.dovelua.auth.request.AuthInput;
import org.dovelua.doveadm.Exits;
import picocli.CommandLine.Command;
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

    @Option(names = "-x", paramLabel = "KEY=VALUE", description = "Auth info, as for auth test.")
    List<String> info = new ArrayList<>();

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
        return AuthCommand.withEngine(root, engine -> {
            AuthInput in = AuthCommand.input(root, info);
            for (int i = 0; i < warmup; i++) {
                once(engine, in);
            }
            long[] nanos = new long[requests];
            long start = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                long t = System.nanoTime();
                once(engine, in);
                nanos[i] = System.nanoTime() - t;
            }
            long total = System.nanoTime() - start;
            Arrays.sort(nanos);
            root.out.printf("%d requests in %.3f s: %.0f requests/s%n", requests, total / 1e9,
                    requests / (total / 1e9));
            root.out.printf("latency: p50 %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us%n",
                    nanos[requests / 2] / 1e3, nanos[(int) (requests * 0.9)] / 1e3,
                    nanos[Math.min(requests - 1, (int) (requests * 0.99))] / 1e3, nanos[requests - 1] / 1e3);
            return Exits.OK;
        }, midRequest -> {
            root.err.println("dovelua: bench: the auth process is not available");
            return Exits.TEMPFAIL;
        });
    }

    private void once(AuthEngine engine, AuthInput in) {
        if (userdb) {
            engine.userLookup(in, user);
        } else {
            engine.authTest(in, user, password);
        }
    }
}
