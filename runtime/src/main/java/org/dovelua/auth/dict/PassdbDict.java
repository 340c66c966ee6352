package org.dovelua.auth.dict;

import org.dovelua.auth.config.DbConfig;
import org.dovelua.auth.db.AuthInitException;
import org.dovelua.auth.db.DriverContext;
import org.dovelua.auth.db.Passdb;
import org.dovelua.auth.db.PassdbCredentials;
import org.dovelua.auth.db.PassdbResult;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestFields;
import org.dovelua.auth.request.AuthRequestPasswords;
import org.dovelua.auth.scheme.PasswordSchemes;
import org.dovelua.version.Since;

/**
 * src/auth/passdb-dict.c@2.3.19: the dict lookup's fields through {@code auth_request_set_field()}
 * with the config's default_pass_scheme (MD5 unless set); always in an auth worker.
 */
public final class PassdbDict implements Passdb {
    private final String configPath;
    private final DriverContext ctx;
    private DictConnection conn;

    /** {@code passdb_dict_preinit()}: {@code args} is the dict config file's path. */
    public static PassdbDict preinit(DbConfig db, DriverContext ctx) {
        return new PassdbDict(db.args() == null ? "" : db.args(), ctx);
    }

    private PassdbDict(String configPath, DriverContext ctx) {
        this.configPath = configPath;
        this.ctx = ctx;
    }

    @Override
    public String driver() {
        return "dict";
    }

    @Override
    public String defaultPassScheme() {
        return conn == null ? "MD5" : conn.set.defaultPassScheme;
    }

    /** The cache key of {@code passdb_dict_preinit()}/{@code userdb_dict_preinit()}, once the file is read. */
    @Override
    public String defaultCacheKey() {
        return conn == null ? null : DbDictCacheKey.defaultCacheKey(conn, true);
    }

    /** {@code module->module.blocking = TRUE}. */
    @Override
    public boolean blocking() {
        return true;
    }

    /** {@code db_dict_init()} at auth start: a bad config is fatal. */
    @Override
    public void init() throws AuthInitException {
        DictConnection.refuseRemoved(ctx, "passdb");
        conn = DictConnection.init(configPath, ctx);
    }

    @Override
    public void deinit(boolean scriptDeinit) {
        if (conn != null) {
            conn.unref(ctx);
            conn = null;
        }
    }

    /** {@code passdb_dict_lookup_key()}. */
    private long lookupKey(AuthRequest r) {
        DictValueIter.Init init = DictValueIter.init(conn, r, conn.set.passdbFields, conn.set.parsedPassdbObjects,
                ctx.env(), ctx::hint);
        if (init.ret() < 0) {
            return PassdbResult.INTERNAL_FAILURE.code();
        }
        if (init.ret() == 0) {
            AuthRequestPasswords.logUnknownUser(r);
            return PassdbResult.USER_UNKNOWN.code();
        }
        // dict_query_save_results()
        DictValueIter iter = init.iter();
        DictValueIter.Field f;
        while ((f = iter.next()) != null) {
            if (f.value() != null) {
                AuthRequestFields.setField(r, f.name(), f.value(), conn.set.defaultPassScheme);
            }
        }
        String error = iter.deinit();
        if (error != null) {
            r.dbEvent().error(error);
            return PassdbResult.INTERNAL_FAILURE.code();
        }
        if (r.passdbPassword == null && !r.extraFields.exists("nopassword")) {
            return AuthRequestPasswords.passwordMissing(r);
        }
        return PassdbResult.OK.code();
    }

    /** {@code passdb_dict_lookup_pass()} up to the password split. */
    private long lookup(AuthRequest r, String[] split) {
        long result;
        if (conn.set.passdbFields.isEmpty() && conn.set.parsedPassdbObjects.isEmpty()) {
            r.dbEvent().error("No passdb_objects or passdb_fields specified");
            result = PassdbResult.INTERNAL_FAILURE.code();
        } else {
            result = lookupKey(r);
        }
        if (result == PassdbResult.OK.code() && r.passdbPassword != null) {
            // password_get_scheme(): auth_request_set_field() gave it a {SCHEME}
            PasswordSchemes.Split s = PasswordSchemes.getScheme(r.passdbPassword);
            split[0] = s.password();
            split[1] = s.scheme();
        }
        return result;
    }

    @Override
    public long verifyPlain(AuthRequest r, String plain) {
        try {
            return verifyPlainBurst(r, plain);
        } finally {
            conn.dict.idle(); // the worker's request is answered: a proxy: dict drops its connection
        }
    }

    private long verifyPlainBurst(AuthRequest r, String plain) {
        String[] split = new String[2];
        long result = lookup(r, split);
        if (split[0] != null) {
            int ret = AuthRequestPasswords.passwordVerify(r, plain, split[0], split[1]);
            if (r.settings.version.has(Since.PASSWORD_VERIFY_RESULT_PASSED_ON)) {
                result = ret; // passdb-dict.c@2.3.21 passes the verify result on
            } else {
                // passdb-dict.c@2.3.19: ret > 0 ? OK : PASSWORD_MISMATCH, invalid data included (seen)
                result = ret > 0 ? PassdbResult.OK.code() : PassdbResult.PASSWORD_MISMATCH.code();
            }
        }
        return result;
    }

    @Override
    public long lookupCredentials(AuthRequest r) {
        String[] split = new String[2];
        long result;
        try {
            result = lookup(r, split);
        } finally {
            conn.dict.idle();
        }
        return PassdbCredentials.handle(r, result, split[0], split[1]);
    }
}
