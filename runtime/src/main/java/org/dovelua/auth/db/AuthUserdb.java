package org.dovelua.auth.db;

/** {@code struct auth_userdb}: a configured userdb with its chain settings. */
public final class AuthUserdb extends ChainedDb {
    /** {@code userdb { skip = ... }}. */
    public enum Skip { NEVER, FOUND, NOTFOUND }

    public final Userdb userdb;
    public Skip skip = Skip.NEVER;

    public AuthUserdb(Userdb userdb, String name, int id) {
        super(name, id);
        this.userdb = userdb;
    }

    @Override
    protected String driver() {
        return userdb.driver();
    }
}
