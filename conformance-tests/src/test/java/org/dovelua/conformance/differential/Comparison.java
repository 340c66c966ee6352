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
        m.replaceAll((process, lines) -> ticketsAfterHandshake(lines));
        return m;
    }

    private static final Pattern TICKET = Pattern.compile("^(.*conn \\S+ \\[\\d+\\]: )(\\S+): SSL: where=0x1001, ret=1: "
            + "SSLv3/TLS read server session ticket$");

    /**
     * A TLS 1.3 server's session ticket arrives after the handshake; OpenSSL reads it, and 2.4's
     * lib-ssl-iostream logs its four state lines, on the connection's next read: right after the
     * handshake when the ticket is already there, else after the request went out. Which one depends
     * on timing (seen both ways on real 2.4.1, case 507 run 2), so the group is compared as if it came
     * right after the connection's {@code SSL handshake successful}.
     */
    static List<String> ticketsAfterHandshake(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        for (int i = 2; i + 1 < out.size(); i++) {
            Matcher t = TICKET.matcher(out.get(i));
            if (!t.matches()) {
                continue;
            }
            String state = t.group(1) + t.group(2) + ": SSL: where=";
            String finished = "SSL negotiation finished successfully";
            if (!out.get(i - 2).equals(state + "0x1001, ret=1: " + finished)
                    || !out.get(i - 1).equals(state + "0x1001, ret=1: " + finished)
                    || !out.get(i + 1).equals(state + "0x1002, ret=1: " + finished)) {
                continue;
            }
            int handshake = out.subList(0, i - 2).lastIndexOf(t.group(1) + "SSL handshake successful");
            if (handshake < 0) {
                continue;
            }
            List<String> group = new ArrayList<>(out.subList(i - 2, i + 2));
            out.subList(i - 2, i + 2).clear();
            out.addAll(handshake + 1, group);
        }
        return out;
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
