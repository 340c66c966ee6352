package org.dovelua.auth;

import java.util.Map;

/** src/auth/userdb-static.c: every user exists with the template's fields (uid/gid names resolved). */
public final class UserdbStatic implements Userdb {
    private final String template;
    private final Map<String, String> env;

    public UserdbStatic(String template, Map<String, String> env) {
        this.template = template.replaceAll("(^|\\s)allow_all_users=\\S*", " ");
        this.env = env;
    }

    @Override
    public String driver() {
        return "static";
    }

    @Override
    public long lookup(AuthRequest r) {
        for (String token : StringFields.split(template)) {
            int eq = token.indexOf('=');
            String key = eq < 0 ? token : token.substring(0, eq);
            String value = "";
            if (eq >= 0) {
                try {
                    value = VarExpand.expand(token.substring(eq + 1), r, env);
                } catch (VarExpand.VarExpandException e) {
                    r.dbEvent().error("Failed to expand template: " + e.getMessage());
                    return UserdbResult.INTERNAL_FAILURE.code();
                }
            }
            AuthRequestFields.setUserdbField(r, key, value);
        }
        return UserdbResult.OK.code();
    }
}
