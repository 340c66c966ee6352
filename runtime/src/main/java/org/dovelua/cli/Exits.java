package org.dovelua.cli;

/** The sysexits.h codes doveadm uses. */
final class Exits {
    static final int OK = 0;
    static final int USAGE = 64;
    static final int NOUSER = 67;
    static final int SOFTWARE = 70;
    static final int TEMPFAIL = 75;
    static final int NOPERM = 77;
    static final int CONFIG = 78;
    static final int CANTCREAT = 73;

    private Exits() {
    }
}
