package org.dovelua.auth.db;

import java.util.Locale;

/** {@code enum auth_db_rule}: what a passdb/userdb result does to the chain (auth-settings.c). */
public enum DbRule {
    RETURN, RETURN_OK, RETURN_FAIL, CONTINUE, CONTINUE_OK, CONTINUE_FAIL;

    /** auth-settings.c's defaults of {@code result_success}, {@code result_failure} and {@code result_internalfail}. */
    public static DbRule defaultFor(String setting) {
        return setting.equals("result_success") ? RETURN_OK : CONTINUE;
    }

    /** Parses {@code return-ok} etc.; null when invalid. */
    public static DbRule parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
