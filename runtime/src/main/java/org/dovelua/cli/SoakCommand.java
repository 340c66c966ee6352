package org.dovelua.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dovelua.api.Dovelua;
import org.dovelua.api.Result;
import org.dovelua.doveadm.Exits;
import org.dovelua.soak.Gauges;
import org.dovelua.soak.Soak;
import org.dovelua.soak.SoakMix;
import org.dovelua.soak.SoakReport;
import org.dovelua.soak.SoakRequest;
import org.dovelua.soak.Tolerance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dovelua soak}: the long-lived-instance benchmark (issue 17). One auth process answers a
 * mix of requests; heap after GC, open descriptors and threads are sampled as it goes and must be
 * flat at the end. Exit code 1 when they are not.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Send N mixed requests to one long-lived instance and check that heap after GC, open file "
                + "descriptors and threads stay flat: the lowest sample in the last 20%% of the requests may exceed "
                + "the lowest from 20%% to 40%% by the tolerances at most. Exit code 1 when it is not.",
                "REQUEST is [WEIGHT*]auth USER [PASSWORD] (auth test), [WEIGHT*]lookup USER (auth lookup) or "
                        + "[WEIGHT*]user USER (user -u), one argument each; the kinds are interleaved by weight."},
        footer = {"", "Example (in scripts/soak):",
                "  dovelua -c dovecot.conf --mount /etc/dovecot=. \\",
                "    --stub http://backend.example=static:backend.yaml --timeout 0.02 \\",
                "    soak -n 100000 '40*auth http-alice secret' '20*user http-alice' \\",
                "    '30*auth alice secret' '1*auth loop x' '1*auth exit x'"})
final class SoakCommand implements Callable<Integer> {
    static final int LEAK = 1;

    @ParentCommand
    DoveluaCommand root;

    @Option(names = {"-n", "--requests"}, paramLabel = "N", defaultValue = "1000000", description = "Requests to send (default ${DEFAULT-VALUE}).")
    long requests;

    @Option(names = "--samples", paramLabel = "K", defaultValue = "20",
            description = "Samples after the first, evenly spread (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--max-heap-growth", paramLabel = "MB", defaultValue = "8",
            description = "Tolerated growth of heap after GC in MB (default ${DEFAULT-VALUE}).")
    double maxHeapMb;

    @Option(names = "--max-fd-growth", paramLabel = "N", defaultValue = "8",
            description = "Tolerated growth of open file descriptors (default ${DEFAULT-VALUE}).")
    int maxFds;

    @Option(names = "--max-thread-growth", paramLabel = "N", defaultValue = "8",
            description = "Tolerated growth of live threads (default ${DEFAULT-VALUE}).")
    int maxThreads;

    @Mixin
    InfoOptions x;

    @Parameters(paramLabel = "REQUEST", arity = "1..*")
    List<String> specs;

    @Override
    public Integer call() {
        if (requests < 1 || samples < 2 || samples > requests || maxHeapMb < 0 || maxFds < 0 || maxThreads < 0) {
            root.err.println("dovelua: soak: -n must be at least 1, --samples between 2 and -n, "
                    + "and the tolerances not negative");
            return Exits.USAGE;
        }
        return root.exitCode(() -> {
            List<SoakRequest> mix = new ArrayList<>();
            for (String spec : specs) {
                try {
                    mix.add(SoakRequest.parse(spec, x.info));
                } catch (IllegalArgumentException e) {
                    root.err.println("dovelua: " + e.getMessage());
                    return Exits.USAGE;
                }
            }
            Tolerance tolerance = new Tolerance((long) (maxHeapMb * Tolerance.MB), maxFds, maxThreads);
            try (Dovelua d = root.open(false)) {
                // one request first, not counted: a config that cannot be read stops here, with its error
                Result first = d.run(mix.get(0).command());
                if (first.exitCode() == Exits.CONFIG || first.exitCode() == Exits.DOVECONF_FATAL) {
                    root.err.print(first.stderr());
                    return first.exitCode();
                }
                PrintWriter out = root.out;
                out.printf("soak: %d requests, %d kinds, one instance; tolerated growth of the lowest sample from "
                        + "20-40%% of the requests to the last 20%%: heap after GC %.1f MB, open fds %d, threads %d%n",
                        requests, mix.size(), maxHeapMb, maxFds, maxThreads);
                SoakReport.header(out);
                SoakReport report = new Soak(d, new SoakMix(mix), Gauges.jvm()).run(requests, samples, tolerance, s -> {
                    SoakReport.row(out, s);
                    out.flush();
                });
                report.summary(out);
                return report.flat() ? Exits.OK : LEAK;
            }
        });
    }
}
