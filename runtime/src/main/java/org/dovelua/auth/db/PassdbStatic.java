package org.dovelua.auth.db;

import java.util.Map;
import org.dovelua.auth.config.DbConfig;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestFields;
import org.dovelua.auth.request.AuthRequestPasswords;
import org.dovelua.auth.scheme.PasswordSchemes;
import org.dovelua.version.Since;

/**
 * src/auth/passdb-static.c: {@code args} is a template of fields; {@code password=} gives the
 * password to check (nopassword and friends work as in any passdb).
 */
public final class PassdbStatic implements Passdb {
    private final String template;
    /** 2.4: the block's {@code fields { }} then its {@code password} setting, each value a template; else null. */
    private final java.util.List<String[]> pairs24;
    private final Map<String, String> env;

    /**
     * {@code passdb_static_preinit()}: 2.3's {@code args} is the template of fields; 2.4's
     * {@code static_save_fields()} sets the block's fields ({@code auth_request_set_passdb_fields()}) and
     * takes the password from the {@code password} setting ({@code passdb_static_password},
     * passdb-static.c@2.4.1; seen on 2.4.1 and 2.4.5, cases 447/448).
     */
    public static PassdbStatic preinit(DbConfig db, DriverContext ctx) {
        if (!ctx.settings().version.has(Since.SETTINGS_24)) {
            return new PassdbStatic(db.args(), ctx.env());
        }
        java.util.List<String[]> pairs = new java.util.ArrayList<>();
        db.fields().forEach((k, v) -> pairs.add(new String[] {k, v}));
        String password = db.setting("password");
        if (password != null && !password.isEmpty()) {
            pairs.add(new String[] {"password", password});
        }
        return new PassdbStatic(null, java.util.List.copyOf(pairs), ctx.env());
    }

    public PassdbStatic(String template, Map<String, String> env) {
        this(template, null, env);
    }

    private PassdbStatic(String template, java.util.List<String[]> pairs24, Map<String, String> env) {
        this.template = template;
        this.pairs24 = pairs24;
        this.env = env;
    }

    @Override
    public String driver() {
        return "static";
    }

    private String[] apply(AuthRequest r) {
        String password = null;
        java.util.List<String[]> fields;
        try {
            fields = pairs24 != null ? FieldTemplate.expand(pairs24, r, env) : FieldTemplate.expand(template, r, env);
        } catch (FieldTemplate.FieldException e) {
            r.dbEvent().error("Failed to expand template: " + e.getMessage());
            return null;
        }
        for (String[] f : fields) {
            if (f[0].equals("password")) {
                password = f[1];
            } else {
                AuthRequestFields.setField(r, f[0], f[1], "PLAIN");
            }
        }
        return new String[] {password};
    }

    @Override
    public long verifyPlain(AuthRequest r, String plain) {
        String[] pw = apply(r);
        if (pw == null) {
            return PassdbResult.INTERNAL_FAILURE.code();
        }
        if (pw[0] == null && !r.extraFields.exists("nopassword")) {
            return AuthRequestPasswords.passwordMissing(r);
        }
        PasswordSchemes.Split s = PasswordSchemes.getScheme(pw[0] == null ? "" : pw[0]);
        int ret = AuthRequestPasswords.passwordVerify(r, plain, s.password(), s.scheme() == null ? "PLAIN" : s.scheme());
        if (r.settings.version.has(Since.PASSWORD_VERIFY_RESULT_PASSED_ON)) {
            return ret; // passdb-static.c@2.3.21: the verify result is the passdb result
        }
        return ret > 0 ? PassdbResult.OK.code() : PassdbResult.PASSWORD_MISMATCH.code();
    }

    @Override
    public long lookupCredentials(AuthRequest r) {
        String[] pw = apply(r);
        if (pw == null) {
            return PassdbResult.INTERNAL_FAILURE.code();
        }
        if (pw[0] == null) {
            return PassdbCredentials.handle(r, PassdbResult.OK.code(), null, null);
        }
        AuthRequestFields.setField(r, "password", pw[0], "PLAIN");
        // static_lookup_credentials(): passdb_handle_credentials() on password_get_scheme()'s split
        PasswordSchemes.Split s = PasswordSchemes.getScheme(pw[0]);
        return PassdbCredentials.handle(r, PassdbResult.OK.code(), s.password(), s.scheme() == null ? "PLAIN"
                : s.scheme());
    }
}
