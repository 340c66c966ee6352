package org.dovelua.auth.lua;

import java.util.List;
import java.util.Map;
import org.dovelua.auth.cache.AuthCacheKey;
import org.dovelua.auth.config.AuthSettings;
import org.dovelua.auth.db.AuthInitException;
import org.dovelua.lua.LuaScript;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.lua.ScriptException;
import org.dovelua.lua.ScriptOptions;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.DovecotLib;
import org.dovelua.lua.http.DnsClientSettings;
import org.dovelua.lua.http.HttpClientLib;
import org.dovelua.varexpand.VarExpand;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * One Lua state for one configured passdb or userdb (a passdb and a userdb never share one,
 * 2.3.14+): loads the file, registers {@code dovecot} and {@code dovecot.auth}, runs the body
 * and {@code script_init} with the version's contract ({@code auth_lua_script_init},
 * {@code dlua_script_init}, spec §3.1).
 */
public final class LuaScriptHost {
    /** Reads a script file as the auth process would ({@code access()} + read). */
    public interface ScriptFiles {
        /** The file's bytes; throws with Dovecot's {@code access(...) failed: ...} text when absent. */
        byte[] read(String path) throws ScriptException;

        /** Whether anything (a UNIX socket too) is at the path, through the mounts. */
        default boolean present(String path) {
            return false;
        }
    }

    private final String file;
    private final ScriptFiles files;
    private final AuthSettings settings;
    private final ScriptOptions options;
    private final DovecotEvent processEvent;
    private final Map<String, String> luaSettings;
    private final Map<String, String> env;
    /** The process's lib-http client numbers, shared by its states. */
    private org.dovelua.lua.http.HttpClientIds httpClientIds = new org.dovelua.lua.http.HttpClientIds();
    private LuaScript script;
    /** What {@code auth_*_get_cache_key()} returned at init (2.4), or null without the function. */
    private String cacheKeyQuery;

    public LuaScriptHost(String file, ScriptFiles files, AuthSettings settings, ScriptOptions options,
            DovecotEvent processEvent, Map<String, String> luaSettings, Map<String, String> env) {
        this.file = file;
        this.files = files;
        this.settings = settings;
        this.options = options;
        this.processEvent = processEvent;
        this.luaSettings = luaSettings;
        this.env = env;
    }

    /** Shares the process's {@code http-client[N]} counter with its other Lua states. */
    LuaScriptHost httpClientIds(org.dovelua.lua.http.HttpClientIds ids) {
        this.httpClientIds = ids;
        return this;
    }

    public String file() {
        return file;
    }

    public LuaScript script() {
        return script;
    }

    /**
     * Creates and initialises the state. The fatal error's wording is the version's: 2.3's
     * {@code passdb_lua_init} says {@code <prefix>: initialization failed: ...}; 2.4's
     * {@code passdb_lua_preinit} distinguishes loading ({@code <prefix>: Lua script '<file>': ...}),
     * init ({@code <prefix>: script_init() failed: ...}) and the cache-key function.
     */
    /** The state's dovecot.http, whose lib-http model logs on the ioloop's turns (null: none). */
    private HttpClientLib http;

    /** The process's ioloop turns after a request was answered. */
    void ioloopTurn() {
        if (http != null) {
            http.ioloopTurn();
        }
    }

    DbLua start(String prefix) throws AuthInitException {
        DovecotVersion v = settings.version;
        String stage = "load";
        try {
            byte[] source = files.read(file);
            script = LuaScript.load(file, source, processEvent, options);
            stage = "init";
            if (!v.has(Since.SCRIPT_BODY_AFTER_DOVECOT_GLOBAL)) {
                // Up to 2.3.15 the chunk ran at load time, before `dovecot` existed.
                script.runBody();
            }
            DovecotLib dovecot = new DovecotLibByVersion(script, v, env, options.clock());
            script.globals().load(dovecot);
            if (v.has(Since.DOVECOT_HTTP)) {
                // dlua_dovecot_http_register (2.3.19+): dovecot.http
                HttpClientLib http = new HttpClientLib(options.http(), v.has(Since.HTTP_CLIENT_24_SETTINGS),
                        dovecot.events(), script.event(), processEvent);
                // 2.4.2: lib-dns-client's settings (dd6f9b3a3f); 2.4.3: request events (b98b7e1189)
                if (v.has(Since.HTTP_CLIENT_24_SETTINGS)) {
                    http.dnsClientSettings(new DnsClientSettings(settings.baseDir, files::present,
                            v.has(Since.HTTP_CLIENT_DNS_SETTINGS)));
                }
                http.requestEvents(v.has(Since.HTTP_REQUEST_EVENT));
                http.urlRules(org.dovelua.auth.HttpUrlRules.of(v));
                http.sslIostream(v.has(Since.SSL_IOSTREAM_DEBUG_LOG), !v.has(Since.SSL_NO_SHUTDOWN_AFTER_FAILED_HANDSHAKE));
                // lib-ssl-iostream's CA file, read through the mounts (cases 506-508)
                http.sslClientCa(path -> {
                    try {
                        return files.read(path);
                    } catch (ScriptException e) {
                        return null;
                    }
                }, settings.sslClientCaFile);
                http.clientIds(httpClientIds);
                script.onClose(http::close); // its connections end with the state
                // dlua's client settings name "dns-client"; 2.4 logs it under base_dir (cases 466, 467)
                http.dnsClientSocket(v.has(Since.HTTP_CLIENT_24_SETTINGS) ? settings.baseDir + "/dns-client"
                        : "dns-client");
                this.http = http;
                script.globals().load(http);
            }
            DbLua db = new DbLua(script, dovecot, settings, env);
            script.runBody();
            scriptInit(v);
            if (http != null) {
                http.initDone(); // auth_policy_init() comes after auths_init() (HttpClientIds)
            }
            if (v.has(Since.CACHE_KEY_FUNCTION_CHECKED)) {
                stage = "cache_key";
                cacheKey(cacheKeyFunction(prefix));
            }
            return db;
        } catch (ScriptException | ProcessDeath e) {
            throw new AuthInitException(fatal(prefix, stage, e.getMessage()));
        }
    }

