package org.dovelua.auth.db;

/** What passdbs and userdbs share: the name used in log prefixes and their numeric id ({@code %!}). */
public interface AuthDb {
    /** {@code set->name} when given, else the driver name, e.g. {@code lua}. */
    String logName();

    /** {@code passdb->id} / {@code userdb->id}: 1-based position among configured dbs. */
    int id();
}
