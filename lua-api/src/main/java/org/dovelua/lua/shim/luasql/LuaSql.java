package org.dovelua.lua.shim.luasql;

import org.dovelua.lua.LuaArgs;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * What every luasql driver shares (luasql.c, luasql.h of LuaSQL 2.6.0): the {@code LuaSQL: } prefix
 * of failures, the metatables ({@code luasql_createmeta}: methods, {@code __index} to itself, a
 * {@code __tostring} naming the metatable, a {@code __metatable} that hides it), the module's info
 * fields ({@code luasql_set_info}) and lauxlib's {@code luaL_checkudata}/{@code luaL_argcheck} texts
 * for an object's methods.
 *
 * <p>Methods are reported as 5.4 reports a method call ({@code conn:execute(...)}): a bad self is
 * {@code calling 'execute' on bad self (...)}, other arguments are numbered without self. LuaJ cannot
 * tell {@code pcall(conn.execute, conn)} (5.4: {@code bad argument #1 to '?'}) from a method call.
 */
final class LuaSql {
    static final String PREFIX = "LuaSQL: ";
    static final String VERSION = "LuaSQL 2.6.0 (for Lua 5.4)";

    private LuaSql() {
    }

    /** {@code luasql_faildirect}: {@code nil, "LuaSQL: " .. err}. */
    static Varargs fail(String err) {
        return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(PREFIX + err));
    }

    /** {@code luasql_failmsg}: {@code nil, "LuaSQL: " .. err .. m}. */
    static Varargs fail(String err, String m) {
        return fail(err + m);
    }

    /** {@code luasql_createmeta}: the methods table is the metatable and its own {@code __index}. */
    static LuaTable metatable(String name, LuaTable methods) {
        methods.set("__index", methods);
        methods.set("__name", name); // luaL_newmetatable
        methods.set("__tostring", LuaArgs.fn("tostring", args -> {
            LuaValue self = args.arg1();
            return LuaValue.valueOf(self instanceof LuaSqlObject o ? o.describe(name) : "");
        }));
        methods.set("__metatable", PREFIX + "you're not allowed to get this metatable");
        return methods;
    }

    /** {@code luasql_set_info}. */
    static LuaTable info(LuaTable module) {
        module.set("_COPYRIGHT", "Copyright (C) 2003-2020 Kepler Project");
        module.set("_DESCRIPTION", "LuaSQL is a simple interface from Lua to a DBMS");
        module.set("_VERSION", VERSION);
        return module;
    }

    /**
     * {@code luaL_checkudata(L, 1, name)}: self must carry the driver's metatable, or
     * {@code calling 'fn' on bad self (NAME expected, got TYPE)}.
     */
    static <T extends LuaSqlObject> T self(Varargs args, String fn, LuaTable metatable, Class<T> type) {
        LuaValue v = args.arg1();
        if (type.isInstance(v) && v.getmetatable() == metatable) {
            return type.cast(v);
        }
        String got;
        LuaValue mt = args.narg() < 1 ? LuaValue.NIL : v.getmetatable();
        if (mt != null && mt.istable() && mt.rawget("__name").isstring()) {
            got = mt.rawget("__name").tojstring();
        } else {
            got = LuaArgs.typeName(args, 1);
        }
        throw badSelf(fn, metatable.rawget("__name").tojstring() + " expected, got " + got);
    }

    /** {@code luaL_argcheck(L, !obj->closed, 1, msg)}. */
    static <T extends LuaSqlObject> T open(T obj, String fn, String closedMessage) {
        if (obj.closed) {
            throw badSelf(fn, closedMessage);
        }
        return obj;
    }

    /** {@code luaL_argerror} on argument 1 of a method call. */
    static LuaError badSelf(String fn, String extramsg) {
        return LuaArgs.positioned("calling '" + fn + "' on bad self (" + extramsg + ")");
    }

    /** {@code luaL_checklstring} on argument {@code i} of a method (reported as {@code #(i-1)}). */
    static LuaString checkString(Varargs args, int i, String fn) {
        LuaValue v = args.arg(i);
        if (i <= args.narg() && (v.type() == LuaValue.TSTRING || v.type() == LuaValue.TNUMBER)) {
            return v.strvalue();
        }
        throw LuaArgs.positioned("bad argument #" + (i - 1) + " to '" + fn + "' (string expected, got "
                + LuaArgs.typeName(args, i) + ")");
    }

    /** {@code luaL_optstring}: absent or nil is {@code def}. */
    static LuaString optString(Varargs args, int i, String fn, LuaString def) {
        return args.arg(i).isnil() ? def : checkString(args, i, fn);
    }

    /** A C string from Lua bytes: it stops at the first NUL byte, as the C library reads it. */
    static String cString(LuaString s) {
        int n = s.length();
        for (int k = 0; k < n; k++) {
            if (s.luaByte(k) == 0) {
                n = k;
                break;
            }
        }
        return new String(s.m_bytes, s.m_offset, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A method entry. */
    static void method(LuaTable methods, String name, LuaArgs.Body body) {
        methods.set(name, LuaArgs.fn(name, body));
    }

    /** {@code env:close()} of every driver: false when already closed (env_close in each ls_*.c). */
    static void environmentClose(LuaTable envMeta) {
        method(envMeta, "close", args -> {
            LuaSqlObject e = self(args, "close", envMeta, LuaSqlObject.class);
            boolean was = !e.closed;
            e.closed = true;
            return LuaValue.valueOf(was);
        });
    }

    /**
     * Single quotes doubled, up to a NUL byte: what {@code sqlite3_mprintf("%q")} and
     * {@code PQescapeStringConn} (standard_conforming_strings on) make of a string.
     */
    static LuaValue quotesDoubled(LuaString from) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(from.length() + 8);
        for (int i = 0; i < from.length() && from.luaByte(i) != 0; i++) {
            int b = from.luaByte(i);
            out.write(b);
            if (b == '\'') {
                out.write(b);
            }
        }
        return LuaString.valueOf(out.toByteArray());
    }
}
