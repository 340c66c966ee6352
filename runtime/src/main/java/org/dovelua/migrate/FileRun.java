package org.dovelua.migrate;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.api.Dovelua;
import org.dovelua.cases.Case;
import org.dovelua.cases.CaseFile;
import org.dovelua.cases.CaseRunner;
import org.dovelua.version.DovecotVersion;

/**
 * One case file run under one release: a fresh auth process for the file, its cases sent in file
 * order (as one {@code dovelua test} worker sends them, so state a script keeps between requests
 * is the same in every run), each answer kept as a {@link Behaviour}; a skipped case is null.
 */
final class FileRun {
    private FileRun() {
    }

    static List<Behaviour> run(CaseFile file, DovecotVersion version) {
        List<Behaviour> out = new ArrayList<>();
        Dovelua d = null;
        long[] clockOffset = {0}; // advance_clock: moves the file's clock, in both releases alike
        try {
            d = file.setup().start(version, () -> System.currentTimeMillis() / 1000 + clockOffset[0], null);
            for (Case c : file.cases()) {
                clockOffset[0] += c.advanceClock();
                out.add(c.skip() != null ? null : Behaviour.of(CaseRunner.runOn(file, c, d)));
            }
        } catch (RuntimeException e) {
            // Setup.start refused (a builder error): every case that would run answers the same
            while (out.size() < file.cases().size()) {
                Case c = file.cases().get(out.size());
                out.add(c.skip() != null ? null : Behaviour.failedToStart(e.getMessage()));
            }
        } finally {
            if (d != null) {
                d.close();
            }
        }
        return out;
    }
}
