package org.dovelua.cases;

import java.util.List;
import org.dovelua.api.Result;

/**
 * How one case went.
 *
 * @param file the case file
 * @param testCase the case
 * @param status passed, failed or skipped
 * @param mismatches the unmet expectations (failed cases)
 * @param error what went wrong if the case could not run at all, or null
 * @param result the answer, or null when the case did not run
 * @param nanos how long the request took (reported, never asserted)
 */
public record CaseOutcome(CaseFile file, Case testCase, Status status, List<Mismatch> mismatches, String error,
        Result result, long nanos) {
    public enum Status { PASSED, FAILED, SKIPPED }

    /** {@code file:line: name}, how a failure names its case. */
    public String title() {
        return file.file() + ":" + testCase.at().line() + ": " + testCase.name();
    }

    /** The failure as the reader should see it: each mismatch, or the error. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        if (error != null) {
            sb.append(error).append('\n');
        }
        for (Mismatch m : mismatches) {
            sb.append(m.render());
            if (!m.render().endsWith("\n")) {
                sb.append('\n');
            }
        }
        if (result != null && status == Status.FAILED) {
            ran(sb);
            explain(sb);
        }
        return sb.toString();
    }

    /**
     * What a passing case's answer rests on, for {@code dovelua test --show-logs}: the request it
     * ran, its auth log, dovelua's own lines and the command that sends it again ("" without a result).
     */
    public String details() {
        if (result == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        ran(sb);
        explain(sb);
        return sb.toString();
    }

    private void ran(StringBuilder sb) {
        sb.append("(ran: ").append(result.command()).append(", exit ").append(result.exitCode())
                .append(", result ").append(result.result()).append(")\n");
    }

    /** The most log lines a failure shows (the last ones: the end of a request says why). */
    static final int LOG_LINES_SHOWN = 30;

    /**
     * Why the answer was what it was: the request's auth log, dovelua's own lines (hints: not
     * mounted, no stub, timed out) and the command that sends the request again.
     */
    private void explain(StringBuilder sb) {
        List<String> logs = result.logs();
        if (!logs.isEmpty()) {
            sb.append("log:\n");
            int from = Math.max(0, logs.size() - LOG_LINES_SHOWN);
            if (from > 0) {
                sb.append("  (").append(from).append(" earlier lines not shown)\n");
            }
            for (String line : logs.subList(from, logs.size())) {
                sb.append("  ").append(line).append('\n');
            }
        }
        for (String line : result.stderr().split("\n")) {
            if (line.startsWith("dovelua: ")) {
                sb.append(line).append('\n');
            }
        }
        sb.append("rerun: ").append(file.oneAuthProcess() ? Rerun.file(file) : Rerun.of(file.setup(), testCase))
                .append('\n');
    }
}
