package org.dovelua.lua;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Argument checks with the texts Lua 5.4's lauxlib and Dovecot's {@code DLUA_REQUIRE_ARGS}
 * produce. Two kinds of error: Dovecot's own ({@link #error}) carry no {@code file:line:}
 * position, because dlua-script-private.h redefines {@code luaL_error} as {@code dluaL_error},
 * which adds none; lauxlib's ({@link #positioned}, argument errors) get the calling Lua
 * function's position, as {@code luaL_where(L, 1)} gives it.
 */
public final class LuaArgs {
    private LuaArgs() {
    }

    /** An error whose message is exactly {@code message}, as a C function's {@code luaL_error}. */
    public static LuaError error(String message) {
        return new LuaError(LuaValue.valueOf(message));
    }

    /** A lauxlib error ({@code luaL_error} in liblua): LuaJ adds the calling Lua function's position. */
    public static LuaError positioned(String message) {
        return new LuaError(message);
    }

    /** {@code DLUA_REQUIRE_ARGS(L, n)} (dlua-script-private.h). */
    public static void require(Varargs args, int n) {
        if (args.narg() != n) {
            throw error("expected " + n + " arguments, got " + args.narg());
        }
    }

    /** {@code DLUA_REQUIRE_ARGS_IN(L, x, y)}. */
    public static void requireIn(Varargs args, int min, int max) {
        int n = args.narg();
        if (n < min || n > max) {
            throw error("expected " + min + " to " + max + " arguments, got " + n);
        }
    }

    /** Lua's type name for argument {@code i}, {@code "no value"} when absent. */
    public static String typeName(Varargs args, int i) {
        return i > args.narg() ? "no value" : args.arg(i).typename();
    }

    /** {@code luaL_typeerror}: {@code bad argument #i to 'fn' (expected expected, got type)}. */
    public static LuaError typeError(Varargs args, int i, String fn, String expected) {
        return positioned("bad argument #" + i + " to '" + fn + "' (" + expected + " expected, got "
                + typeName(args, i) + ")");
    }

    /** {@code luaL_checkstring}: strings, and numbers converted to their string form. */
    public static String checkString(Varargs args, int i, String fn) {
        LuaValue v = args.arg(i);
        if (i <= args.narg() && (v.type() == LuaValue.TSTRING || v.type() == LuaValue.TNUMBER)) {
            return v.tojstring();
        }
        throw typeError(args, i, fn, "string");
    }

    /** {@code luaL_checklstring}: the bytes of a string, or of a number's string form. */
    public static byte[] checkBytes(Varargs args, int i, String fn) {
        LuaValue v = args.arg(i);
        if (i <= args.narg() && (v.type() == LuaValue.TSTRING || v.type() == LuaValue.TNUMBER)) {
            LuaString s = v.strvalue();
            byte[] b = new byte[s.rawlen()];
            s.copyInto(0, b, 0, b.length);
            return b;
        }
        throw typeError(args, i, fn, "string");
    }

    /**
     * {@code luaL_checkstring} for a method called with {@code obj:m(...)}: Lua 5.4 numbers the
     * arguments without self, so argument {@code i} is reported as {@code #(i-1)}.
     */
    public static String checkMethodString(Varargs args, int i, String fn) {
        LuaValue v = args.arg(i);
        if (i <= args.narg() && (v.type() == LuaValue.TSTRING || v.type() == LuaValue.TNUMBER)) {
            return v.tojstring();
        }
        throw positioned("bad argument #" + (i - 1) + " to '" + fn + "' (string expected, got "
                + typeName(args, i) + ")");
    }

    /**
     * {@code luaL_checkinteger} with Lua 5.4's rules: integral numbers (and numeric strings) only;
     * a float with a fraction is {@code number has no integer representation}.
     */
    public static long checkInteger(Varargs args, int i, String fn) {
        LuaValue v = args.arg(i);
        if (i <= args.narg()) {
            Long n = LuaNumbers.toInteger(v);
            if (n != null) {
                return n;
            }
            if (LuaNumbers.isNumber(v)) {
                throw positioned("bad argument #" + i + " to '" + fn + "' (number has no integer representation)");
            }
        }
        throw typeError(args, i, fn, "number");
    }

    /** {@code luaL_checknumber}: numbers, and strings that convert to one (5.4's numerals). */
    public static double checkNumber(Varargs args, int i, String fn) {
        Double d = i <= args.narg() ? LuaNumbers.toNumber(args.arg(i)) : null;
        if (d == null) {
            throw typeError(args, i, fn, "number");
        }
        return d;
    }

    /** {@code luaL_argerror}: {@code bad argument #2 to 'open' (invalid mode)}, with the caller's position. */
    public static LuaError argError(int arg, String fname, String extramsg) {
        return positioned("bad argument #" + arg + " to '" + fname + "' (" + extramsg + ")");
    }

    /** {@code luaL_optstring}. */
    public static String optString(Varargs args, int arg, String fname, String def) {
        return args.arg(arg).isnil() ? def : checkString(args, arg, fname);
    }

    /** Raises {@code msg} as {@code lua_error} does: the value as is, no position added. */
    public static LuaError raw(String msg) {
        return error(msg);
    }

    /** A Lua function's body. */
    public interface Body {
        Varargs run(Varargs args);
    }

    /** A Lua function named like 5.4's, so LuaJ's own messages name it. */
    public static LuaValue fn(String fname, Body body) {
        return new VarArgFunction() {
            {
                name = fname;
            }

            @Override
            public Varargs invoke(Varargs args) {
                return body.run(args);
            }
        };
    }
}
