package org.dovelua.auth;

import java.util.List;

/** src/auth/userdb-lua.c. */
public final class UserdbLua implements Userdb {
    private final LuaScriptHost host;
    private final boolean blocking;
    private DbLua db;

    public UserdbLua(LuaScriptHost host, boolean blocking) {
        this.host = host;
        this.blocking = blocking;
    }

    @Override
    public String driver() {
        return "lua";
    }

    @Override
    public boolean blocking() {
        return blocking;
    }

    @Override
    public void init() throws AuthInitException {
        db = host.start("userdb-lua");
    }

    @Override
    public void deinit() {
        host.stop();
    }

    /** {@code userdb_lua_lookup()}: only INTERNAL_FAILURE errors are logged, as {@code userdb-lua: }. */
    @Override
    public long lookup(AuthRequest r) {
        String[] error = new String[1];
        long result = db.userdbLookup(r, error);
        if (result == UserdbResult.INTERNAL_FAILURE.code()) {
            r.dbEvent().error("userdb-lua: " + error[0]);
        }
        return result;
    }

    @Override
    public List<String> iterate(AuthRequest r) {
        return db.userdbIterate(r);
    }
}
