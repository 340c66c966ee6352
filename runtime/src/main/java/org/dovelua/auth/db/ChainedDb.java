package org.dovelua.auth.db;

/**
 * What {@code struct auth_passdb} and {@code struct auth_userdb} share: the position in the
 * chain, the result rules, per-db {@code auth_verbose} and the field templates.
 */
public abstract class ChainedDb implements AuthDb {
    public final String name;
    public final int id;
    public DbRule resultSuccess = DbRule.RETURN_OK;
    public DbRule resultFailure = DbRule.CONTINUE;
    public DbRule resultInternalfail = DbRule.CONTINUE;
    /** {@code auth_verbose} of this db: null = default (the global setting). */
    public Boolean verbose;
    public String defaultFields = "";
    public String overrideFields = "";
    /**
     * auth.c {@code auth_passdb_preinit()}/{@code auth_userdb_preinit()}: the driver's default cache
     * key with {@code default_fields} appended ("make sure any %variables in default_fields exist in
     * cache_key"), or null: not cached.
     */
    public String cacheKey;
    /** 2.4 {@code passdb_use_cache}/{@code userdb_use_cache} (auth-settings.c, default yes). */
    public boolean useCache = true;

    protected ChainedDb(String name, int id) {
        this.name = name;
        this.id = id;
    }

    /** The driver name, used in log prefixes when the db has no name of its own. */
    protected abstract String driver();

    @Override
    public String logName() {
        return name == null || name.isEmpty() ? driver() : name;
    }

    @Override
    public int id() {
        return id;
    }
}
