package org.dovelua.auth.db;

import java.util.List;
import org.dovelua.auth.request.AuthRequest;

/** A userdb driver ({@code struct userdb_module_interface}). */
public interface Userdb {
    /** {@code lookup}: the result code; fields go to {@code r.userdbReply}. */
    long lookup(AuthRequest r);

    /** {@code iterate}: the users, or null when the iteration failed. */
    default List<String> iterate(AuthRequest r) {
        return null;
    }

    String driver();

    /**
     * Whether this lookup must first ask the passdbs whether the user exists (userdb-static.c
     * {@code static_lookup()}: a userdb-only lookup without {@code allow_all_users}). When it must,
     * the engine runs the credentials lookup and gives its result to {@link #lookupAfterPassdb}.
     */
    default boolean checksUserExists(AuthRequest r) {
        return false;
    }

    /** {@code static_credentials_callback()}: the lookup once the passdbs answered {@code passdbResult}. */
    default long lookupAfterPassdb(AuthRequest r, long passdbResult) {
        return lookup(r);
    }

    /**
     * {@code default_cache_key}: the auth cache key (already through {@code auth_cache_parse_key}),
     * or null when the driver's answers are not cached.
     */
    default String defaultCacheKey() {
        return null;
    }

    default boolean blocking() {
        return false;
    }

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
