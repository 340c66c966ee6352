package org.dovelua.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovelua.auth.AuthSetup;
import org.dovelua.auth.config.DbConfig;
import org.dovelua.auth.db.DbRule;
import org.dovelua.lib.StringFields;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.ast.Exp;
import org.luaj.vm2.ast.FuncBody;
import org.luaj.vm2.ast.TableField;

/** Rules about a script in its configuration: how the dbs that run it are set up. */
final class ConfigRules {
    private static final Pattern SCHEME = Pattern.compile("^\\{([A-Za-z0-9._-]+)\\}");
    private static final Pattern SCHEME_IN_FIELDS = Pattern.compile("(?:^| )password=\\{([A-Za-z0-9._-]+)\\}");
    /** Modules whose calls wait on the network or a process (LuaSocket, LuaSec, LuaSQL). */
    private static final Pattern BLOCKING_MODULE = Pattern.compile("^(socket|ssl|luasql)([.].*)?$");

    private ConfigRules() {
    }

    /**
     * {@link Rule#BLOCKING_CALL}: a db with {@code blocking=no} (2.4: {@code *_use_worker = no}) runs
     * the script in the auth process itself (passdb-lua.c/userdb-lua.c), whose one event loop then
     * waits for every call below.
     */
    static void blocking(ScriptModel m, ScriptTarget t, Findings out) {
        if (t.nonBlocking == null) {
            return;
        }
        String why = " in a script " + t.nonBlocking.kind() + " " + t.nonBlocking.location()
                + " runs in the auth process (blocking=no): every other login waits for it";
        for (Exp.FuncCall c : m.calls) {
            String path = m.path(c.lhs);
            FuncBody f = m.functionOf(c);
            String fn = m.nameOf(f);
            boolean atRequest = f != null && !"script_init".equals(fn) && !"script_deinit".equals(fn);
            if (atRequest && ("io.popen".equals(path) || "os.execute".equals(path))) {
                out.add(m, c, Rule.BLOCKING_CALL, path + "() waits for a process" + why);
            } else if (atRequest && c instanceof Exp.MethodCall mc && mc.name.equals("submit")) {
                out.add(m, c, Rule.BLOCKING_CALL, ":submit() waits for the HTTP response" + why);
            } else if ("require".equals(path) && !ScriptModel.args(c).isEmpty()) {
                String mod = RequestMemberRules.constantString(ScriptModel.args(c).get(0));
                if (mod != null && BLOCKING_MODULE.matcher(mod).matches()) {
                    out.add(m, c, Rule.BLOCKING_CALL, "'" + mod + "' makes blocking network calls" + why);
                }
            }
        }
    }

    /**
     * {@link Rule#SCHEME_CONTRADICTED}: a password's own {@code {SCHEME}} prefix wins over the
     * passdb's default scheme (password-scheme.c {@code password_get_scheme}), so a {@code scheme=}
     * that no password in the script uses says something the passdb never does.
     */
    static void scheme(ScriptModel m, ScriptTarget t, Findings out) {
        if (t.scheme == null) {
            return;
        }
        String configured = t.scheme.toUpperCase(Locale.ROOT);
        for (TableField f : m.tableFields) {
            if ("password".equals(f.name) && ScriptModel.strip(f.rhs) instanceof Exp.Constant c
                    && c.value.type() == LuaValue.TSTRING) {
                match(m, t, c, SCHEME.matcher(c.value.tojstring()), configured, out);
            }
        }
        for (Exp.Constant c : m.constants) {
            if (c.value.type() == LuaValue.TSTRING) {
                match(m, t, c, SCHEME_IN_FIELDS.matcher(c.value.tojstring()), configured, out);
            }
        }
    }

    private static void match(ScriptModel m, ScriptTarget t, Exp.Constant c, Matcher x, String configured,
            Findings out) {
        if (x.find() && !x.group(1).equalsIgnoreCase(configured)) {
            out.add(m, c, Rule.SCHEME_CONTRADICTED, "this password is {" + x.group(1) + "} but the passdb at "
                    + t.schemeDb.location() + " says its scheme is " + t.scheme + ": the prefix wins");
        }
    }

    /**
     * {@link Rule#ITERATE_MISSING}: userdb-lua.c iterates with {@code auth_userdb_iterate}; without
     * it the iteration fails ({@code doveadm user -A} lists nobody and fails).
     */
    static void iterate(ScriptModel m, ScriptTarget t, String iteratedBy, Findings out) {
        if (iteratedBy == null || !t.userdb || m.globalFunctions.containsKey("auth_userdb_iterate")) {
            return;
        }
        out.add(new Finding(m.source.file, 1, 1, Rule.ITERATE_MISSING, "the script has no auth_userdb_iterate "
                + "function, but " + iteratedBy + " iterates its users: the iteration fails"));
    }

    /**
     * {@link Rule#PASSDB_UNREACHABLE}: auth.c {@code auth_request_passdb_lookup_continue} stops the
     * chain after a passdb whose result_success, result_failure and result_internalfail all
     * {@code return*} (and that may not answer NEXT, which always continues): later passdbs are never
     * asked. A {@code master} passdb belongs to the master chain, {@code pass=yes} turns success into
     * continue, and a {@code skip} setting may bypass the passdb.
     */
    static void chain(List<DbConfig> passdbs, Map<DbConfig, ScriptModel> scripts, String configShown, Findings out) {
        DbConfig stopper = null;
        for (DbConfig db : passdbs) {
            if ("yes".equals(db.setting("master"))) {
                continue;
            }
            if (stopper != null) {
                out.add(new Finding(configShown, db.line(), 1, Rule.PASSDB_UNREACHABLE, "passdb " + db.name()
                        + " is never asked: passdb " + stopper.name() + " at line " + stopper.line()
                        + " returns on every result (result_success, result_failure and result_internalfail)"));
                continue;
            }
            if (alwaysReturns(db, scripts.get(db))) {
                stopper = db;
            }
        }
    }

    private static boolean alwaysReturns(DbConfig db, ScriptModel script) {
        if (db.setting("skip") != null && !db.setting("skip").equals("never")) {
            return false;
        }
        if (AuthSetup.yes(db.setting("pass"))) {
            return false;
        }
        for (String key : new String[] {"result_success", "result_failure", "result_internalfail"}) {
            String v = db.setting(key);
            // an unset rule is auth-settings.c's default (result_success returns, the others continue)
            DbRule r = v == null ? DbRule.defaultFor(key) : DbRule.parse(v);
            if (r == null || r == DbRule.CONTINUE || r == DbRule.CONTINUE_OK || r == DbRule.CONTINUE_FAIL) {
                return false;
            }
        }
        if (script == null) {
            // another driver's noauthenticate answers NEXT; a Lua script's NEXT is seen below
            return !db.driver().equals("lua") && !setsNoauthenticate(db);
        }
        return script.fields.stream().noneMatch(f -> f.name.name.equals("PASSDB_RESULT_NEXT"));
    }

    /** Whether the db's args, default/override fields or fields block name the noauthenticate field. */
    private static boolean setsNoauthenticate(DbConfig db) {
        List<String> fields = new ArrayList<>(StringFields.split(db.args() == null ? "" : db.args()));
        for (String key : new String[] {"default_fields", "override_fields"}) {
            String v = db.setting(key);
            if (v != null) {
                fields.addAll(StringFields.split(v));
            }
        }
        return db.fields().containsKey("noauthenticate")
                || fields.stream().anyMatch(f -> f.equals("noauthenticate") || f.startsWith("noauthenticate="));
    }
}
