package org.dovelua.auth.db;

import org.dovelua.auth.request.AuthRequest;

/**
 * src/auth/userdb-prefetch.c: the userdb fields a passdb already returned as {@code userdb_*}.
 * Without them (e.g. {@code doveadm user}, where no passdb ran) the user is not found here.
 */
public final class UserdbPrefetch implements Userdb {
    @Override
    public String driver() {
        return "prefetch";
    }

    @Override
    public long lookup(AuthRequest r) {
        if (!r.userdbPrefetchSet) {
            r.dbEvent().debug("passdb didn't return userdb entries, trying the next userdb");
            return UserdbResult.USER_UNKNOWN.code();
        }
        return UserdbResult.OK.code();
    }
}
