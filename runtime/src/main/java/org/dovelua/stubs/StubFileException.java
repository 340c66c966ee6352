package org.dovelua.stubs;

/** A stub file that cannot be used; the message starts with {@code file:line:column:}. */
public final class StubFileException extends Exception {
    public StubFileException(String message) {
        super(message, null, false, false);
    }
}
