package org.dovelua.auth.db;

/**
 * A startup failure that is {@code i_fatal()} in Dovecot (bad passdb args, a script that fails
 * to load or whose {@code script_init} fails): the auth process does not come up.
 */
public final class AuthInitException extends Exception {
    public AuthInitException(String message) {
        super(message, null, false, false);
    }
}
