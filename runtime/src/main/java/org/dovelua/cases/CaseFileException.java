package org.dovelua.cases;

/** A case file that cannot be read; the message starts with {@code file:line:column: }. */
public final class CaseFileException extends Exception {
    public CaseFileException(Location at, String message) {
        super(at + ": " + message, null, false, false);
    }
}
