package org.dovelua.auth;

import java.util.Map;

/**
 * src/auth/passdb-static.c: {@code args} is a template of fields; {@code password=} gives the
 * password to check (nopassword and friends work as in any passdb).
 */
public final class PassdbStatic implements Passdb {
    private final String template;
    private final Map<String, String> env;

    public PassdbStatic(String template, Map<String, String> env) {
        this.template = template;
        this.env = env;
    }

    @Override
    public String driver() {
        return "static";
    }

    private String[] apply(AuthRequest r) {
        String password = null;
        for (String token : StringFields.split(template)) {
            int eq = token.indexOf('=');
            String key = eq < 0 ? token : token.substring(0, eq);
            String value = "";
            if (eq >= 0) {
                try {
                    value = VarExpand.expand(token.substring(eq + 1), r, env);
                } catch (VarExpand.VarExpandException e) {
                    r.dbEvent().error("Failed to expand password=" + token + ": " + e.getMessage());
                    return null;
                }
            }
            if (key.equals("password")) {
                password = value;
            } else {
                AuthRequestFields.setField(r, key, value, "PLAIN");
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
            return AuthEngine.passwordMissing(r);
        }
        PasswordSchemes.Split s = PasswordSchemes.getScheme(pw[0] == null ? "" : pw[0]);
        int ret = AuthEngine.passwordVerify(r, plain, s.password(), s.scheme() == null ? "PLAIN" : s.scheme());
        return ret > 0 ? PassdbResult.OK.code() : PassdbResult.PASSWORD_MISMATCH.code();
    }

    @Override
    public long lookupCredentials(AuthRequest r) {
        String[] pw = apply(r);
        if (pw == null) {
            return PassdbResult.INTERNAL_FAILURE.code();
        }
        if (pw[0] != null) {
            AuthRequestFields.setField(r, "password", pw[0], "PLAIN");
        }
        return PassdbResult.OK.code();
    }
}
