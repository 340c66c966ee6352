package org.dovelua.auth.db;

import java.util.Map;
import org.dovelua.auth.oauth2.DbOauth2;
import org.dovelua.auth.oauth2.OAuth2Fields;
import org.dovelua.auth.oauth2.OAuth2Request;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestFields;

/**
 * src/auth/passdb-oauth2.c (2.4): {@code verify_plain} only. The db is made with
 * {@code use_grant_password} ({@code db_oauth2_init(event, TRUE, ...)}), so every lookup is the
 * password grant ({@link DbOauth2#passwordGrant}); a failure is logged as
 * {@code oauth2 failed: <error>} (Error for an internal failure, else Info), a success sets the
 * reply's access token as the {@code token} field. No credentials lookups.
 */
public final class PassdbOauth2 implements Passdb {
    private final DbOauth2 db;
    private final Map<String, String> env;

    /** {@code oauth2_preinit()}: default_pass_scheme PLAIN, default_cache_key {@code %u}. */
    public static PassdbOauth2 preinit(org.dovelua.auth.config.DbConfig config, DriverContext ctx)
            throws org.dovelua.auth.config.SetupException {
        String key;
        try {
            key = org.dovelua.auth.cache.AuthCacheKey.parse24("%{user}", java.util.List.of(), "oauth2",
                    ctx.settings().version);
        } catch (org.dovelua.varexpand.VarExpand.VarExpandException e) {
            throw new IllegalStateException("%{user} parses", e);
        }
        return new PassdbOauth2(ctx.oauth2Db(config, true), ctx.env(), key, config.name());
    }

    private final String cacheKey;
    /** The passdb's name ({@code set->name}), which passdb_preinit()'s fatal error names. */
    private final String name;

    PassdbOauth2(DbOauth2 db, Map<String, String> env, String cacheKey, String name) {
        this.db = db;
        this.env = env;
        this.cacheKey = cacheKey;
        this.name = name;
    }

    /**
     * passdb.c passdb_preinit(): {@code oauth2_preinit()}'s db_oauth2_init() failing stops the auth
     * process, {@code i_fatal("passdb %s: %s", set->name, error)} (seen on 2.4.1, case 518).
     */
    @Override
    public void init() throws AuthInitException {
        if (db.setupFailure() != null) {
            throw new AuthInitException("passdb " + name + ": " + db.setupFailure());
        }
    }

    @Override
    public String driver() {
        return "oauth2";
    }

    @Override
    public String defaultCacheKey() {
        return cacheKey;
    }

    /** {@code oauth2_verify_plain()} and {@code oauth2_verify_plain_continue()}. */
    @Override
    public long verifyPlain(AuthRequest r, String password) {
        // db_oauth2_lookup()'s oauth2_request_input: protocol and the endpoints as ip:port
        OAuth2Request.Input input = new OAuth2Request.Input(r.service,
                r.localIp == null ? null : r.localIp + ":" + r.localPort,
                r.remoteIp == null ? null : r.remoteIp + ":" + r.remotePort);
        DbOauth2.Outcome o = db.passwordGrant(r.user, password, input, r.dbEvent()::debug,
                new OAuth2Fields(r, db.settings(), env));
        switch (o.result()) {
            case OK -> AuthRequestFields.setField(r, "token", o.token(), "PLAIN");
            case INTERNAL_FAILURE -> r.dbEvent().error("oauth2 failed: " + o.error());
            default -> r.dbEvent().info("oauth2 failed: " + o.error());
        }
        return o.result().code();
    }

    /** auth-request.c: a passdb without {@code lookup_credentials}. */
    @Override
    public long lookupCredentials(AuthRequest r) {
        r.dbEvent().debug("passdb doesn't support credential lookups");
        return PassdbResult.SCHEME_NOT_AVAILABLE.code();
    }
}
