package org.dovelua.auth.db;

import java.util.Map;
import org.dovelua.auth.config.AuthSettings;
import org.dovelua.lua.ScriptOptions;
import org.dovelua.lua.dovecot.DovecotEvent;

/**
 * What a driver gets when its {@code passdb}/{@code userdb} block is read: the auth settings, the
 * environment, and the two processes it may run in (the auth process, an auth worker), plus how
 * scripting drivers read their files and set up their states.
 */
public interface DriverContext {
    /** How a driver reads a file the config names (through the mounts): {@code access()} + read. */
    interface Files {
        byte[] read(String path) throws org.dovelua.lua.ScriptException;

        /** Whether the path is a file there (no hint when it is not: {@code glob()}'s probe). */
        default boolean exists(String path) {
            return false;
        }

        /** Whether anything is at the path (a UNIX socket too), through the mounts. */
        default boolean present(String path) {
            return false;
        }
    }

    AuthSettings settings();

    /** A {@code dovelua: hint:} line for the user (not part of Dovecot's log). */
    default void hint(String line) {
    }

    Map<String, String> env();

    DovecotEvent authProcess();

    DovecotEvent workerProcess();

    Files files();

    /** lib-http's client counter of {@code process} (one per process, shared by its Lua states). */
    default org.dovelua.lua.http.HttpClientIds httpClientIds(DovecotEvent process) {
        return new org.dovelua.lua.http.HttpClientIds();
    }

    /** A fresh set of options for one Lua state (sandbox, budgets, HTTP routing). */
    ScriptOptions scriptOptions();

    /**
     * {@code dict_init()} for a dict driver's {@code uri} (db-dict.c): the modules, the worker's
     * event as the dict's parent, mounts, {@code base_dir}, the run's offline dictionaries.
     */
    org.dovelua.dict.Dict openDict(String uri) throws org.dovelua.dict.DictInitException;

    /**
     * {@code db_oauth2_init(event, use_grant_password)}: the {@code oauth2 { }} settings' database
     * for the driver of {@code db} (passdb-oauth2.c), one per settings and grant flag.
     */
    default org.dovelua.auth.oauth2.DbOauth2 oauth2Db(org.dovelua.auth.config.DbConfig db, boolean useGrantPassword)
            throws org.dovelua.auth.config.SetupException {
        throw new org.dovelua.auth.config.SetupException(db.location() + ": the oauth2 driver needs a dovecot.conf");
    }
}
