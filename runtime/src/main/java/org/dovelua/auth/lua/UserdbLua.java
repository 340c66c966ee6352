package org.dovelua.auth.lua;

import java.util.List;
import java.util.Map;
import org.dovelua.auth.config.DbConfig;
import org.dovelua.auth.config.SetupException;
import org.dovelua.auth.db.AuthInitException;
import org.dovelua.auth.db.DriverContext;
import org.dovelua.auth.db.Userdb;
import org.dovelua.auth.db.DbPostFields;
import org.dovelua.auth.db.UserdbResult;
import org.dovelua.auth.request.AuthRequest;

/**
 * src/auth/userdb-lua.c. As for the passdb, the auth process has its own state; lookups run in a
 * worker's copy with {@code blocking=yes}, and the iteration always runs in a worker (seen on
 * 2.3.19), so a non-blocking userdb starts a worker copy when it is first iterated.
 */
public final class UserdbLua implements Userdb {
    private final LuaScriptHost authHost;
    private final LuaScriptHost workerHost;
    private final boolean blocking;
    private DbLua authDb;
    private DbLua workerDb;
    /** userdb_lua_preinit(): {@code cache_key=} (default %u) as auth_cache_parse_key() made it. */
    private String cacheKey;

    /** {@code userdb_lua_preinit()}: the driver for one {@code userdb} block. */
    public static UserdbLua preinit(DbConfig db, DriverContext ctx) throws SetupException {
        UserdbLua u = of(LuaDriverArgs.parse(db, "userdb", false, ctx.settings().version), db.luaSettings(), ctx);
        u.postFields = DbPostFields.of(db, ctx);
        return u;
    }

    /** {@code --script FILE}: the file as a userdb with {@code blocking=yes}. */
    public static UserdbLua forScript(String file, DriverContext ctx) {
        return of(LuaDriverArgs.script(file), Map.of(), ctx);
    }

    private static UserdbLua of(LuaDriverArgs a, Map<String, String> luaSettings, DriverContext ctx) {
        UserdbLua u = new UserdbLua(a.host(luaSettings, ctx, ctx.authProcess()),
                a.host(luaSettings, ctx, ctx.workerProcess()), a.blocking());
        u.cacheKey = a.cacheKey();
        return u;
    }

    /** 2.4's {@code fields { }}, set before the script runs. */
    private DbPostFields postFields = DbPostFields.none();

    public UserdbLua(LuaScriptHost authHost, LuaScriptHost workerHost, boolean blocking) {
        this.authHost = authHost;
        this.workerHost = workerHost;
        this.blocking = blocking;
    }

    @Override
    public String driver() {
        return "lua";
    }

    /** 2.3: {@code cache_key=}; 2.4: what {@code auth_userdb_get_cache_key()} returned at init, or null. */
    @Override
    public String defaultCacheKey() {
        return cacheKey != null ? cacheKey : authHost.defaultCacheKey24();
    }

    @Override
    public boolean blocking() {
        return blocking;
    }

    @Override
    public void init() throws AuthInitException {
        authDb = authHost.start("userdb-lua");
    }

    /** Every worker initialises every userdb: the iteration runs in one even for blocking=no. */
    @Override
    public void startWorker() throws AuthInitException {
        workerDb = workerHost.start("userdb-lua");
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

    @Override
    public void deinit(boolean scriptDeinit) {
        workerHost.stop(scriptDeinit);
        authHost.stop(scriptDeinit);
    }

    /** {@code userdb_lua_lookup()}: only INTERNAL_FAILURE errors are logged, as {@code userdb-lua: }. */
    @Override
    public long lookup(AuthRequest r) {
        if (!postFields.apply(r)) {
            return UserdbResult.INTERNAL_FAILURE.code();
        }
        String[] error = new String[1];
        long result = (r.inWorker && workerDb != null ? workerDb : authDb).userdbLookup(r, error);
        if (result == UserdbResult.INTERNAL_FAILURE.code()) {
            r.dbEvent().error("userdb-lua: " + error[0]);
        }
        return result;
    }

    @Override
    public List<String> iterate(AuthRequest r) {
        return (workerDb != null ? workerDb : authDb).userdbIterate(r);
    }
}
