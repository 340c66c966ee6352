package org.dovelua.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.dovelua.cases.CaseOutcome;
import org.dovelua.cases.JunitXml;

/** The end of {@code dovelua test}: each failure with its file:line and diff, then the counts. */
final class TestReport {
    private final PrintWriter out;
    private final boolean showLogs;
    private int failed;

    /** With {@code showLogs}, passing cases are listed too, each with its request's log and rerun line. */
    TestReport(PrintWriter out, boolean showLogs) {
        this.out = out;
        this.showLogs = showLogs;
    }

    int failed() {
        return failed;
    }

    void print(List<CaseOutcome> outcomes, List<JunitXml.Unreadable> unreadable) {
        int passed = 0;
        int skipped = 0;
        for (JunitXml.Unreadable u : unreadable) {
            out.println("ERROR " + display(u.message()));
            out.println();
            failed++;
        }
        for (CaseOutcome o : outcomes) {
            switch (o.status()) {
                case PASSED:
                    passed++;
                    if (showLogs) {
                        out.println("PASS " + display(o.file().file().toString()) + ":" + o.testCase().at().line()
                                + ": " + o.testCase().name());
                        indented(o.details());
                    }
                    break;
                case SKIPPED:
                    skipped++;
                    break;
                default:
                    failed++;
                    out.println("FAIL " + display(o.file().file().toString()) + ":" + o.testCase().at().line() + ": "
                            + o.testCase().name());
                    indented(o.report());
            }
        }
        out.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
    }

    private void indented(String text) {
        for (String line : text.split("\n")) {
            out.println("  " + line);
        }
        out.println();
    }

    /** A path (or a message starting with one) relative to the working directory when below it. */
    private static String display(String s) {
        String cwd = Path.of("").toAbsolutePath() + java.io.File.separator;
        return s.startsWith(cwd) ? s.substring(cwd.length()) : s;
    }
}
