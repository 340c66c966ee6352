package org.dovelua.lua;

/** A failure Dovecot reports as a string ({@code *error_r}), e.g. {@code lua_pcall(f, 1, 2) failed: ...}. */
public final class ScriptException extends Exception {
    public ScriptException(String message) {
        super(message, null, false, false);
    }
}
