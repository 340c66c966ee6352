package org.dovelua.auth.lua;

import java.util.Map;
import org.dovelua.auth.config.AuthSettings;
import org.dovelua.auth.request.AuthFields;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestVars;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.lua.dovecot.EventObjects;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The Lua view of an auth request (db-lua.c {@code auth_lua_push_auth_request} and the
 * {@code auth_request*} metatables, spec §5): a fresh table per call with raw fields, an
 * {@code __index} that serves the variable table and the methods, and {@code req.passdb.x} /
 * {@code req.userdb.x}. Assignments only touch the Lua table, as in Dovecot.
 */
final class AuthRequestObject {
    private final LuaTable requestMeta = new LuaTable();
    private final LuaTable passdbMeta = new LuaTable();
    private final LuaTable userdbMeta = new LuaTable();
    private final Map<String, LuaValue> methods;
    private final AuthSettings settings;
    /** The state the requests are pushed into (null when only listing members): where a miss asked. */
    private final org.dovelua.lua.LuaScript script;

    AuthRequestObject(AuthSettings settings, EventObjects events, Map<String, String> env) {
        this(settings, events, env, null);
    }

    AuthRequestObject(AuthSettings settings, EventObjects events, Map<String, String> env,
            org.dovelua.lua.LuaScript script) {
        this.settings = settings;
        this.script = script;
        this.methods = AuthRequestMethods.forVersion(settings.version, events, env);
        requestMeta.set(LuaValue.INDEX, new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return index(args);
            }
        });
        passdbMeta.set(LuaValue.INDEX, new FieldsIndex(true));
        userdbMeta.set(LuaValue.INDEX, new FieldsIndex(false));
        // luaL_newmetatable() (db-lua.c AUTH_LUA_AUTH_REQUEST) names them: tostring(req) is
        // "auth_request*: 0x..." (case 238)
        requestMeta.set("__name", "auth_request*");
        passdbMeta.set("__name", "passdb_auth_request*");
        userdbMeta.set("__name", "userdb_auth_request*");
    }

    // the request table's keys, made once rather than encoded on every push
    private static final LuaString ITEM = LuaString.valueOf("item");
    private static final LuaString PASSDB = LuaString.valueOf("passdb");
    private static final LuaString USERDB = LuaString.valueOf("userdb");
    private static final LuaString SKIP_PASSWORD_CHECK = LuaString.valueOf("skip_password_check");
    private static final LuaString PASSDBS_SEEN_USER_UNKNOWN = LuaString.valueOf("passdbs_seen_user_unknown");
    private static final LuaString PASSDBS_SEEN_INTERNAL_FAILURE = LuaString.valueOf("passdbs_seen_internal_failure");
    private static final LuaString USERDBS_SEEN_INTERNAL_FAILURE = LuaString.valueOf("userdbs_seen_internal_failure");

    /** {@code auth_lua_push_auth_request()}. */
    LuaTable push(AuthRequest r) {
        // sized for its 7 keys (the size rawset grows it to, so pairs() keeps its order) instead
        // of rehashing four times
        LuaTable t = new LuaTable(0, 7);
        t.setmetatable(requestMeta);
        LuaUserdata item = new LuaUserdata(r);
        t.rawset(ITEM, item);
        LuaTable passdb = new LuaTable(0, 1);
        passdb.rawset(ITEM, item);
        passdb.setmetatable(passdbMeta);
        t.rawset(PASSDB, passdb);
        LuaTable userdb = new LuaTable(0, 1);
        userdb.rawset(ITEM, item);
        userdb.setmetatable(userdbMeta);
        t.rawset(USERDB, userdb);
        t.rawset(SKIP_PASSWORD_CHECK, LuaValue.valueOf(r.skipPasswordCheck));
        // auth_request_export() does not carry these to a worker: false there (seen on 2.3.19)
        t.rawset(PASSDBS_SEEN_USER_UNKNOWN, LuaValue.valueOf(!r.inWorker && r.passdbsSeenUserUnknown));
        t.rawset(PASSDBS_SEEN_INTERNAL_FAILURE, LuaValue.valueOf(!r.inWorker && r.passdbsSeenInternalFailure));
        t.rawset(USERDBS_SEEN_INTERNAL_FAILURE, LuaValue.valueOf(r.userdbsSeenInternalFailure));
        return t;
    }

    /** {@code auth_lua_check_auth_request()}: Dovecot's own text for a non-table self. */
    static AuthRequest check(Varargs args, int i) {
        LuaValue v = args.arg(i);
        if (!v.istable()) {
            throw LuaArgs.error("Bad argument #" + i + ", expected auth_request got " + LuaArgs.typeName(args, i));
        }
        LuaValue item = v.rawget(ITEM);
        if (item.isuserdata(AuthRequest.class)) {
            return (AuthRequest) item.touserdata();
        }
        // Dovecot uses whatever "item" holds as a pointer; a table without it crashes the process.
        throw new ProcessDeath(ProcessDeath.Kind.PANIC,
                "a table that is not an auth request was passed as one (Dovecot would crash on it)");
    }

    /** {@code auth_request_lua_index()}: variables first, then methods, then rawget. */
    private Varargs index(Varargs args) {
        AuthRequest r = check(args, 1);
        String key = LuaArgs.checkString(args, 2, "__index");
        boolean[] found = new boolean[1];
        String value = AuthRequestVars.lookup(r, key, found);
        if (found[0]) {
            return value == null ? LuaValue.NIL : LuaValue.valueOf(value);
        }
        LuaValue method = methods.get(key);
        if (method != null) {
            return method;
        }
        LuaValue raw = args.arg1().rawget(key);
        if (raw.isnil()) {
            AuthRequestMembers.MissListener l = AuthRequestMembers.listener();
            if (l != null && script != null) {
                reportMiss(l, key);
            }
        }
        return raw;
    }

    private static final java.util.regex.Pattern FRAME = java.util.regex.Pattern.compile("^\\t(.+?):(\\d+): in ",
            java.util.regex.Pattern.MULTILINE);

    /** The innermost Lua frame of the traceback taken in {@code __index}: the line that read the member. */
    private void reportMiss(AuthRequestMembers.MissListener l, String key) {
        org.luaj.vm2.lib.DebugLib debug = script.globals().debuglib;
        if (debug == null) {
            return;
        }
        java.util.regex.Matcher m = FRAME.matcher(debug.traceback(1));
        if (m.find()) {
            l.miss(key, m.group(1), Integer.parseInt(m.group(2)));
        }
    }

    /** {@code auth_request_lua_passdb()} / {@code auth_request_lua_userdb()}. */
    private static final class FieldsIndex extends VarArgFunction {
        private final boolean passdb;

        FieldsIndex(boolean passdb) {
            this.passdb = passdb;
        }

        @Override
        public Varargs invoke(Varargs args) {
            AuthRequest r = check(args, 1);
            String key = LuaArgs.checkString(args, 2, "__index");
            AuthFields fields = passdb ? r.extraFields : r.userdbReply;
            if (fields == null) {
                return NIL;
            }
            String v = fields.find(key);
            return v == null ? NIL : valueOf(v);
        }
    }

    static LuaValue code(int code) {
        return Lua54Arith.number(code);
    }
}
