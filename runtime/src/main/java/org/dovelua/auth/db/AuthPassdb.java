package org.dovelua.auth.db;

/** {@code struct auth_passdb}: a configured passdb with its chain settings. */
public final class AuthPassdb extends ChainedDb {
    /** {@code passdb { skip = ... }}. */
    public enum Skip { NEVER, AUTHENTICATED, UNAUTHENTICATED }

    public final Passdb passdb;
    public Skip skip = Skip.NEVER;
    public boolean deny;
    public boolean master;
    public boolean pass;

    public AuthPassdb(Passdb passdb, String name, int id) {
        super(name, id);
        this.passdb = passdb;
    }

    @Override
    protected String driver() {
        return passdb.driver();
    }
}
