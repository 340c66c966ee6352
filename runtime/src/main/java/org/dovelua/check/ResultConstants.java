package org.dovelua.check;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dovelua.auth.db.PassdbResult;
import org.dovelua.auth.db.UserdbResult;
import org.luaj.vm2.ast.Exp;

/**
 * The {@code dovecot.auth} constants (db-lua.c {@code auth_lua_dovecot_auth_register}), from the
 * result enums the emulator registers them from.
 */
final class ResultConstants {
    static final Map<String, Integer> ALL = all();

    private ResultConstants() {
    }

    private static Map<String, Integer> all() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (PassdbResult r : PassdbResult.values()) {
            m.put("PASSDB_RESULT_" + r.name(), r.code());
        }
        for (UserdbResult r : UserdbResult.values()) {
            m.put("USERDB_RESULT_" + r.name(), r.code());
        }
        return m;
    }

    /** The constant's name when {@code e} is {@code dovecot.auth.NAME} (known or not), else null. */
    static String nameOf(ScriptModel m, Exp e) {
        String p = m.path(e);
        return p != null && p.startsWith("dovecot.auth.") ? p.substring("dovecot.auth.".length()) : null;
    }

    static boolean known(String name) {
        return ALL.containsKey(name);
    }

    /** Whether a code is some passdb or userdb result. */
    static boolean knownCode(double code) {
        return ALL.values().stream().anyMatch(c -> c == code);
    }
}
