package org.dovelua.auth.cache;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.auth.db.AuthPassdb;
import org.dovelua.auth.db.PassdbCredentials;
import org.dovelua.auth.db.PassdbResult;
import org.dovelua.auth.request.AuthFields;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestFields;
import org.dovelua.auth.request.AuthRequestPasswords;
import org.dovelua.auth.scheme.PasswordScheme;
import org.dovelua.auth.scheme.PasswordSchemes;
import org.dovelua.lib.TabEscape;

/**
 * The passdb side of the auth cache: src/auth/passdb-cache.c ({@code passdb_cache_verify_plain},
 * {@code passdb_cache_lookup_credentials}) and auth-request.c's {@code auth_request_save_cache}
 * (2.3.19). A value is the password ({@code {SCHEME}...}, empty for none) then the fields this
 * passdb set, tab-separated; an empty value is a negative (user unknown) entry.
 */
public final class PassdbCache {
    /** auth-request.c {@code CACHED_PASSWORD_SCHEME}: how a verify-only passdb's accepted password is kept. */
    static final String CACHED_PASSWORD_SCHEME = "SHA1";
    /** auth-common.h {@code PASSWORD_HIDDEN_STR}. */
    static final String PASSWORD_HIDDEN_STR = "<hidden>";

    private final AuthCache cache;
    private final CacheKeys keys;

    public PassdbCache(AuthCache cache, CacheKeys keys) {
        this.cache = cache;
        this.keys = keys;
    }

    /**
     * {@code passdb_cache_lookup()}: the value on a hit (logged {@code cache hit: }), null on a miss
     * ({@code cache miss} or {@code cache expired}); {@code useExpired} takes an expired entry too.
     */
    private AuthCache.Lookup lookup(AuthRequest r, String key, boolean useExpired) {
        AuthCache.Lookup l = cache.lookup(keys.expand(r, key, r.translatedUsername));
        if (l == null || l.expired() && !useExpired) {
            r.dbEvent().debug(l == null ? "cache miss" : "cache expired");
            return null;
        }
        String value = l.value();
        if (!r.settings.debugPasswords && !value.isEmpty() && value.charAt(0) != '\t') {
            // passdb_cache_log_hit(): hide the password
            int tab = value.indexOf('\t');
            value = PASSWORD_HIDDEN_STR + (tab < 0 ? "" : value.substring(tab));
        }
        r.dbEvent().debug("cache hit: " + value);
        return l;
    }

    /**
     * {@code passdb_cache_verify_plain()}: the result for {@code password} from the cache, or null
     * when the passdb must be asked (a miss, or a mismatch against an entry that last succeeded or
     * is past the negative TTL: the password may have changed).
     */
    public Long verifyPlain(AuthRequest r, AuthPassdb db, String password, boolean useExpired) {
        if (db.cacheKey == null) {
            return null;
        }
        AuthCache.Lookup l = lookup(r, db.cacheKey, useExpired);
        if (l == null) {
            return null;
        }
        AuthCache.Node node = l.node();
        if (l.value().isEmpty()) {
            // negative cache entry
            AuthRequestPasswords.logUnknownUser(r);
            return (long) PassdbResult.USER_UNKNOWN.code();
        }
        List<String> list = split(l.value());
        String cachedPw = list.get(0);
        int ret;
        if (cachedPw.isEmpty()) {
            // NULL password
            r.dbEvent().info("Cached NULL password access");
            ret = 1;
        } else {
            PasswordSchemes.Split s = PasswordSchemes.getScheme(cachedPw);
            boolean logMismatch = !(node.lastSuccess || l.negExpired());
            ret = AuthRequestPasswords.passwordVerifyLog(r, password, s.password(), s.scheme(), logMismatch);
            if (ret == 0 && (node.lastSuccess || l.negExpired())) {
                // a) the last authentication was successful: assume the password was changed and the
                // cache is expired; b) the negative TTL is reached: it applies to mismatches too
                node.lastSuccess = false;
                return null;
            }
        }
        node.lastSuccess = ret > 0;
        // save the extra_fields only after we know we're using the cached data
        setFields(r, list);
        return (long) (ret > 0 ? PassdbResult.OK.code() : PassdbResult.PASSWORD_MISMATCH.code());
    }

