package org.dovelua.auth.lua;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dovelua.auth.db.SystemUsers;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestVars;
import org.dovelua.auth.scheme.PasswordScheme;
import org.dovelua.auth.scheme.PasswordSchemes;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.EventObjects;
import org.dovelua.lua.dovecot.LogLevel;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.dovelua.varexpand.VarExpand;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** The request methods of db-lua.c {@code auth_request_methods[]}, per version (spec §5.3). */
final class AuthRequestMethods {
    private AuthRequestMethods() {
    }

    static Map<String, LuaValue> forVersion(DovecotVersion v, EventObjects events, Map<String, String> env) {
        Map<String, LuaValue> m = new LinkedHashMap<>();
        m.put("var_expand", new Method("var_expand", 2) {
            @Override
            Varargs run(AuthRequest r, Varargs a) {
                String tpl = LuaArgs.checkMethodString(a, 2, name);
                return valueOf(expand(r, tpl, env));
            }
        });
        if (!v.has(Since.NO_RESPONSE_FROM_TEMPLATE)) {
            m.put("response_from_template", new Method("response_from_template", 2) {
                @Override
                Varargs run(AuthRequest r, Varargs a) {
                    return responseFromTemplate(r, LuaArgs.checkMethodString(a, 2, name), env);
                }
            });
        }
        m.put("log_debug", new Log("log_debug", LogLevel.DEBUG));
        m.put("log_info", new Log("log_info", LogLevel.INFO));
        m.put("log_warning", new Log("log_warning", LogLevel.WARNING));
        if (v.has(Since.REQUEST_LOG_ERROR_AND_PASSWORD_VERIFY)) {
            m.put("log_error", new Log("log_error", LogLevel.ERROR));
            m.put("password_verify", new Method("password_verify", 0) {
                @Override
                Varargs run(AuthRequest r, Varargs a) {
                    return passwordVerify(r, a, v);
                }
            });
        }
        if (v.has(Since.REQUEST_EVENT)) {
            m.put("event", new Method("event", 0) {
                @Override
                Varargs run(AuthRequest r, Varargs a) {
                    return events.push(r.dbEvent().child());
                }
            });
        }
        return m;
    }

    private static String expand(AuthRequest r, String tpl, Map<String, String> env) {
        try {
            return VarExpand.expand(tpl, AuthRequestVars.of(r), env);
        } catch (VarExpand.VarExpandException e) {
            throw LuaArgs.error("var_expand(" + tpl + ") failed: " + e.getMessage());
        }
    }

    /**
     * {@code auth_request_lua_response_from_template()} (db-lua.c) over
     * {@code passdb_template_build}/{@code userdb_template_build}: tokens split on spaces, each
     * {@code key[=value]} set in order with {@code lua_setfield}, so a token without '=' sets nil
     * (dropping an earlier value of that key). An empty key is {@code i_fatal}. In a userdb lookup
     * {@code uid}/{@code gid} (any case) are resolved to numbers before expansion, and an unknown
     * name is {@code i_fatal} (userdb-template.c).
     */
    private static Varargs responseFromTemplate(AuthRequest r, String tpl, Map<String, String> env) {
        LuaTable t = new LuaTable();
        for (String token : tpl.split(" ")) {
            if (token.isEmpty()) {
                continue; // t_strsplit_spaces
            }
            int eq = token.indexOf('=');
            String key = eq < 0 ? token : token.substring(0, eq);
            String value = eq < 0 ? null : token.substring(eq + 1);
            if (key.isEmpty()) {
                throw new org.dovelua.lua.ProcessDeath(org.dovelua.lua.ProcessDeath.Kind.FATAL,
                        "Invalid " + (r.userdbLookup ? "userdb" : "passdb") + " template " + tpl
                                + " - key must not be empty");
            }
            if (r.userdbLookup && (key.equalsIgnoreCase("uid") || key.equalsIgnoreCase("gid"))) {
                String nonNull = value == null ? "" : value;
                boolean uid = key.equalsIgnoreCase("uid");
                Long id = uid ? SystemUsers.parseUid(null, nonNull) : SystemUsers.parseGid(null, nonNull);
                if (id == null) {
                    // userdb_parse_uid(NULL, ...) logs with i_error(), without the request prefix
                    DovecotEvent process = r.dbEvent();
                    while (process.parent() != null) {
                        process = process.parent();
                    }
                    process.error("Invalid " + (uid ? "UID" : "GID") + " value '" + nonNull + "'");
                    throw new org.dovelua.lua.ProcessDeath(org.dovelua.lua.ProcessDeath.Kind.FATAL,
                            "lua userdb: Invalid " + (uid ? "uid" : "gid") + ": " + nonNull);
                }
                value = Long.toString(id);
            }
            t.set(key, value == null ? LuaValue.NIL : LuaValue.valueOf(expand(r, value, env)));
        }
        return t;
    }

