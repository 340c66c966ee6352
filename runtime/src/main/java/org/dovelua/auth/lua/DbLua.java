package org.dovelua.auth.lua;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.auth.config.AuthSettings;
import org.dovelua.auth.db.PassdbResult;
import org.dovelua.auth.db.UserdbResult;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestFields;
import org.dovelua.auth.scheme.PasswordSchemes;
import org.dovelua.lib.StringFields;
import org.dovelua.lua.LuaNumbers;
import org.dovelua.lua.LuaScript;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.lua.ScriptException;
import org.dovelua.lua.dovecot.DovecotLib;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * src/auth/db-lua.c: registering {@code dovecot.auth} and the request object in a script's state,
 * calling the lookup functions and turning their return values into results and fields
 * (spec §6), per version profile.
 */
public final class DbLua {
    static final String PASSDB_LOOKUP = "auth_passdb_lookup";
    static final String PASSWORD_VERIFY = "auth_password_verify";
    static final String USERDB_LOOKUP = "auth_userdb_lookup";
    static final String USERDB_ITERATE = "auth_userdb_iterate";

    /** The outcome of a passdb call: result code, and for lookups the password and its scheme. */
    public static final class PassdbReply {
        public long result;
        public String scheme;
        public String password;
        public String error;
    }

    private final LuaScript script;
    private final AuthSettings settings;
    private final AuthRequestObject requests;

    DbLua(LuaScript script, DovecotLib dovecot, AuthSettings settings, java.util.Map<String, String> env) {
        this.script = script;
        this.settings = settings;
        this.requests = new AuthRequestObject(settings, dovecot.events(), env, script);
        registerConstants(script.globals().get("dovecot"));
    }

    /**
     * {@code auth_lua_dovecot_auth_register()}: constants pushed with {@code lua_pushnumber}
     * (floats in Lua 5.3+), in a table whose metatable's {@code __index} is itself.
     */
    private static void registerConstants(LuaValue dovecot) {
        LuaTable auth = new LuaTable();
        for (PassdbResult r : PassdbResult.values()) {
            auth.set("PASSDB_RESULT_" + r.name(), AuthRequestObject.code(r.code()));
        }
        for (UserdbResult r : UserdbResult.values()) {
            auth.set("USERDB_RESULT_" + r.name(), AuthRequestObject.code(r.code()));
        }
        LuaTable meta = new LuaTable();
        meta.set(LuaValue.INDEX, meta);
        auth.setmetatable(meta);
        dovecot.set("auth", auth);
    }

    private DovecotVersion v() {
        return settings.version;
    }

    /** {@code auth_lua_call_passdb_lookup()}. The caller logs {@code error} for INTERNAL_FAILURE. */
    PassdbReply passdbLookup(AuthRequest r) {
        r.dbEvent().debug("Calling " + PASSDB_LOOKUP);
        return finishPassdb(r, PASSDB_LOOKUP, PASSDB_LOOKUP + "(req)", requests.push(r), null, true);
    }

    /** {@code auth_lua_call_password_verify()}. */
    PassdbReply passwordVerify(AuthRequest r, String password) {
        r.dbEvent().debug("Calling " + PASSWORD_VERIFY);
        return finishPassdb(r, PASSWORD_VERIFY, PASSWORD_VERIFY, requests.push(r), LuaValue.valueOf(password), false);
    }

