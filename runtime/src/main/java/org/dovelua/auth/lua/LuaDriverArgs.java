package org.dovelua.auth.lua;

import java.util.Map;
import org.dovelua.auth.cache.AuthCacheKey;
import org.dovelua.auth.config.DbConfig;
import org.dovelua.auth.config.SetupException;
import org.dovelua.auth.db.DriverContext;
import org.dovelua.lib.StringFields;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/**
 * What a Lua passdb/userdb block says: 2.3 {@code args = file=... blocking=... cache_key=...
 * scheme=...} ({@code passdb_lua_preinit}, {@code userdb_lua_preinit}) or 2.4 {@code lua_file},
 * {@code passdb_use_worker}/{@code userdb_use_worker} and {@code passdb_default_password_scheme},
 * with Dovecot's errors for what it refuses.
 *
 * @param file the script
 * @param blocking whether it runs in an auth worker
 * @param scheme the passdb's default password scheme
 * @param cacheKey {@code cache_key=} (default {@code %u}; empty: not cached) through
 *        {@code auth_cache_parse_key}, or null
 */
public record LuaDriverArgs(String file, boolean blocking, String scheme, String cacheKey) {

    /** {@code --script FILE}: the file as a Lua db with {@code blocking=yes}, scheme PLAIN. */
    static LuaDriverArgs script(String file) {
        return new LuaDriverArgs(file, true, "PLAIN", AuthCacheKey.parse("%u"));
    }

    /** One state of the Lua db, in {@code process} (the auth process or an auth worker). */
    LuaScriptHost host(Map<String, String> luaSettings, DriverContext ctx, org.dovelua.lua.dovecot.DovecotEvent process) {
        // the state lives in the process that runs the db, under that service's vsz_limit
        DriverContext.Files files = ctx.files();
        LuaScriptHost.ScriptFiles scriptFiles = new LuaScriptHost.ScriptFiles() {
            @Override
            public byte[] read(String path) throws org.dovelua.lua.ScriptException {
                return files.read(path);
            }

            @Override
            public boolean present(String path) {
                return files.present(path);
            }
        };
        return new LuaScriptHost(file, scriptFiles, ctx.settings(),
                ctx.scriptOptions().copy().memoryBudget(ctx.settings().memoryBudget(blocking)), process, luaSettings,
                ctx.env()).httpClientIds(ctx.httpClientIds(process));
    }

    public static LuaDriverArgs parse(DbConfig db, String kind, boolean passdb, DovecotVersion version)
            throws SetupException {
        String luaFile = db.setting("lua_file");
        if (luaFile != null || version.has(Since.SETTINGS_24)) {
            if (luaFile == null || luaFile.isEmpty()) {
                throw new SetupException(db.location() + ": " + kind + "-lua: lua_file setting is empty "
                        + "(set lua_file = /path/to/script.lua)");
            }
            String worker = db.settings().getOrDefault(kind + "_use_worker",
                    db.settings().getOrDefault("use_worker", "yes"));
            String scheme = db.setting("passdb_default_password_scheme");
            // 2.4's cache key is the script's auth_*_get_cache_key() (LuaScriptHost.defaultCacheKey24)
            return new LuaDriverArgs(luaFile, yes(worker),
                    scheme != null ? scheme : version.has(Since.DEFAULT_SCHEME_CRYPT) ? "CRYPT" : "PLAIN", null);
        }
        String file = null;
        boolean blocking = true;
        String scheme = "PLAIN";
        String cacheKey = "%u";
        for (String field : StringFields.split(db.args() == null ? "" : db.args())) {
            if (field.startsWith("file=")) {
                file = field.substring(5);
            } else if (field.startsWith("blocking=")) {
                String v = field.substring(9);
                if (!v.equals("yes") && !v.equals("no")) {
                    throw new SetupException(db.location() + ": Invalid value " + v
                            + ". Field blocking must be yes or no");
                }
                blocking = v.equals("yes");
            } else if (field.startsWith("cache_key=")) {
                // passdb-lua.c/userdb-lua.c: an empty value "explicitly disable[s] auth caching for lua"
                cacheKey = field.length() > 10 ? field.substring(10) : null;
            } else if (passdb && field.startsWith("scheme=")) {
                scheme = field.substring(7);
            } else {
                throw new SetupException(db.location() + ": Unsupported parameter " + field);
            }
        }
        if (file == null) {
            throw new SetupException(db.location() + ": " + kind + "-lua: Missing mandatory file= parameter");
        }
        return new LuaDriverArgs(file, blocking, scheme, cacheKey == null ? null : AuthCacheKey.parse(cacheKey));
    }

    private static boolean yes(String v) {
        return v != null && v.trim().equalsIgnoreCase("yes");
    }
}
