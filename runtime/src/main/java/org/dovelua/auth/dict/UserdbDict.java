package org.dovelua.auth.dict;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.auth.config.DbConfig;
import org.dovelua.auth.db.AuthInitException;
import org.dovelua.auth.db.DriverContext;
import org.dovelua.auth.db.Userdb;
import org.dovelua.auth.db.UserdbResult;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestFields;
import org.dovelua.auth.request.AuthRequestPasswords;
import org.dovelua.auth.request.AuthRequestVars;
import org.dovelua.dict.Dict;
import org.dovelua.varexpand.VarExpand;

/**
 * src/auth/userdb-dict.c@2.3.19: lookups set their fields through
 * {@code auth_request_set_userdb_field()}; iteration lists the keys under iterate_prefix
 * (spec A.9). Always in an auth worker.
 */
public final class UserdbDict implements Userdb {
    private final String configPath;
    private final DriverContext ctx;
    private DictConnection conn;

    /** {@code userdb_dict_preinit()}: {@code args} is the dict config file's path. */
    public static UserdbDict preinit(DbConfig db, DriverContext ctx) {
        return new UserdbDict(db.args() == null ? "" : db.args(), ctx);
    }

    private UserdbDict(String configPath, DriverContext ctx) {
        this.configPath = configPath;
        this.ctx = ctx;
    }

    @Override
    public String driver() {
        return "dict";
    }

    /** The cache key of {@code passdb_dict_preinit()}/{@code userdb_dict_preinit()}, once the file is read. */
    @Override
    public String defaultCacheKey() {
        return conn == null ? null : DbDictCacheKey.defaultCacheKey(conn, false);
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public void init() throws AuthInitException {
        DictConnection.refuseRemoved(ctx, "userdb");
        conn = DictConnection.init(configPath, ctx);
    }

    @Override
    public void deinit(boolean scriptDeinit) {
        if (conn != null) {
            conn.unref(ctx);
            conn = null;
        }
    }

    /** {@code userdb_dict_lookup()}. */
    @Override
    public long lookup(AuthRequest r) {
        try {
            return lookupBurst(r);
        } finally {
            conn.dict.idle(); // the worker's request is answered: a proxy: dict drops its connection
        }
    }

    private long lookupBurst(AuthRequest r) {
        if (conn.set.userdbFields.isEmpty() && conn.set.parsedUserdbObjects.isEmpty()) {
            r.dbEvent().error("No userdb_objects or userdb_fields specified");
            return UserdbResult.INTERNAL_FAILURE.code();
        }
        DictValueIter.Init init = DictValueIter.init(conn, r, conn.set.userdbFields, conn.set.parsedUserdbObjects,
                ctx.env(), ctx::hint);
        if (init.ret() < 0) {
            return UserdbResult.INTERNAL_FAILURE.code();
        }
        if (init.ret() == 0) {
            AuthRequestPasswords.logUnknownUser(r);
            return UserdbResult.USER_UNKNOWN.code();
        }
        DictValueIter iter = init.iter();
        DictValueIter.Field f;
        while ((f = iter.next()) != null) {
            if (f.value() != null) {
                AuthRequestFields.setUserdbField(r, f.name(), f.value());
            }
        }
        String error = iter.deinit();
        if (error != null) {
            r.dbEvent().error(error);
            return UserdbResult.INTERNAL_FAILURE.code();
        }
        return UserdbResult.OK.code();
    }

    /**
     * {@code userdb_dict_iterate_init/next/deinit()}: no prefix is an error unless
     * iterate_disable (which is not read when a prefix is set); the prefix is expanded with the
     * mask as {@code %u}; the users are the keys with {@code shared/PREFIX} cut off.
     */
    @Override
    public List<String> iterate(AuthRequest r) {
        try {
            return iterateBurst(r);
        } finally {
            conn.dict.idle();
        }
    }

    private List<String> iterateBurst(AuthRequest r) {
        if (conn.set.iteratePrefix.isEmpty()) {
            if (!conn.set.iterateDisable) {
                r.dbEvent().error("iterate: iterate_prefix not set");
                return null;
            }
            return List.of();
        }
        String prefix;
        try {
            // auth_request_var_expand() <= 0 fails
            prefix = "shared/" + VarExpand.expandTemplate(conn.set.iteratePrefix, AuthRequestVars.of(r), ctx.env());
        } catch (VarExpand.VarExpandException e) {
            r.dbEvent().error("Failed to expand iterate_prefix=" + conn.set.iteratePrefix + ": " + e.getMessage());
            return null;
        }
        Dict.DictIteration it = conn.dict.iterate(prefix, r.user);
        r.dbEvent().debug("iterate: prefix=" + prefix);
        List<String> users = new ArrayList<>();
        for (Dict.DictIteration.Row row : it.rows()) {
            if (!row.key().startsWith(prefix)) {
                // userdb_dict_get_user(): i_assert(strncmp(key, key_prefix, key_prefix_len) == 0)
                throw new AuthRequestFields.AssertionFailure("file userdb-dict.c: line 133 (userdb_dict_get_user): "
                        + "assertion failed: (strncmp(key, ctx->key_prefix, ctx->key_prefix_len) == 0)");
            }
            users.add(row.key().substring(prefix.length()));
        }
        if (!it.ok()) {
            r.dbEvent().error("dict_iterate(" + prefix + ") failed: " + it.error());
            return null;
        }
        return users;
    }
}
