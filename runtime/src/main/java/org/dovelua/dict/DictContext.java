package org.dovelua.dict;

import java.nio.file.Path;
import java.util.Optional;
import org.dovelua.lua.dovecot.DovecotEvent;

/**
 * What a dict module needs from the process that opens it: the event its log lines go to (the
 * auth worker's, as {@code dict_settings.event_parent}), how configured paths map to files
 * (through {@code --mount}), and whether real network peers may be reached.
 */
public interface DictContext {
    /**
     * The parent event of the dict's own log lines; dict_init() appends {@code dict(NAME): } to
     * it and redis appends {@code redis: } (e.g. redis's {@code connect() failed}).
     */
    DovecotEvent event();

    /** Where a path the config names is on this machine, if it is mounted (files and UNIX sockets). */
    Optional<Path> resolve(String configPath);

    /** {@code base_dir}: relative {@code proxy:} socket paths are under it (dict-client.c). */
    String baseDir();

    /** The offline dictionaries this run was given ({@code --dict URI=FILE}). */
    DictFixtures fixtures();

    /**
     * A {@code dovelua: hint:} line (without that prefix), never in the auth log: what to give so a
     * dict is reachable, or why a reply crashes real Dovecot's worker.
     */
    default void hint(String line) {
    }

    /**
     * Dovecot's own dict service, which answers {@code proxy:} dicts on its listeners
     * ({@code <base_dir>/dict}, {@code dict-async}) with the dovecot.conf {@code dict {}} block's
     * dictionaries; empty where no dict service runs (a dict opened by the service itself).
     */
    default Optional<DictService> dictService() {
        return Optional.empty();
    }

    /** Whether dicts may reach the site's real servers (redis TCP) instead of offline ones. */
    boolean allowNetwork();
}
