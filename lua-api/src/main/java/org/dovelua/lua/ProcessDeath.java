package org.dovelua.lua;

/**
 * Thrown when a script does something that ends the whole Dovecot process hosting it
 * ({@code os.exit()}, a Lua panic, an exhausted time or stack budget). It is an {@link Error},
 * not a {@link org.luaj.vm2.LuaError}, so a script's own {@code pcall} cannot swallow it; the
 * runtime catches it around each call and turns it into what the client of a dead auth process sees.
 * Nor can a coroutine's failed resume: the death is recorded for the state ({@link StateDeath})
 * and ends the call.
 */
public final class ProcessDeath extends Error {
    /** How the process ended. */
    public enum Kind {
        /** {@code os.exit(code)}: the process exits without a log line from Dovecot. */
        EXIT,
        /** {@code i_panic()}: Dovecot logs {@code Panic: <message>} and aborts. */
        PANIC,
        /** {@code i_fatal()}: Dovecot logs {@code Fatal: <message>} and exits with status 89. */
        FATAL,
        /**
         * A host-side crash with SIGSEGV (no log line of its own, master reports signal 11), e.g.
         * the auth dict driver's {@code %{dict:key.field}} quirk (db-dict.c, strlen(NULL)).
         */
        SEGFAULT,
        /** The per-call time budget ran out (a runaway loop). */
        TIMEOUT,
        /** The Lua or Java stack was exhausted. */
        STACK_OVERFLOW
    }

    private final Kind kind;
    private final int exitCode;

    public ProcessDeath(Kind kind, String message, int exitCode) {
        super(message, null, false, false);
        this.kind = kind;
        this.exitCode = exitCode;
        StateDeath.record(this);
    }

    public ProcessDeath(Kind kind, String message) {
        this(kind, message, 0);
    }

    public Kind kind() {
        return kind;
    }

    /** The status passed to {@code os.exit}, for {@link Kind#EXIT}. */
    public int exitCode() {
        return exitCode;
    }
}
