package org.dovelua.conformance.differential;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares an {@link Outcome} with a run's recording: the exit code, stdout (as a set of lines
 * with {@code fields_as_set}, trailing empty lines ignored) and the log, in order per process.
 */
public final class Comparison {
    private static final Pattern PROCESS = Pattern.compile("[a-z-]+");

    private Comparison() {
    }

    /** Null when equal, otherwise a readable expected-vs-actual report. */
    public static String differences(CaseRun run, Outcome a) {
        StringBuilder sb = new StringBuilder();
        if (run.exit() != a.exit()) {
            sb.append("exit: expected ").append(run.exit()).append(" but was ").append(a.exit()).append('\n');
        }
        String stdout = run.stdout();
        boolean asSet = run.fieldsAsSet();
        if (!canonStdout(stdout, asSet).equals(canonStdout(a.stdout(), asSet))) {
            sb.append("stdout").append(asSet ? " (compared as a set of lines)" : "").append(":\n--- expected ---\n")
                    .append(stdout).append("\n--- actual ---\n").append(a.stdout()).append('\n');
        }
        List<String> log = run.log();
        if (!byProcess(log, run.logRepeatsCollapsed()).equals(byProcess(a.log(), run.logRepeatsCollapsed()))) {
            sb.append("log:\n--- expected ---\n").append(String.join("\n", log)).append("\n--- actual ---\n")
                    .append(String.join("\n", a.log())).append('\n');
        }
        List<String> wire = run.wire();
        if (wire != null && !wire.equals(a.wire())) {
            sb.append("dict wire (lines the dict server received):\n--- expected ---\n").append(String.join("\n", wire))
                    .append("\n--- actual ---\n").append(String.join("\n", a.wire())).append('\n');
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /**
     * The auth and auth-worker processes log through separate pipes, so real Dovecot interleaves them
     * nondeterministically; the order is compared within each process, not across them.
     */
    static Map<String, List<String>> byProcess(List<String> log) {
        return byProcess(log, false);
    }

    /**
     * {@link #byProcess(List)}, with a line repeated right after itself counted once when
     * {@code collapseRepeats}: a run whose real side logs an error once or twice depending on timing
     * (a client that retries before it sees the server close) says so with {@code log_repeats_collapsed}.
     */
    static Map<String, List<String>> byProcess(List<String> log, boolean collapseRepeats) {
        Map<String, List<String>> m = new TreeMap<>();
        for (String l : log) {
            // the process name only: 2.4 puts the request context (user, ip, worker pid) right after it
            Matcher p = PROCESS.matcher(l);
            List<String> lines = m.computeIfAbsent(p.lookingAt() ? p.group() : "", k -> new ArrayList<>());
            if (!collapseRepeats || lines.isEmpty() || !lines.get(lines.size() - 1).equals(l)) {
                lines.add(l);
            }
        }
        return m;
    }

    static List<String> canonStdout(String s, boolean asSet) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (asSet) {
            Collections.sort(lines);
        }
        return lines;
    }
}
