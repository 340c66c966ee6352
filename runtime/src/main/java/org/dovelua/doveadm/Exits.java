package org.dovelua.doveadm;

/** The sysexits.h codes doveadm uses. */
public final class Exits {
    public static final int OK = 0;
    public static final int USAGE = 64;
    static final int NOUSER = 67;
    public static final int SOFTWARE = 70;
    public static final int TEMPFAIL = 75;
    static final int NOPERM = 77;
    public static final int CONFIG = 78;
    public static final int CANTCREAT = 73;
    /** lib/failures.h FATAL_DEFAULT: doveconf's i_fatal(), which doveadm passes on. */
    public static final int DOVECONF_FATAL = 89;

    private Exits() {
    }
}
