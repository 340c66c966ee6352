package org.dovelua.soak;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What a soak measured: the samples, how each kind of request was answered, and whether heap after
 * GC, descriptors and threads stayed flat: the lowest of the samples in the last 20% of the
 * requests exceeds the lowest of those from 20% to 40% by no more than the {@link Tolerance}.
 */
public record SoakReport(long requests, List<SoakSample> samples, Map<String, Map<String, Long>> outcomes,
        Tolerance tolerance) {
    public SoakReport {
        if (samples.size() < 2) {
            throw new IllegalArgumentException("a soak report needs at least two samples");
        }
        samples = List.copyOf(samples);
    }

    /**
     * The samples from 20% to 40% of the requests (or, with too few samples, the first at or after
     * 20%): the start of the comparison, once warm-up is over.
     */
    public List<SoakSample> start() {
        List<SoakSample> w = window(Tolerance.BASELINE_AT, 2 * Tolerance.BASELINE_AT);
        if (w.isEmpty()) {
            long mark = (long) Math.ceil(requests * Tolerance.BASELINE_AT);
            w = List.of(samples.stream().filter(s -> s.requests() >= mark).findFirst().orElse(last()));
        }
        return w;
    }

    /** The samples in the last 20% of the requests (the last one at least): the end of the comparison. */
    public List<SoakSample> end() {
        List<SoakSample> w = window(1 - Tolerance.BASELINE_AT, 1);
        return w.isEmpty() ? List.of(last()) : w;
    }

    private List<SoakSample> window(double from, double to) {
        return samples.stream().filter(s -> s.requests() >= Math.ceil(requests * from) && s.requests() <= requests * to)
                .toList();
    }

    public SoakSample last() {
        return samples.get(samples.size() - 1);
    }

    /**
     * How far a gauge's floor rose: the lowest value at the end less the lowest at the start.
     * What is held for a while (a full window of HTTP exchanges, a process being replaced) only
     * adds to some samples; what leaks raises every later one, the lowest included.
     */
    private long growth(ToLongFunction<SoakSample> gauge) {
        return floor(end(), gauge) - floor(start(), gauge);
    }

    private static long floor(List<SoakSample> window, ToLongFunction<SoakSample> gauge) {
        return window.stream().mapToLong(gauge).min().orElseThrow();
    }

    public long heapGrowth() {
        return growth(SoakSample::heapAfterGc);
    }

    public int fdGrowth() {
        return (int) growth(SoakSample::openFds);
    }

    public int threadGrowth() {
        return (int) growth(SoakSample::threads);
    }

    /** The gauges that grew beyond their tolerance, as {@code heap +20.0 MB > 16.0 MB}; empty when flat. */
    public List<String> exceeded() {
        List<String> out = new ArrayList<>();
        if (heapGrowth() > tolerance.heapBytes()) {
            out.add(String.format("heap after GC %+.1f MB > %.1f MB", mb(heapGrowth()), mb(tolerance.heapBytes())));
        }
        if (fdGrowth() > tolerance.fds()) {
            out.add(String.format("open fds %+d > %d", fdGrowth(), tolerance.fds()));
        }
        if (threadGrowth() > tolerance.threads()) {
            out.add(String.format("threads %+d > %d", threadGrowth(), tolerance.threads()));
        }
        return out;
    }

    public boolean flat() {
        return exceeded().isEmpty();
    }

    /** The table's head; {@link #row} prints one sample under it. */
    public static void header(PrintWriter out) {
        out.printf("%12s %10s %14s %8s %8s%n", "requests", "seconds", "heap-after-GC", "fds", "threads");
    }

    public static void row(PrintWriter out, SoakSample s) {
        out.printf("%12d %10.1f %11.1f MB %8d %8d%n", s.requests(), s.elapsedNanos() / 1e9, mb(s.heapAfterGc()),
                s.openFds(), s.threads());
    }

    /** The answers per kind of request, the growth from the baseline, and the verdict line. */
    public void summary(PrintWriter out) {
        out.println("answers:");
        outcomes.forEach((label, results) -> {
            StringBuilder line = new StringBuilder("  ").append(label).append(':');
            results.forEach((result, n) -> line.append(' ').append(result).append('=').append(n));
            out.println(line);
        });
        List<SoakSample> b = start();
        List<SoakSample> e = end();
        out.printf("growth of the lowest sample from requests %d-%d to %d-%d: heap after GC %+.1f MB (tolerance %.1f MB), open fds %+d (tolerance %d),"
                + " threads %+d (tolerance %d)%n", b.get(0).requests(), b.get(b.size() - 1).requests(),
                e.get(0).requests(), e.get(e.size() - 1).requests(), mb(heapGrowth()), mb(tolerance.heapBytes()),
                fdGrowth(), tolerance.fds(), threadGrowth(), tolerance.threads());
        out.println(flat() ? "verdict: flat" : "verdict: LEAK: " + String.join(", ", exceeded()));
    }

    private static double mb(long bytes) {
        return bytes / (double) Tolerance.MB;
    }
}