    /** {@code auth_request_lua_password_verify()}: {@code code, error} with a float code. */
    private static Varargs passwordVerify(AuthRequest r, Varargs a, DovecotVersion v) {
        LuaValue crypted = a.arg(2);
        LuaValue plain = a.arg(3);
        if (v.has(Since.PASSWORD_VERIFY_REFUSES_NIL)) {
            // lua_tostring() is NULL for anything but a string or a number (db-lua.c@2.4.0)
            if (!crypted.isstring()) {
                throw LuaArgs.error("Crypted password must not be nil");
            }
            if (!plain.isstring()) {
                throw LuaArgs.error("Plain password must not be nil");
            }
        } else if (!crypted.isstring() || !plain.isstring()) {
            // 2.3 passes lua_tostring()'s NULL on: the worker dies of SIGSEGV, no log line of its own
            // (case 331: a table argument on real 2.3.19, signal 11)
            throw new org.dovelua.lua.ProcessDeath(org.dovelua.lua.ProcessDeath.Kind.SEGFAULT,
                    "req:password_verify() got nil; Dovecot 2.3 dereferences it and crashes");
        }
        PasswordSchemes.Split split = PasswordSchemes.getScheme(crypted.tojstring());
        String scheme = split.scheme() == null ? "PLAIN" : split.scheme();
        PasswordSchemes.Decoded d = PasswordSchemes.decode(split.password(), scheme, v);
        int ret;
        String error = null;
        if (d.ret() <= 0) {
            ret = d.ret();
            error = ret < 0 ? "Password data is not valid for scheme " + scheme + ": " + d.error()
                    : "Unknown scheme " + scheme;
        } else {
            // gen_params.user = original_username: DIGEST-MD5 needs it (db-lua.c)
            String[] err = new String[1];
            LuaString p = plain.checkstring();
            byte[] bytes = new byte[p.m_length];
            p.copyInto(0, bytes, 0, bytes.length);
            ret = PasswordSchemes.verify(bytes, scheme, d.raw(),
                    new PasswordScheme.Params(r.originalUsername, 0), v, r.settings.allowWeakSchemes, err);
            error = err[0];
        }
        return LuaValue.varargsOf(Lua54Arith.number(ret), error == null ? LuaValue.NIL : LuaValue.valueOf(error));
    }

    /** A method: checks self first ({@code auth_lua_check_auth_request}), then its own arguments. */
    private abstract static class Method extends VarArgFunction {
        private final int nargs;

        Method(String name, int nargs) {
            this.name = name;
            this.nargs = nargs;
        }

        @Override
        public Varargs invoke(Varargs args) {
            AuthRequest r = AuthRequestObject.check(args, 1);
            return run(r, args);
        }

        abstract Varargs run(AuthRequest r, Varargs a);
    }

    /**
     * {@code log_debug} is a no-op unless {@code auth_debug=yes} in 2.3 (checked before anything
     * else, so even a bad argument passes silently); the others log through the db event.
     */
    private static final class Log extends Method {
        private final LogLevel level;

        Log(String name, LogLevel level) {
            super(name, 2);
            this.level = level;
        }

        @Override
        public Varargs invoke(Varargs args) {
            if (level == LogLevel.DEBUG) {
                // Can't see the request before checking it; 2.3 tests the global setting first.
                LuaValue self = args.arg1();
                if (self.istable() && self.rawget("item").isuserdata(AuthRequest.class)) {
                    AuthRequest r = (AuthRequest) self.rawget("item").touserdata();
                    if (!r.settings.version.has(Since.LOG_DEBUG_PER_EVENT) && !r.settings.debug) {
                        return NONE;
                    }
                }
            }
            return super.invoke(args);
        }

        @Override
        Varargs run(AuthRequest r, Varargs a) {
            String msg = LuaArgs.checkMethodString(a, 2, name);
            r.dbEvent().log(level, "db-lua: " + msg);
            return NONE;
        }
    }
}
