package org.dovelua.nauthilus;

import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The arguments of one call of a Go-written Lua function, read as gopher-lua's auxlib.go reads them
 * ({@code CheckString}, {@code CheckInt}, {@code CheckNumber}, {@code CheckTable}, {@code CheckAny},
 * {@code OptString}, {@code OptNumber}, ...), raising its {@code TypeError}/{@code ArgError} texts,
 * {@code bad argument #n to fn (string expected, got nil)}, with the calling Lua function's position
 * (state.go raiseError, level 1). An absent argument reads as nil, as LState.Get does. Every
 * Nauthilus module (mocks, redis, the vadv libraries) reads its arguments here.
 */
public final class GopherArgs {
    private final String function;
    private final Varargs args;

    public GopherArgs(String function, Varargs args) {
        this.function = function;
        this.args = args;
    }

    /** {@code L.GetTop()}. */
    public int top() {
        return args.narg();
    }

    public LuaValue get(int n) {
        return args.arg(n);
    }

    /** LState.RaiseError: the message behind the caller's position. */
    public static LuaError raise(String message) {
        return new LuaError(message);
    }

    /** The {@code nil, err} pair most Go functions return on failure. */
    public static Varargs nilAnd(String err) {
        return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(err));
    }

    /** auxlib.go ArgError. */
    public LuaError argError(int n, String message) {
        return raise("bad argument #" + n + " to " + function + " (" + message + ")");
    }

    /** auxlib.go TypeError. */
    public LuaError typeError(int n, String expected) {
        return argError(n, expected + " expected, got " + get(n).typename());
    }

    /** auxlib.go CheckAny: only a missing argument fails. */
    public LuaValue checkAny(int n) {
        if (n > top()) {
            throw argError(n, "value expected");
        }
        return get(n);
    }

    /** auxlib.go CheckString: strings, and numbers as their gopher text. */
    public String checkString(int n) {
        return checkLuaString(n).tojstring();
    }

    /** {@link #checkString} keeping a string's bytes as they are (binary-safe, for Redis values). */
    public LuaString checkLuaString(int n) {
        LuaValue v = get(n);
        if (v.type() == LuaValue.TSTRING) {
            return v.checkstring();
        }
        if (v.type() == LuaValue.TNUMBER) {
            return LuaString.valueOf(GoFloat.luaNumber(v.todouble()));
        }
        throw typeError(n, "string");
    }

    /** auxlib.go OptString: nil gives the default, a number is a type error. */
    public String optString(int n, String dflt) {
        LuaString s = optLuaString(n, dflt);
        return s == null ? null : s.tojstring();
    }

    /** {@link #optString}, binary-safe. */
    public LuaString optLuaString(int n, String dflt) {
        LuaValue v = get(n);
        if (v.isnil()) {
            return dflt == null ? null : LuaString.valueOf(dflt);
        }
        if (v.type() == LuaValue.TSTRING) {
            return v.checkstring();
        }
        throw typeError(n, "string");
    }

    /** auxlib.go CheckInt: numbers only (no string coercion), truncated as Go's int(float64). */
    public long checkInt(int n) {
        LuaValue v = get(n);
        if (v.type() == LuaValue.TNUMBER) {
            return goInt(v.todouble());
        }
        throw typeError(n, "number");
    }

    /** auxlib.go CheckNumber: a number or a string gopher-lua's parseNumber reads. */
    public double checkNumber(int n) {
        LuaValue v = get(n);
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

    /** auxlib.go OptNumber. */
    public double optNumber(int n, double dflt) {
        LuaValue v = get(n);
        if (v.isnil()) {
            return dflt;
        }
        if (v.type() == LuaValue.TNUMBER) {
            return v.todouble();
        }
        throw typeError(n, "number");
    }

    public boolean checkBool(int n) {
        LuaValue v = get(n);
        if (v.type() == LuaValue.TBOOLEAN) {
            return v.toboolean();
        }
        throw typeError(n, "boolean");
    }

    public LuaTable checkTable(int n) {
        LuaValue v = get(n);
        if (v.type() == LuaValue.TTABLE) {
            return (LuaTable) v;
        }
        throw typeError(n, "table");
    }

    /** auxlib.go OptTable. */
    public LuaTable optTable(int n) {
        return get(n).isnil() ? null : checkTable(n);
    }

    /** auxlib.go CheckUserData, answering the userdata's Go value (null for a foreign userdata). */
    public Object checkUserData(int n) {
        LuaValue v = get(n);
        if (v.type() == LuaValue.TUSERDATA) {
            return v instanceof LuaUserdata ? ((LuaUserdata) v).m_instance : null;
        }
        throw typeError(n, "userdata");
    }

    /** Go's int64(float64) on amd64: truncation, with out-of-range values becoming MinInt64. */
    public static long goInt(double d) {
        if (Double.isNaN(d) || d >= 9.223372036854775807E18 || d < -9.223372036854775808E18) {
            return Long.MIN_VALUE;
        }
        return (long) d;
    }

    /** gopher-lua's {@code LValue.String()}: what {@code joinLuaArgs} and {@code .String()} write. */
    public static String text(LuaValue v) {
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
    public static byte[] bytes(LuaValue v) {
        if (v.type() == LuaValue.TSTRING) {
            LuaString s = v.checkstring();
            byte[] b = new byte[s.m_length];
            s.copyInto(0, b, 0, b.length);
            return b;
        }
        return text(v).getBytes(StandardCharsets.UTF_8);
    }
}
