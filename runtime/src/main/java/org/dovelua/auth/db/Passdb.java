package org.dovelua.auth.db;

import org.dovelua.auth.request.AuthRequest;

/** A passdb driver ({@code struct passdb_module_interface}): plaintext verify and credentials lookup. */
public interface Passdb {
    /** {@code verify_plain}: the result code for {@code password}. */
    long verifyPlain(AuthRequest r, String password);

    /** {@code lookup_credentials}: the result code; on OK the request's passdb password is set. */
    long lookupCredentials(AuthRequest r);

    /** The driver name, e.g. {@code lua}. */
    String driver();

    /**
     * {@code default_cache_key}: the auth cache key (already through {@code auth_cache_parse_key}),
     * or null when the driver's answers are not cached.
     */
    default String defaultCacheKey() {
        return null;
    }

    /** {@code default_pass_scheme}: the scheme of a password without one. */
    default String defaultPassScheme() {
        return "PLAIN";
    }

    /** Whether the driver runs in auth workers ({@code blocking=yes}). */
    default boolean blocking() {
        return false;
    }

    /** Called once at auth process start ({@code passdb_init}). */
    default void init() throws AuthInitException {
    }

    /**
     * Ends the driver. {@code scriptDeinit}: the auth process shuts down cleanly
     * ({@code doveadm stop}), so Lua's {@code script_deinit} runs; otherwise the states are dropped.
     */
    default void deinit(boolean scriptDeinit) {
    }

    /** An auth worker process starts and initialises its copy of this driver. */
    default void startWorker() throws AuthInitException {
    }

    /** The auth worker process died: its copy of this driver is gone (no deinit runs). */
    default void workerDied() {
    }

    /**
     * A request was answered and the process's ioloop turns ({@code worker}: the auth worker's, else
     * the auth process's): timers that fire before the next doveadm command run (lib-http's idle hosts).
     */
    default void ioloopTurn(boolean worker) {
    }
}
