package org.dovelua.cases;

/** A case file that cannot be read; the message starts with {@code file:line:column: }. */
public final class CaseFileException extends Exception {
    private final Location at;

    public CaseFileException(Location at, String message) {
        super(at + ": " + message, null, false, false);
        this.at = at;
    }

    /** Every mistake found in one file, one per line, in the order of the file. */
    public CaseFileException(java.util.List<CaseFileException> all) {
        super(String.join("\n", all.stream().sorted(java.util.Comparator
                .comparingInt((CaseFileException e) -> e.at == null ? 0 : e.at.line())
                .thenComparingInt(e -> e.at == null ? 0 : e.at.column()))
                .map(Throwable::getMessage).toList()), null, false, false);
        this.at = all.isEmpty() ? null : all.get(0).at;
    }
}
