package org.dovelua.auth.dict;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.dovelua.auth.db.AuthInitException;
import org.dovelua.auth.db.DriverContext;
import org.dovelua.dict.Dict;
import org.dovelua.dict.DictInitException;
import org.dovelua.lua.ScriptException;
import org.dovelua.version.Since;

/**
 * {@code struct dict_connection} and {@code db_dict_init()} (db-dict.c@2.3.19): one parsed dict
 * config file and its dict, shared (refcounted, keyed by the args path) by every passdb and
 * userdb naming the same path. Its failures are {@code i_fatal()} at auth start.
 */
final class DictConnection {
    /** {@code connections}: per auth process (per setup), by config path. */
    private static final Map<DriverContext, Map<String, DictConnection>> CONNECTIONS = new WeakHashMap<>();

    final String configPath;
    final DictConfig set;
    final Dict dict;
    private int refcount = 1;

    private DictConnection(String configPath, DictConfig set, Dict dict) {
        this.configPath = configPath;
        this.set = set;
        this.dict = dict;
    }

    /** {@code db_dict_init(config_path)}: the shared connection, parsed and opened on first use. */
    static DictConnection init(String configPath, DriverContext ctx) throws AuthInitException {
        Map<String, DictConnection> conns;
        synchronized (CONNECTIONS) {
            conns = CONNECTIONS.computeIfAbsent(ctx, c -> new HashMap<>());
        }
        DictConnection conn = conns.get(configPath);
        if (conn != null) {
            conn.refcount++;
            return conn;
        }
        if (configPath.isEmpty()) {
            throw new AuthInitException("dict: Configuration file path not given");
        }
        DictConfig set = new DictConfig();
        SettingsReader reader = new SettingsReader(files(ctx), ctx.env(), ctx.authProcess()::warning);
        try {
            reader.read(configPath, set);
        } catch (SettingsReader.SettingsException e) {
            throw new AuthInitException("dict " + configPath + ": " + e.getMessage());
        }
        try {
            set.parseObjects();
        } catch (DictConfig.ObjectsException e) {
            throw new AuthInitException(e.getMessage());
        }
        if (set.uri == null) {
            throw new AuthInitException("dict " + configPath + ": Empty uri setting");
        }
        Dict dict;
        try {
            dict = ctx.openDict(set.uri);
        } catch (DictInitException e) {
            throw new AuthInitException("dict " + configPath + ": Failed to init dict: " + e.getMessage());
        }
        conn = new DictConnection(configPath, set, dict);
        conns.put(configPath, conn);
        return conn;
    }

    /**
     * 2.4 has no dict driver: {@code passdb_preinit()}/{@code userdb_preinit()} do not find it
     * and the auth process dies at start (seen on 2.4.1).
     */
    static void refuseRemoved(DriverContext ctx, String kind) throws AuthInitException {
        if (!ctx.settings().version.has(Since.DICT_DRIVER_REMOVED)) {
            return;
        }
        ctx.hint("the dict " + kind + " driver was removed in Dovecot 2.4.0 (commit 27ca066716 \"auth: Drop"
                + " passdb/userdb dict\"); the Lua driver replaces it: a Lua " + kind + " can read the same data"
                + " (see docs/dict-driver.md), or pin 2.3 with --dovecot-version 2.3.19");
        throw new AuthInitException("Unknown " + kind + " driver 'dict'");
    }

    /** {@code db_dict_unref()}: the last user closes the dict. */
    void unref(DriverContext ctx) {
        if (--refcount > 0) {
            return;
        }
        synchronized (CONNECTIONS) {
            Map<String, DictConnection> conns = CONNECTIONS.get(ctx);
            if (conns != null) {
                conns.remove(configPath);
            }
        }
        dict.close();
    }

    /** The config file and its includes, read through the mounts. */
    private static SettingsReader.Files files(DriverContext ctx) {
        return new SettingsReader.Files() {
            @Override
            public byte[] read(String path) throws SettingsReader.OpenFailure {
                try {
                    return ctx.files().read(path);
                } catch (ScriptException e) {
                    // "access(PATH) failed: <strerror>": open()'s %m is the part after it
                    String m = e.getMessage();
                    int i = m.indexOf("failed: ");
                    throw new SettingsReader.OpenFailure(i < 0 ? m : m.substring(i + 8));
                }
            }

            @Override
            public boolean exists(String path) {
                return ctx.files().exists(path);
            }
        };
    }
}
