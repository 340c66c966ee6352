package org.dovelua.auth.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovelua.auth.config.DbConfig;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestFields;
import org.dovelua.auth.request.AuthRequestVars;
import org.dovelua.version.Since;

/**
 * A 2.4 db block's {@code fields { }} as the Lua drivers set them: before the script runs
 * (passdb-lua.c and userdb-lua.c call {@code auth_request_set_passdb_fields()} /
 * {@code auth_request_set_userdb_fields()} first), each value expanded with the request as it is
 * then, so the script sees them in {@code req.passdb}/{@code req.userdb} and its own fields replace
 * them; {@code :default} and {@code :remove} work as for any field (seen on 2.4.1, case 392).
 */
public final class DbPostFields {
    private static final DbPostFields NONE = new DbPostFields("passdb", List.of(), Map.of());

    private final String kind;
    private final List<String[]> fields;
    private final Map<String, String> env;

    private DbPostFields(String kind, List<String[]> fields, Map<String, String> env) {
        this.kind = kind;
        this.fields = fields;
        this.env = env;
    }

    /** The block's fields in a 2.4 config ({@code fields { }} is not a 2.3 setting). */
    public static DbPostFields of(DbConfig db, DriverContext ctx) {
        if (db.fields().isEmpty() || !ctx.settings().version.has(Since.SETTINGS_24)) {
            return NONE;
        }
        List<String[]> pairs = new ArrayList<>();
        db.fields().forEach((k, v) -> pairs.add(new String[] {k, v}));
        return new DbPostFields(db.kind(), List.copyOf(pairs), ctx.env());
    }

    public static DbPostFields none() {
        return NONE;
    }

    /**
     * Sets the fields on {@code r}; false after logging why a value could not be expanded
     * (settings_get()'s error, as the static userdb logs it: the lookup is an internal failure).
     */
    public boolean apply(AuthRequest r) {
        if (fields.isEmpty()) {
            return true;
        }
        List<String[]> expanded;
        try {
            expanded = FieldTemplate.expand(fields, AuthRequestVars.beforeLookup(r, "lua"), env);
        } catch (FieldTemplate.FieldException e) {
            r.dbEvent().error("auth_" + kind + "_post settings: Failed to parse configuration: Failed to expand "
                    + kind + "_fields/" + e.key() + " setting variables: " + e.getMessage());
            return false;
        }
        for (String[] f : expanded) {
            if (kind.equals("userdb")) {
                AuthRequestFields.setUserdbField(r, f[0], f[1]);
            } else {
                AuthRequestFields.setField(r, f[0], f[1], "PLAIN"); // STATIC_PASS_SCHEME
            }
        }
        return true;
    }
}
