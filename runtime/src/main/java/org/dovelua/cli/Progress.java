package org.dovelua.cli;

import java.io.PrintWriter;
import org.dovelua.cases.CaseOutcome;
import org.dovelua.cases.CaseRunner;

/** A one-line {@code [done/total]} counter on a terminal; silent otherwise (CI logs, pipes, tests). */
final class Progress implements CaseRunner.Listener {
    private final PrintWriter err;
    private final boolean terminal;
    private int failed;
    private boolean shown;

    Progress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void finished(CaseOutcome outcome, int done, int total) {
        if (outcome.status() == CaseOutcome.Status.FAILED) {
            failed++;
        }
        if (terminal && (done == total || done % 10 == 0 || outcome.status() == CaseOutcome.Status.FAILED)) {
            err.print("\r[" + done + "/" + total + "] " + failed + " failed");
            err.flush();
            shown = true;
        }
    }

    void clear() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