    private PassdbReply finishPassdb(AuthRequest r, String fn, String label, LuaTable req, LuaValue password,
            boolean lookup) {
        PassdbReply reply = new PassdbReply();
        Varargs ret;
        try {
            ret = script.call(fn, password == null ? req : LuaValue.varargsOf(req, password), 2);
        } catch (ScriptException e) {
            reply.result = PassdbResult.INTERNAL_FAILURE.code();
            reply.error = e.getMessage();
            return reply;
        }
        LuaValue r1 = ret.arg(1);
        LuaValue r2 = ret.arg(2);
        String typeError = checkTypes(label, r1, r2);
        if (typeError != null) {
            reply.result = PassdbResult.INTERNAL_FAILURE.code();
            reply.error = typeError;
            return reply;
        }
        long code = LuaNumbers.toIntegerOrZero(r1);
        reply.result = code;
        boolean ok = code == PassdbResult.OK.code();
        if (v().has(Since.PASSDB_NO_FIELDS_ON_FAILURE)) {
            // §6.3: no fields at all on failure, NEXT included.
            if (!ok) {
                reply.error = r2.isnil() ? "passdb failed" : r2.tojstring();
            } else if (r2.istable()) {
                exportTable(r, (LuaTable) r2, lookup ? reply : null);
            }
            return reply;
        }
        if (r2.istable()) {
            if (!ok) {
                reply.error = "passb failed"; // sic, 2.3 and 2.4.0
                return reply;
            }
            exportTable(r, (LuaTable) r2, lookup ? reply : null);
            return reply;
        }
        if (r2.isnil()) {
            return reply; // 2.4.0 only (2.3 rejected nil above)
        }
        String str = r2.tojstring();
        if (!ok && code != PassdbResult.NEXT.code()) {
            reply.error = str;
        } else {
            exportFields(r, str, lookup ? reply : null);
        }
        if (lookup && reply.scheme == null) {
            reply.scheme = "PLAIN"; // the string path always defaults to PLAIN; scheme= is ignored
        }
        return reply;
    }

    /**
     * The type checks on the two return values ({@code auth_lua_call_lookup} and the 2.4.1+
     * {@code ret_success} rules). Returns the error text or null.
     */
    private String checkTypes(String label, LuaValue r1, LuaValue r2) {
        if (!LuaNumbers.isNumber(r1)) {
            return "db-lua: " + label + " invalid return value (expected number got " + r1.typename() + ")";
        }
        boolean isString = r2.isstring(); // lua_isstring: strings and numbers
        if (v().has(Since.PASSDB_RETURN_TYPES_CHECKED)) {
            boolean ok = LuaNumbers.toIntegerOrZero(r1) == 1;
            if (ok && !r2.isnil() && !r2.istable()) {
                return "db-lua: " + label + " invalid return value (expected nil or table, got " + r2.typename() + ")";
            }
            if (!ok && !r2.isnil() && !isString) {
                return "db-lua: " + label + " invalid error return value (expected nil or string, got "
                        + r2.typename() + ")";
            }
            return null;
        }
        if (isString || r2.istable() || (v().has(Since.PASSDB_NIL_SECOND_VALUE) && r2.isnil())) {
            return null;
        }
        return "db-lua: " + label + " invalid return value (expected string or table, got " + r2.typename() + ")";
    }

    /** {@code auth_lua_call_userdb_lookup()}; {@code error[0]} is set for non-OK results. */
    long userdbLookup(AuthRequest r, String[] error) {
        r.dbEvent().debug("Calling " + USERDB_LOOKUP);
        Varargs ret;
        try {
            ret = script.call(USERDB_LOOKUP, requests.push(r), 2);
        } catch (ScriptException e) {
            error[0] = e.getMessage();
            return UserdbResult.INTERNAL_FAILURE.code();
        }
        LuaValue r1 = ret.arg(1);
        LuaValue r2 = ret.arg(2);
        String typeError = checkTypes(USERDB_LOOKUP + "(req)", r1, r2);
        if (typeError != null) {
            error[0] = typeError;
            return UserdbResult.INTERNAL_FAILURE.code();
        }
        long code = LuaNumbers.toIntegerOrZero(r1);
        boolean ok = code == UserdbResult.OK.code();
        if (!ok) {
            error[0] = r2.istable() || r2.isnil() ? "userdb failed" : r2.tojstring();
            return code;
        }
        if (r2.istable()) {
            exportTable(r, (LuaTable) r2, null);
        } else if (!r2.isnil()) {
            exportFields(r, r2.tojstring(), null);
        }
        return code;
    }