    /**
     * {@code passdb_cache_lookup_credentials()}: the result from the cache (the request's passdb
     * password set from it, then {@code passdb_handle_credentials} as after a lookup), or null.
     */
    public Long lookupCredentials(AuthRequest r, AuthPassdb db, boolean useExpired) {
        if (db.cacheKey == null) {
            return null;
        }
        AuthCache.Lookup l = lookup(r, db.cacheKey, useExpired);
        if (l == null) {
            return null;
        }
        if (l.value().isEmpty()) {
            return (long) PassdbResult.USER_UNKNOWN.code(); // negative cache entry
        }
        List<String> list = split(l.value());
        setFields(r, list);
        String password = list.get(0).isEmpty() ? null : list.get(0);
        PasswordSchemes.Split s = PasswordSchemes.getScheme(password);
        // passdb_handle_credentials() on the cached password, as after a lookup
        return PassdbCredentials.handle(r, PassdbResult.OK.code(), password == null ? null : s.password(), s.scheme());
    }

    /** {@code auth_request_save_cache()}: what a passdb answered, kept under its cache key. */
    public void save(AuthRequest r, AuthPassdb db, long result) {
        PassdbResult res = PassdbResult.of(result);
        if (res != PassdbResult.USER_UNKNOWN && res != PassdbResult.PASSWORD_MISMATCH && res != PassdbResult.OK
                && res != PassdbResult.SCHEME_NOT_AVAILABLE) {
            return; // NEXT, USER_DISABLED, PASS_EXPIRED: "we can't cache this now"
        }
        if (db.cacheKey == null) {
            return;
        }
        String key = keys.expand(r, db.cacheKey, r.translatedUsername);
        if (result < 0) {
            // lookup failed
            if (res == PassdbResult.USER_UNKNOWN) {
                cache.insert(key, "", false);
            }
            return;
        }
        String passdbPassword = r.passdbPassword;
        if (passdbPassword == null && !r.extraFields.exists("nopassword")) {
            // passdb didn't provide the correct password
            if (res != PassdbResult.OK || r.mechPassword == null) {
                return;
            }
            // we can still cache valid password lookups though
            passdbPassword = "{" + CACHED_PASSWORD_SCHEME + "}" + PasswordSchemes.generateEncoded(
                    r.mechPassword.getBytes(java.nio.charset.StandardCharsets.UTF_8), CACHED_PASSWORD_SCHEME,
                    new PasswordScheme.Params(r.user, 0), r.settings.version);
            r.passdbPassword = passdbPassword;
        }
        // save all except the currently given password in cache
        StringBuilder str = new StringBuilder();
        if (passdbPassword != null) {
            if (!passdbPassword.startsWith("{")) {
                // cached passwords must have a known scheme
                str.append('{').append(db.passdb.defaultPassScheme()).append('}');
            }
            str.append(TabEscape.escape(passdbPassword));
        }
        if (!r.extraFields.isEmpty()) {
            str.append('\t');
            // only the fields this passdb lookup set (AUTH_FIELD_FLAG_CHANGED)
            List<String> fields = new ArrayList<>();
            for (AuthFields.Field f : r.extraFields.changed()) {
                fields.add(f.value() == null ? f.key() : f.key() + "=" + TabEscape.escape(f.value()));
            }
            str.append(String.join("\t", fields));
        }
        cache.insert(key, str.toString(), res == PassdbResult.OK);
    }

    /** {@code t_strsplit_tabescaped()}. */
    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split("\t", -1)) {
            out.add(TabEscape.unescape(s));
        }
        return out;
    }

    /** {@code auth_request_set_fields(request, list + 1, NULL)}. */
    private static void setFields(AuthRequest r, List<String> list) {
        for (String field : list.subList(1, list.size())) {
            if (field.isEmpty()) {
                continue;
            }
            AuthRequestFields.setFieldKeyValue(r, field, null);
        }
    }
}
