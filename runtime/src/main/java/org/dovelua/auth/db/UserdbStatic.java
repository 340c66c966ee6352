package org.dovelua.auth.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovelua.auth.config.DbConfig;
import org.dovelua.auth.config.SetupException;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestFields;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.version.Since;

/**
 * src/auth/userdb-static.c: the template's fields (uid/gid names resolved) for every user the
 * passdbs know, or for every user at all with {@code allow_all_users}.
 */
public final class UserdbStatic implements Userdb {
    private static final Pattern ALLOW_ALL_USERS = Pattern.compile("(?:^|\\s)allow_all_users(?:=(\\S*))?(?=\\s|$)");
    private static final String ALLOW_ALL_USERS_24 = "userdb_static_allow_all_users";
    private final String template;
    /** 2.4's {@code fields { }}: each a setting of its own, so a value may hold spaces. */
    private final List<String[]> blockFields;
    private final Map<String, String> env;
    private final boolean allowAllUsers;

    /**
     * {@code static_preinit()}: {@code args} and the block's fields form the template; 2.4 reads
     * {@code allow_all_users} from its setting (auth-settings.c {@code userdb_static_allow_all_users}).
     */
    public static UserdbStatic preinit(DbConfig db, DriverContext ctx) throws SetupException {
        List<String[]> fields = new ArrayList<>();
        db.fields().forEach((k, v) -> fields.add(new String[] {k, v}));
        String setting = db.setting(ALLOW_ALL_USERS_24);
        boolean allow = false;
        if (setting != null) {
            // str_parse_get_bool(): yes, y (any case) or 1; no (any case)
            allow = setting.equalsIgnoreCase("yes") || setting.equalsIgnoreCase("y") || setting.equals("1");
            if (!allow && !setting.equalsIgnoreCase("no")) {
                throw new SetupException(db.location() + ": " + ALLOW_ALL_USERS_24 + ": Invalid boolean value: "
                        + setting + " (use yes or no)");
            }
        }
        return new UserdbStatic(db.args() + (allow ? " allow_all_users" : ""), fields, ctx.env());
    }

    public UserdbStatic(String template, Map<String, String> env) {
        this(template, List.of(), env);
    }

    private UserdbStatic(String template, List<String[]> blockFields, Map<String, String> env) {
        this.blockFields = List.copyOf(blockFields);
        // static_preinit(): userdb_template_remove("allow_all_users") takes the first such key out of
        // the template; a bare key or "yes" (any case) allows every user
        Matcher m = ALLOW_ALL_USERS.matcher(template);
        boolean found = m.find();
        this.allowAllUsers = found && (m.group(1) == null || m.group(1).equalsIgnoreCase("yes"));
        this.template = found ? template.substring(0, m.start()) + " " + template.substring(m.end()) : template;
        this.env = env;
    }

    @Override
    public boolean checksUserExists(AuthRequest r) {
        return !r.successful && !allowAllUsers;
    }

    /**
     * {@code static_credentials_callback()}: the user exists when the passdbs found it; unknown,
     * disabled and expired users do not exist; anything else (a mismatch, NEXT, a failure) fails the
     * userdb, a passdb without credentials lookups with an error.
     */
    @Override
    public long lookupAfterPassdb(AuthRequest r, long passdbResult) {
        PassdbResult result = PassdbResult.of(passdbResult);
        if (result == PassdbResult.OK) {
            return lookup(r);
        }
        if (result == PassdbResult.USER_UNKNOWN || result == PassdbResult.USER_DISABLED
                || result == PassdbResult.PASS_EXPIRED) {
            return UserdbResult.USER_UNKNOWN.code();
        }
        if (result == PassdbResult.SCHEME_NOT_AVAILABLE) {
            r.dbEvent().error("passdb doesn't support lookups, can't verify user's existence");
        }
        return UserdbResult.INTERNAL_FAILURE.code();
    }

    /**
     * A value that cannot be expanded. 2.3's {@code static_lookup_real()} logs it, calls back with
     * INTERNAL_FAILURE and then again with OK, which the auth process does not survive (recorded:
     * differential case 234); 2.4 reads the fields as settings and fails the lookup (case 235).
     */
    private static long templateFailed(AuthRequest r, FieldTemplate.FieldException e) {
        if (!r.settings.version.has(Since.STATIC_TEMPLATE_FAILURE_FAILS)) {
            r.dbEvent().error("Failed to expand template: " + e.getMessage());
            for (String[] f : e.before()) {
                AuthRequestFields.setUserdbField(r, f[0], f[1]);
            }
            throw new ProcessDeath(ProcessDeath.Kind.PANIC, "file auth-request.c: line 733 (auth_request_userdb_lookup_end):"
                    + " assertion failed: (array_count(&request->authdb_event) > 0)");
        }
        r.dbEvent().error("auth_userdb_post settings: Failed to parse configuration: Failed to expand userdb_fields/"
                + e.key() + " setting variables: " + e.getMessage());
        return UserdbResult.INTERNAL_FAILURE.code();
    }

    @Override
    public String driver() {
        return "static";
    }

    @Override
    public long lookup(AuthRequest r) {
        List<String[]> fields;
        try {
            fields = new ArrayList<>(FieldTemplate.expand(template, r, env));
            fields.addAll(FieldTemplate.expand(blockFields, r, env));
        } catch (FieldTemplate.FieldException e) {
            return templateFailed(r, e);
        }
        for (String[] f : fields) {
            AuthRequestFields.setUserdbField(r, f[0], f[1]);
        }
        return UserdbResult.OK.code();
    }
}
