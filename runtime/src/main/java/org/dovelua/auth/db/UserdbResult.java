package org.dovelua.auth.db;

/** {@code enum userdb_result} (src/auth/userdb.h). */
public enum UserdbResult {
    INTERNAL_FAILURE(-1),
    USER_UNKNOWN(-2),
    OK(1);

    private final int code;

    UserdbResult(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static UserdbResult of(long code) {
        for (UserdbResult r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return null;
    }
}
