package org.dovelua.auth.db;

/** {@code enum passdb_result} (src/auth/passdb.h). */
public enum PassdbResult {
    INTERNAL_FAILURE(-1),
    SCHEME_NOT_AVAILABLE(-2),
    USER_UNKNOWN(-3),
    USER_DISABLED(-4),
    PASS_EXPIRED(-5),
    NEXT(-6),
    PASSWORD_MISMATCH(0),
    OK(1);

    private final int code;

    PassdbResult(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The enum for a code a script returned, or null for a value outside the enum. */
    public static PassdbResult of(long code) {
        for (PassdbResult r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return null;
    }

    /** {@code passdb_result_to_string()}-style name used in logs and events. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '_');
    }
}
