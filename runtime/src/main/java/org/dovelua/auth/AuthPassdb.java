package org.dovelua.auth;

/** {@code struct auth_passdb}: a configured passdb with its chain settings. */
public final class AuthPassdb implements AuthDb {
    /** {@code passdb { skip = ... }}. */
    public enum Skip { NEVER, AUTHENTICATED, UNAUTHENTICATED }

    public final Passdb passdb;
    public final String name;
    public final int id;
    public DbRule resultSuccess = DbRule.RETURN_OK;
    public DbRule resultFailure = DbRule.CONTINUE;
    public DbRule resultInternalfail = DbRule.CONTINUE;
    public Skip skip = Skip.NEVER;
    public boolean deny;
    public boolean master;
    public boolean pass;
    /** {@code auth_verbose} of this passdb: null = default (the global setting). */
    public Boolean verbose;
    public String defaultFields = "";
    public String overrideFields = "";

    public AuthPassdb(Passdb passdb, String name, int id) {
        this.passdb = passdb;
        this.name = name;
        this.id = id;
    }

    @Override
    public String logName() {
        return name == null || name.isEmpty() ? passdb.driver() : name;
    }

    @Override
    public int id() {
        return id;
    }
}
