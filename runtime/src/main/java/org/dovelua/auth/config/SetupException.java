package org.dovelua.auth.config;

/** A configuration the auth process refuses to start with; the message names the file and line. */
public final class SetupException extends Exception {
    public SetupException(String message) {
        super(message, null, false, false);
    }
}
