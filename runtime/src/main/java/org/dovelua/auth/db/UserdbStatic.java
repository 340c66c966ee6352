package org.dovelua.auth.db;

import java.util.Map;
import org.dovelua.auth.config.DbConfig;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestFields;
import org.dovelua.varexpand.VarExpand;

/** src/auth/userdb-static.c: every user exists with the template's fields (uid/gid names resolved). */
public final class UserdbStatic implements Userdb {
    private final String template;
    private final Map<String, String> env;

    /** {@code userdb_static_preinit()}: {@code args} and the block's fields form the template. */
    public static UserdbStatic preinit(DbConfig db, DriverContext ctx) {
        StringBuilder fields = new StringBuilder();
        db.fields().forEach((k, v) -> fields.append(' ').append(k).append('=').append(v));
        return new UserdbStatic(db.args() + " " + fields, ctx.env());
    }

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
        java.util.List<String[]> fields;
        try {
            fields = FieldTemplate.expand(template, r, env);
        } catch (VarExpand.VarExpandException e) {
            r.dbEvent().error("Failed to expand template: " + e.getMessage());
            return UserdbResult.INTERNAL_FAILURE.code();
        }
        for (String[] f : fields) {
            AuthRequestFields.setUserdbField(r, f[0], f[1]);
        }
        return UserdbResult.OK.code();
    }
}
