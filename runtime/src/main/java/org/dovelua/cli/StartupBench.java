package org.dovelua.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dovelua.api.Command;
import org.dovelua.api.Dovelua;
import org.dovelua.doveadm.Exits;

/**
 * {@code dovelua bench --startup N}: what starting an auth process costs once the JVM is warm (a
 * suite's per-file cost, {@code dovelua serve}'s restart after an edit). Each round reads the
 * config, starts the auth process (its Lua states load the script and run script_init), answers
 * one request (the auth worker starts with its own states) and closes; N measured rounds follow
 * unmeasured ones that warm the JIT.
 */
final class StartupBench {
    private final DoveluaCommand root;

    StartupBench(DoveluaCommand root) {
        this.root = root;
    }

    int run(int rounds, String user, String password, List<String> info, boolean json) {
        int warm = Math.max(20, rounds / 2);
        long[] start = new long[rounds];
        long[] total = new long[rounds];
        for (int i = -warm; i < rounds; i++) {
            long t0 = System.nanoTime();
            try (Dovelua d = root.open(null, null)) {
                if (!d.started()) {
                    root.err.print(d.startupStderr());
                    root.err.println("dovelua: bench: the auth process does not start");
                    return Exits.TEMPFAIL;
                }
                long t1 = System.nanoTime();
                d.run(new Command.AuthTest(user, password, info));
                long t2 = System.nanoTime();
                if (i >= 0) {
                    start[i] = t1 - t0;
                    total[i] = t2 - t0;
                }
            }
        }
        Arrays.sort(start);
        Arrays.sort(total);
        if (json) {
            root.out.printf(Locale.ROOT, "{\"starts\":%d,\"start_p50_ms\":%.2f,\"start_p90_ms\":%.2f,"
                    + "\"with_first_request_p50_ms\":%.2f,\"with_first_request_p90_ms\":%.2f}%n", rounds,
                    ms(start, 0.5), ms(start, 0.9), ms(total, 0.5), ms(total, 0.9));
        } else {
            root.out.printf(Locale.ROOT, "%d auth process starts (after %d unmeasured): p50 %.2f ms, p90 %.2f ms, max %.2f ms%n",
                    rounds, warm, ms(start, 0.5), ms(start, 0.9), start[rounds - 1] / 1e6);
            root.out.printf(Locale.ROOT, "with the first request (auth worker start): p50 %.2f ms, p90 %.2f ms, max %.2f ms%n",
                    ms(total, 0.5), ms(total, 0.9), total[rounds - 1] / 1e6);
        }
        return Exits.OK;
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
