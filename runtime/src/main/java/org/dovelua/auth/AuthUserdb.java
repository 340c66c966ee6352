package org.dovelua.auth;

/** {@code struct auth_userdb}: a configured userdb with its chain settings. */
public final class AuthUserdb implements AuthDb {
    /** {@code userdb { skip = ... }}. */
    public enum Skip { NEVER, FOUND, NOTFOUND }

    public final Userdb userdb;
    public final String name;
    public final int id;
    public DbRule resultSuccess = DbRule.RETURN_OK;
    public DbRule resultFailure = DbRule.CONTINUE;
    public DbRule resultInternalfail = DbRule.CONTINUE;
    public Skip skip = Skip.NEVER;
    public Boolean verbose;
    public String defaultFields = "";
    public String overrideFields = "";

    public AuthUserdb(Userdb userdb, String name, int id) {
        this.userdb = userdb;
        this.name = name;
        this.id = id;
    }

    @Override
    public String logName() {
        return name == null || name.isEmpty() ? userdb.driver() : name;
    }

    @Override
    public int id() {
        return id;
    }
}
