package org.dovelua.lua.dovecot;

/** Dovecot's log levels (lib/failures.h), with the label Dovecot writes after the process name. */
public enum LogLevel {
    DEBUG("Debug"),
    INFO("Info"),
    WARNING("Warning"),
    ERROR("Error"),
    FATAL("Fatal"),
    PANIC("Panic");

    private final String label;

    LogLevel(String label) {
        this.label = label;
    }

    /** The word Dovecot prints, e.g. {@code Info} in {@code auth-worker(123): Info: ...}. */
    public String label() {
        return label;
    }
}