    /**
     * {@code auth_lua_call_userdb_iterate_init()}: the list of users, or null when the iteration
     * failed (missing function, error, bad return value) after logging what Dovecot logs.
     */
    List<String> userdbIterate(AuthRequest r) {
        if (!script.hasFunction(USERDB_ITERATE)) {
            return null;
        }
        r.dbEvent().debug("Calling " + USERDB_ITERATE);
        Varargs ret;
        try {
            ret = script.call(USERDB_ITERATE, LuaValue.NONE, 1);
        } catch (ScriptException e) {
            r.dbEvent().error("db-lua: " + USERDB_ITERATE + " failed: " + e.getMessage());
            return null;
        }
        LuaValue t = ret.arg1();
        if (!t.istable()) {
            r.dbEvent().error("db-lua: Cannot iterate, return value is not table");
            return null;
        }
        List<String> users = new ArrayList<>();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = t.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            LuaValue value = n.arg(2);
            if (!value.isstring()) {
                r.dbEvent().error("db-lua: Value is not string");
                return null;
            }
            users.add(value.tojstring());
        }
        return users;
    }

    /**
     * {@code auth_lua_export_table()}: every pair in {@code next} order. Version differences: 2.3.21+
     * and 2.4 skip empty keys, keys with CR/LF/TAB and values of invalid type; earlier releases
     * store "" for invalid values. A non-string key is converted in place by {@code lua_tostring},
     * which makes the following {@code lua_next} fail outside a protected call: the process panics.
     */
    private void exportTable(AuthRequest r, LuaTable t, PassdbReply lookup) {
        boolean checksKeys = v().has(Since.TABLE_EXPORT_CHECKS_KEYS);
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = t.next(k);
            k = n.arg1();
            if (k.isnil()) {
                break;
            }
            LuaValue value = n.arg(2);
            if (!k.isstring()) {
                // boolean/table keys: lua_tostring gives NULL and the C code dereferences it.
                throw new ProcessDeath(ProcessDeath.Kind.PANIC, "Segmentation fault: table key of type "
                        + k.typename() + " returned from " + script.filename());
            }
            String key = k.tojstring();
            boolean numericKey = k.type() == LuaValue.TNUMBER;
            if (checksKeys && key.isEmpty()) {
                r.dbEvent().warning("db-lua: Field key cannot be empty - ignoring");
                continue;
            }
            if (checksKeys && (key.indexOf('\t') >= 0 || key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0)) {
                r.dbEvent().warning("db-lua: Field key cannot contain <CR>, <LF> or <TAB> - ignoring");
                continue;
            }
            String str;
            switch (value.type()) {
                case LuaValue.TNUMBER:
                    str = Long.toUnsignedString(LuaNumbers.toIntegerOrZero(value)); // dec2str(uintmax_t)
                    break;
                case LuaValue.TBOOLEAN:
                    str = value.toboolean() ? "yes" : "no";
                    break;
                case LuaValue.TSTRING:
                    str = value.tojstring();
                    break;
                default:
                    // lua_typename(L, -1) is given a stack index, hence "no value" (sic).
                    r.dbEvent().warning("db-lua: '" + key + "' has invalid value type no value - ignoring");
                    if (checksKeys) {
                        continue;
                    }
                    str = "";
                    break;
            }
            applyField(r, key, str, lookup);
            if (numericKey) {
                throw new ProcessDeath(ProcessDeath.Kind.PANIC,
                        "Lua script '" + script.filename() + "': invalid key to 'next'");
            }
        }
    }

    /**
     * {@code auth_lua_export_fields()}: the 2.3/2.4.0 string form. Split on ASCII spaces only, each
     * token at its first '='; no quoting, no key checks.
     */
    private void exportFields(AuthRequest r, String str, PassdbReply lookup) {
        for (String token : StringFields.split(str)) {
            int eq = token.indexOf('=');
            applyField(r, eq < 0 ? token : token.substring(0, eq), eq < 0 ? "" : token.substring(eq + 1), lookup);
        }
    }

    private void applyField(AuthRequest r, String key, String value, PassdbReply lookup) {
        if (lookup != null && key.equals("password")) {
            PasswordSchemes.Split s = PasswordSchemes.getScheme(value);
            lookup.scheme = s.scheme();
            lookup.password = s.password();
        } else if (r.userdbLookup) {
            AuthRequestFields.setUserdbField(r, key, value);
        } else {
            AuthRequestFields.setField(r, key, value, "PLAIN"); // STATIC_PASS_SCHEME
        }
    }
}
