package org.dovelua.cases;

import java.nio.file.Path;
import java.util.List;

/**
 * One case file: its setup and its cases, in file order.
 *
 * @param oneAuthProcess {@code one_auth_process: true}: the cases run in order on one auth process,
 *        as requests to one running Dovecot (its auth cache and script globals carry over), with a
 *        clock that {@code advance_clock:} moves; otherwise cases may run on any worker
 */
public record CaseFile(Path file, Setup setup, List<Case> cases, boolean oneAuthProcess) {
    public CaseFile {
        cases = List.copyOf(cases);
    }

    /** A file whose cases may run on any worker. */
    public CaseFile(Path file, Setup setup, List<Case> cases) {
        this(file, setup, cases, false);
    }

    /** The same file with only {@code kept} of its cases (a filter, a shard). */
    public CaseFile with(List<Case> kept) {
        return new CaseFile(file, setup, kept, oneAuthProcess);
    }

    /** Reads and checks a case file; errors carry {@code file:line:column}. */
    public static CaseFile read(Path file) throws CaseFileException {
        return CaseFileReader.read(file);
    }
}