    private static String cacheKeyFunction(String prefix) {
        return prefix.startsWith("passdb") ? "auth_passdb_get_cache_key" : "auth_userdb_get_cache_key";
    }

    private String fatal(String prefix, String stage, String error) {
        if (!settings.version.has(Since.INIT_FAILURE_NAMES_STAGE)) {
            return prefix + ": initialization failed: " + error;
        }
        switch (stage) {
            case "load":
                return prefix + ": Lua script '" + file + "': " + error;
            case "init":
                return prefix + ": script_init() failed: " + error;
            default:
                return prefix + ": " + cacheKeyFunction(prefix) + "() failed: " + error;
        }
    }

    /**
     * 2.4 {@code auth_lua_script_get_default_cache_key()}: the function's result must be a string
     * (or a number); it becomes the db's cache key ({@link #defaultCacheKey24}).
     */
    private void cacheKey(String fn) throws ScriptException {
        cacheKeyQuery = null;
        if (!script.hasFunction(fn)) {
            return;
        }
        LuaValue key = script.call(fn, LuaValue.NONE, 1).arg1();
        if (!key.isstring()) {
            throw new ScriptException("db-lua: " + fn + " invalid return value (expected string, got "
                    + key.typename() + ")");
        }
        cacheKeyQuery = key.tojstring();
    }

    /**
     * The 2.4 db's {@code default_cache_key}: db-lua.c passes the function's result through
     * {@code auth_cache_parse_key_and_fields(pool, key, &post_set->fields, "lua")}; null when the
     * script has no such function (nothing is cached). A key that does not parse is logged as
     * auth-cache.c does (debug, on the auth event) and caches under the empty key.
     */
    String defaultCacheKey24() {
        if (cacheKeyQuery == null) {
            return null;
        }
        try {
            return AuthCacheKey.parse24(cacheKeyQuery, List.of(), "lua", settings.version);
        } catch (VarExpand.VarExpandException e) {
            processEvent.debug("auth-cache: var_expand_program_create('" + cacheKeyQuery + "') failed: "
                    + e.getMessage());
            return "";
        }
    }

    /** {@code script_init} per version (§3.1). */
    private void scriptInit(DovecotVersion v) throws ScriptException {
        if (!script.hasFunction("script_init")) {
            return;
        }
        if (v.has(Since.SCRIPT_INIT_TAKES_SETTINGS)) {
            LuaTable args = new LuaTable();
            luaSettings.forEach((k, val) -> args.set(k, LuaValue.valueOf(val)));
            script.call("script_init", args, 0); // the return value is ignored
            return;
        }
        Varargs r = script.call("script_init", LuaValue.NONE, 1);
        LuaValue ret = r.arg1();
        boolean integer = v.has(Since.SCRIPT_INIT_RETURNS_INTEGER) ? isInteger(ret) : org.dovelua.lua.LuaNumbers.isNumber(ret);
        if (!integer) {
            throw new ScriptException("script_init() returned non-number");
        }
        long code = org.dovelua.lua.LuaNumbers.toIntegerOrZero(ret);
        if (code != 0 && (v.has(Since.SCRIPT_INIT_NONZERO_FAILS) || code < 0)) {
            throw new ScriptException("Script init failed");
        }
    }

    /** {@code lua_isinteger}: a number with the integer subtype ({@code 0.0} is a float). */
    private static boolean isInteger(LuaValue v) {
        return org.dovelua.lua.LuaNumbers.isInteger(v);
    }

    void stop(boolean scriptDeinit) {
        if (script != null) {
            if (scriptDeinit) {
                script.deinit();
            } else {
                script.close();
            }
            script = null;
        }
    }

    /** The hosting process died: the state is gone without {@code script_deinit}. */
    void discard() {
        http = null;
        if (script != null) {
            script.close();
            script = null;
        }
    }

    boolean started() {
        return script != null;
    }
}
