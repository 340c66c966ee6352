package org.dovelua.cases;

import java.nio.file.Path;
import java.util.List;

/** One case file: its setup and its cases, in file order. */
public record CaseFile(Path file, Setup setup, List<Case> cases) {
    public CaseFile {
        cases = List.copyOf(cases);
    }

    /** Reads and checks a case file; errors carry {@code file:line:column}. */
    public static CaseFile read(Path file) throws CaseFileException {
        return CaseFileReader.read(file);
    }
}
