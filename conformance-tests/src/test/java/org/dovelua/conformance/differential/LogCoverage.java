package org.dovelua.conformance.differential;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many of the log lines real Dovecot logged (as recorded, normalised) dovelua's stderr carries
 * too, per release and log level setting: per process, each recorded line matched once. The
 * differential suite prints it at the end (issue 16's log-line figure); a run marked as a known
 * divergence counts with what it actually logs.
 */
public final class LogCoverage {
    private final Map<String, int[]> tally = new TreeMap<>();

    /** Counts one run: its recorded log (real Dovecot's) against {@code logged}, dovelua's. */
    public synchronized void count(CaseRun run, List<String> logged) {
        List<String> recorded = run.log();
        Map<String, List<String>> real = Comparison.byProcess(recorded);
        Map<String, List<String>> ours = Comparison.byProcess(logged);
        int matched = 0;
        for (Map.Entry<String, List<String>> e : real.entrySet()) {
            Map<String, Integer> left = new HashMap<>();
            for (String l : ours.getOrDefault(e.getKey(), List.of())) {
                left.merge(l, 1, Integer::sum);
            }
            for (String l : e.getValue()) {
                if (left.getOrDefault(l, 0) > 0) {
                    left.merge(l, -1, Integer::sum);
                    matched++;
                }
            }
        }
        int[] t = tally.computeIfAbsent(run.owner().version() + (run.owner().debug() ? " (auth_debug)" : ""),
                k -> new int[2]);
        t[0] += matched;
        t[1] += recorded.size();
    }

    /** One line per release: {@code 2.3.19: 1234 of 1240 lines (99.5%)}; null when nothing was counted. */
    public synchronized String summary() {
        if (tally.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("differential: log lines real Dovecot logged that dovelua logs too:");
        int matched = 0;
        int total = 0;
        for (Map.Entry<String, int[]> e : tally.entrySet()) {
            sb.append(String.format("%n  %s: %d of %d (%s)", e.getKey(), e.getValue()[0], e.getValue()[1],
                    percent(e.getValue()[0], e.getValue()[1])));
            matched += e.getValue()[0];
            total += e.getValue()[1];
        }
        return sb.append(String.format("%n  all: %d of %d (%s)", matched, total, percent(matched, total))).toString();
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "no lines" : String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
