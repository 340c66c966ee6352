package org.dovelua.auth.lua;

import java.util.Map;
import org.dovelua.auth.config.DbConfig;
import org.dovelua.auth.config.SetupException;
import org.dovelua.auth.db.AuthInitException;
import org.dovelua.auth.db.DriverContext;
import org.dovelua.auth.db.Passdb;
import org.dovelua.auth.db.PassdbCredentials;
import org.dovelua.auth.db.DbPostFields;
import org.dovelua.auth.db.PassdbResult;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestFields;
import org.dovelua.auth.request.AuthRequestPasswords;
import org.dovelua.version.Since;

/**
 * src/auth/passdb-lua.c. The auth process loads the script at start even when the lookups run
 * in auth workers ({@code blocking=yes}); each worker loads its own copy (seen on 2.3.19), so a
 * blocking passdb has two states whose body and {@code script_init} both run and log.
 */
public final class PassdbLua implements Passdb {
    private final LuaScriptHost authHost;
    private final LuaScriptHost workerHost;
    private final String defaultScheme;
    private final boolean blocking;
    private DbLua authDb;
    private DbLua workerDb;
    private boolean hasPasswordVerify;
    /** passdb_lua_preinit(): {@code cache_key=} (default %u) as auth_cache_parse_key() made it. */
    private String cacheKey;

    /**
     * {@code passdb_lua_preinit()}'s parsed args. Every worker initialises the passdb too, but
     * only {@code blocking=yes} sends lookups there.
     */
    /** {@code passdb_lua_preinit()}: the driver for one {@code passdb} block. */
    public static PassdbLua preinit(DbConfig db, DriverContext ctx) throws SetupException {
        PassdbLua p = of(LuaDriverArgs.parse(db, "passdb", true, ctx.settings().version), db.luaSettings(), ctx);
        p.postFields = DbPostFields.of(db, ctx);
        return p;
    }

    /** {@code --script FILE}: the file as a passdb with {@code blocking=yes}, scheme PLAIN. */
    public static PassdbLua forScript(String file, DriverContext ctx) {
        return of(LuaDriverArgs.script(file), Map.of(), ctx);
    }

    private static PassdbLua of(LuaDriverArgs a, Map<String, String> luaSettings, DriverContext ctx) {
        PassdbLua p = new PassdbLua(a.host(luaSettings, ctx, ctx.authProcess()),
                a.host(luaSettings, ctx, ctx.workerProcess()), a.scheme(), a.blocking());
        p.cacheKey = a.cacheKey();
        return p;
    }

    /** 2.4's {@code fields { }}, set before the script runs. */
    private DbPostFields postFields = DbPostFields.none();

    public PassdbLua(LuaScriptHost authHost, LuaScriptHost workerHost, String defaultScheme, boolean blocking) {
        this.authHost = authHost;
        this.workerHost = workerHost;
        this.defaultScheme = defaultScheme;
        this.blocking = blocking;
    }

    @Override
    public String driver() {
        return "lua";
    }

    /** 2.3: {@code cache_key=}; 2.4: what {@code auth_passdb_get_cache_key()} returned at init, or null. */
    @Override
    public String defaultCacheKey() {
        return cacheKey != null ? cacheKey : authHost.defaultCacheKey24();
    }

    @Override
    public String defaultPassScheme() {
        return defaultScheme;
    }

    @Override
    public boolean blocking() {
        return blocking;
    }

    /** {@code passdb_lua_init()}: {@code passdb-lua: initialization failed: <error>} is fatal. */
    @Override
    public void init() throws AuthInitException {
        authDb = authHost.start("passdb-lua");
        hasPasswordVerify = authHost.script().hasFunction(DbLua.PASSWORD_VERIFY);
    }

    @Override
    public void startWorker() throws AuthInitException {
        workerDb = workerHost.start("passdb-lua");
    }

    @Override
    public void workerDied() {
        workerHost.discard();
        workerDb = null;
    }

    @Override
    public void ioloopTurn(boolean worker) {
        (worker ? workerHost : authHost).ioloopTurn();
    }

    /** The state the lookup runs in: the worker's copy for blocking=yes. */
    private DbLua db(AuthRequest r) {
        return r.inWorker && workerDb != null ? workerDb : authDb;
    }

    @Override
    public void deinit(boolean scriptDeinit) {
        workerHost.stop(scriptDeinit);
        authHost.stop(scriptDeinit);
    }

    /** {@code passdb_lua_lookup()}: the nopassword / password-missing rules of §7.2. */
    private long lookup(AuthRequest r, String[] schemeOut, String[] passwordOut) {
        DbLua.PassdbReply reply = db(r).passdbLookup(r);
        long result = reply.result;
        if (result == PassdbResult.INTERNAL_FAILURE.code() && reply.error != null) {
            r.dbEvent().error("db-lua: " + reply.error);
        } else if (result != PassdbResult.OK.code()) {
            // error strings of other results are dropped
        } else if (!r.extraFields.exists("nopassword")) {
            if (reply.password == null || reply.password.isEmpty()) {
                result = AuthRequestPasswords.passwordMissing(r);
            } else {
                String scheme = reply.scheme == null ? defaultScheme : reply.scheme;
                reply.scheme = scheme;
                AuthRequestFields.setField(r, "password", reply.password, scheme);
            }
        } else if (reply.password != null && !reply.password.isEmpty()) {
            r.dbEvent().info("nopassword given and password is not empty");
            result = PassdbResult.PASSWORD_MISMATCH.code();
        }
        schemeOut[0] = reply.scheme;
        passwordOut[0] = reply.password;
        return result;
    }

    @Override
    public long lookupCredentials(AuthRequest r) {
        // passdb_lua_lookup_credentials(): the lookup, then passdb_handle_credentials() (C.9)
        if (!postFields.apply(r)) {
            return PassdbResult.INTERNAL_FAILURE.code();
        }
        String[] scheme = new String[1];
        String[] password = new String[1];
        long result = lookup(r, scheme, password);
        return PassdbCredentials.handle(r, result, password[0], scheme[0]);
    }

    /** {@code passdb_lua_verify_plain()}. */
    @Override
    public long verifyPlain(AuthRequest r, String password) {
        if (!postFields.apply(r)) {
            return PassdbResult.INTERNAL_FAILURE.code();
        }
        if (hasPasswordVerify) {
            DbLua.PassdbReply reply = db(r).passwordVerify(r, password);
            if (reply.result == PassdbResult.PASSWORD_MISMATCH.code()) {
                AuthRequestPasswords.logPasswordMismatch(r);
            } else if (reply.result == PassdbResult.INTERNAL_FAILURE.code() && reply.error != null) {
                r.dbEvent().error("passdb-lua: " + reply.error);
            }
            return reply.result;
        }
        String[] scheme = new String[1];
        String[] pw = new String[1];
        long result = lookup(r, scheme, pw);
        if (result == PassdbResult.OK.code()) {
            String s = scheme[0] == null ? "PLAIN" : scheme[0];
            int ret = AuthRequestPasswords.passwordVerify(r, password, pw[0], s);
            if (r.settings.version.has(Since.PASSWORD_VERIFY_RESULT_PASSED_ON)) {
                // passdb-lua.c@2.3.21 passes auth_request_password_verify()'s result on:
                // an error is an internal failure, as seen on 2.4.1
                result = ret;
            } else if (ret <= 0) {
                // auth_request_password_verify() <= 0 is a mismatch here, whatever the reason (2.3.19).
                result = PassdbResult.PASSWORD_MISMATCH.code();
            }
        }
        return result;
    }
}
