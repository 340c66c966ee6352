package org.dovelua.nauthilus.redis;

import org.dovelua.nauthilus.lib.GoFloat;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The arguments of one call of a Go-written Lua function, read the way gopher-lua's auxlib.go does
 * ({@code CheckString}, {@code CheckInt}, {@code CheckNumber}, {@code CheckTable}, {@code CheckAny},
 * {@code OptString}, {@code OptNumber}) and raising its {@code TypeError}/{@code ArgError} texts,
 * {@code bad argument #n to f (string expected, got nil)}.
 */
final class GopherArgs {
    private final String function;
    private final Varargs args;

    GopherArgs(String function, Varargs args) {
        this.function = function;
        this.args = args;
    }

    /** {@code L.GetTop()}. */
    int top() {
        return args.narg();
    }

    LuaValue get(int n) {
        return args.arg(n);
    }

    /** auxlib.go CheckString: a string, or a number converted by {@code LNumber.String}. */
    LuaString checkString(int n) {
        LuaValue v = args.arg(n);
        if (v.type() == LuaValue.TSTRING) {
            return v.checkstring();
        }
        if (v.type() == LuaValue.TNUMBER) {
            return LuaString.valueOf(GoFloat.luaNumber(v.todouble()));
        }
        throw typeError(n, "string");
    }

    /** auxlib.go CheckInt: numbers only (no string coercion), truncated like Go's int(). */
    long checkInt(int n) {
        LuaValue v = args.arg(n);
        if (v.type() == LuaValue.TNUMBER) {
            return goInt(v.todouble());
        }
        throw typeError(n, "number");
    }

    /** auxlib.go CheckNumber: a number or a string gopher-lua's parseNumber reads. */
    double checkNumber(int n) {
        LuaValue v = args.arg(n);
        if (v.type() == LuaValue.TNUMBER) {
            return v.todouble();
        }
        if (v.type() == LuaValue.TSTRING) {
            LuaValue num = v.tonumber();
            if (!num.isnil()) {
                return num.todouble();
            }
        }
        throw typeError(n, "number");
    }

    LuaTable checkTable(int n) {
        LuaValue v = args.arg(n);
        if (v.istable()) {
            return (LuaTable) v;
        }
        throw typeError(n, "table");
    }

    /** auxlib.go CheckAny: anything, but the argument must be there. */
    LuaValue checkAny(int n) {
        if (n > args.narg()) {
            throw new LuaError("bad argument #" + n + " to " + function + " (value expected)");
        }
        return args.arg(n);
    }

    /** auxlib.go OptString: nil gives the default; numbers are NOT accepted here. */
    LuaString optString(int n, String def) {
        LuaValue v = args.arg(n);
        if (v.isnil()) {
            return LuaString.valueOf(def);
        }
        if (v.type() == LuaValue.TSTRING) {
            return v.checkstring();
        }
        throw typeError(n, "string");
    }

    double optNumber(int n, double def) {
        LuaValue v = args.arg(n);
        if (v.isnil()) {
            return def;
        }
        if (v.type() == LuaValue.TNUMBER) {
            return v.todouble();
        }
        throw typeError(n, "number");
    }

    private LuaError typeError(int n, String expected) {
        return new LuaError("bad argument #" + n + " to " + function + " (" + expected + " expected, got "
                + gopherTypeName(args.arg(n)) + ")");
    }

    /** gopher-lua's LValueType names. */
    static String gopherTypeName(LuaValue v) {
        return v.typename();
    }

    /** Go's int64(float64) on amd64: truncation, with out-of-range values becoming MinInt64. */
    static long goInt(double d) {
        if (Double.isNaN(d) || d >= 9.223372036854775807E18 || d < -9.223372036854775808E18) {
            return Long.MIN_VALUE;
        }
        return (long) d;
    }

    /** gopher-lua's {@code LValue.String()}: what {@code joinLuaArgs} and {@code .String()} write. */
    static String text(LuaValue v) {
        switch (v.type()) {
            case LuaValue.TNIL:
                return "nil";
            case LuaValue.TBOOLEAN:
                return v.toboolean() ? "true" : "false";
            case LuaValue.TNUMBER:
                return GoFloat.luaNumber(v.todouble());
            case LuaValue.TSTRING:
                return v.tojstring();
            default:
                // value.go: fmt.Sprintf("table: %p", tb) and friends; a Go pointer's text
                return v.typename() + ": 0x" + String.format("%010x", 0xc000000000L + System.identityHashCode(v));
        }
    }

    /** {@link #text} as bytes, binary-safe for strings. */
    static byte[] bytes(LuaValue v) {
        if (v.type() == LuaValue.TSTRING) {
            LuaString s = v.checkstring();
            byte[] b = new byte[s.m_length];
            s.copyInto(0, b, 0, b.length);
            return b;
        }
        return text(v).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
