package org.dovelua.auth.cache;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.auth.db.AuthUserdb;
import org.dovelua.auth.db.UserdbResult;
import org.dovelua.auth.request.AuthFields;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestFields;
import org.dovelua.lib.TabEscape;

/**
 * The userdb side of the auth cache (src/auth/auth-request.c 2.3.19,
 * {@code auth_request_lookup_user_cache}, {@code auth_request_userdb_save_cache}): the fields
 * the userdb set, tab-separated ({@code user=} too when a lookup changed the user, a single space
 * when there is nothing, since empty means user unknown). The passdb cache is the same cache.
 */
public final class UserdbCache {
    /** auth-request.h {@code AUTH_REQUEST_USER_KEY_IGNORE}. */
    static final String USER_KEY_IGNORE = " ";

    private final AuthCache cache;
    private final CacheKeys keys;

    public UserdbCache(AuthCache cache, CacheKeys keys) {
        this.cache = cache;
        this.keys = keys;
    }

    /**
     * {@code auth_request_lookup_user_cache()}: the result from the cache with the userdb reply
     * filled from it (no default_fields: "the entire userdb part of the result comes from the
     * cache"), or null on a miss.
     */
    public Long lookup(AuthRequest r, AuthUserdb db, boolean useExpired) {
        if (db.cacheKey == null) {
            return null;
        }
        AuthCache.Lookup l = cache.lookup(keys.expand(r, db.cacheKey, r.translatedUsername));
        if (l == null || l.expired() && !useExpired) {
            r.event.debug(r.dbLogPrefix() + (l == null ? "userdb cache miss" : "userdb cache expired"));
            return null;
        }
        String value = l.value();
        r.event.debug(r.dbLogPrefix() + "userdb cache hit: " + value);
        if (value.isEmpty()) {
            // negative cache entry
            r.userdbReply = new AuthFields(r.settings.version);
            return (long) UserdbResult.USER_UNKNOWN.code();
        }
        r.userdbReply();
        // auth_request_userdb_import(): split on tabs, not unescaped
        for (String arg : value.split("\t", -1)) {
            int eq = arg.indexOf('=');
            AuthRequestFields.setUserdbField(r, eq < 0 ? arg : arg.substring(0, eq), eq < 0 ? "" : arg.substring(eq + 1));
        }
        return (long) UserdbResult.OK.code();
    }

    /** {@code auth_request_userdb_save_cache()}. */
    public void save(AuthRequest r, AuthUserdb db, long result) {
        if (db.cacheKey == null) {
            return;
        }
        String value;
        if (result == UserdbResult.USER_UNKNOWN.code()) {
            value = "";
        } else {
            List<String> fields = new ArrayList<>();
            for (AuthFields.Field f : r.userdbReply().changed()) {
                fields.add(f.value() == null ? f.key() : f.key() + "=" + TabEscape.escape(f.value()));
            }
            if (r.userChangedByLookup) {
                // username was changed by passdb or userdb
                fields.add("user=" + TabEscape.escape(r.user));
            }
            value = fields.isEmpty() ? USER_KEY_IGNORE : String.join("\t", fields);
        }
        // last_success has no meaning with userdb
        cache.insert(keys.expand(r, db.cacheKey, r.translatedUsername), value, false);
    }
}
