package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dovelua.cases.Case;
import org.dovelua.cases.CaseFile;
import org.dovelua.cases.CaseOutcome;
import org.dovelua.cases.Expect;
import org.dovelua.cases.Location;
import org.dovelua.cases.Setup;
import org.junit.jupiter.api.Test;

/** The progress counter: on a terminal every tenth case and every failure, then erased; silent otherwise. */
class ProgressTest {
    private static CaseOutcome outcome(CaseOutcome.Status status) {
        Path f = Path.of("/suite/cases.yaml");
        Case c = new Case("c", new Location(f, 3, 5), Case.Command.USER, "a", null, Map.of(),
                new Expect(null, null, null, null, null, null, null, null, null), null);
        CaseFile file = new CaseFile(f, new Setup(null, f, null, Map.of(), Map.of(), null, null,
                java.time.Duration.ofSeconds(1), false, List.of(), false), List.of(c));
        return new CaseOutcome(file, c, status, List.of(), null, null, 0);
    }

    @Test
    void onATerminal() {
        StringWriter err = new StringWriter();
        Progress p = new Progress(new PrintWriter(err, true), true);
        for (int i = 1; i <= 12; i++) {
            p.finished(outcome(i == 3 ? CaseOutcome.Status.FAILED : CaseOutcome.Status.PASSED), i, 12);
        }
        p.clear();
        assertThat(err.toString()).isEqualTo("\r[3/12] 1 failed\r[10/12] 1 failed\r[12/12] 1 failed\r\033[K");
    }

    @Test
    void silentElsewhere() {
        StringWriter err = new StringWriter();
        Progress p = new Progress(new PrintWriter(err, true), false);
        p.finished(outcome(CaseOutcome.Status.FAILED), 1, 1);
        p.clear();
        assertThat(err.toString()).isEmpty();
    }
}
