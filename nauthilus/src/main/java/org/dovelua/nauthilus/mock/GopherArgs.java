package org.dovelua.nauthilus.mock;

import org.dovelua.nauthilus.GoValues;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * gopher-lua's auxlib argument checks (vendor/github.com/yuin/gopher-lua/auxlib.go) for one call
 * of a Go function: {@code bad argument #n to fn (string expected, got nil)}, raised with the
 * calling Lua function's position (state.go raiseError, level 1). An absent argument reads as
 * nil, as LState.Get does.
 */
final class GopherArgs {
    private final String function;
    private final Varargs args;

    GopherArgs(String function, Varargs args) {
        this.function = function;
        this.args = args;
    }

    int top() {
        return args.narg();
    }

    LuaValue get(int n) {
        return args.arg(n);
    }

    /** LState.RaiseError: the message behind the caller's position. */
    static LuaError raise(String message) {
        return new LuaError(message);
    }

    /** auxlib.go ArgError. */
    LuaError argError(int n, String message) {
        return raise("bad argument #" + n + " to " + function + " (" + message + ")");
    }

    /** auxlib.go TypeError. */
    LuaError typeError(int n, String expected) {
        return argError(n, expected + " expected, got " + get(n).typename());
    }

    /** auxlib.go CheckAny: only a missing argument fails. */
    LuaValue checkAny(int n) {
        if (n > top()) {
            throw argError(n, "value expected");
        }
        return get(n);
    }

    /** auxlib.go CheckString: strings, and numbers as their gopher text. */
    String checkString(int n) {
        LuaValue v = get(n);
        if (v.type() == LuaValue.TSTRING) {
            return v.tojstring();
        }
        if (v.type() == LuaValue.TNUMBER) {
            return GoValues.number(v.todouble());
        }
        throw typeError(n, "string");
    }

    /** auxlib.go OptString: nil gives the default, a number is a type error. */
    String optString(int n, String dflt) {
        LuaValue v = get(n);
        if (v.isnil()) {
            return dflt;
        }
        if (v.type() == LuaValue.TSTRING) {
            return v.tojstring();
        }
        throw typeError(n, "string");
    }

    /** auxlib.go CheckInt: numbers only, truncated as Go's int(float64). */
    long checkInt(int n) {
        LuaValue v = get(n);
        if (v.type() == LuaValue.TNUMBER) {
            return (long) v.todouble();
        }
        throw typeError(n, "number");
    }

    boolean checkBool(int n) {
        LuaValue v = get(n);
        if (v.type() == LuaValue.TBOOLEAN) {
            return v.toboolean();
        }
        throw typeError(n, "boolean");
    }

    LuaTable checkTable(int n) {
        LuaValue v = get(n);
        if (v.type() == LuaValue.TTABLE) {
            return (LuaTable) v;
        }
        throw typeError(n, "table");
    }

    /** auxlib.go OptTable. */
    LuaTable optTable(int n) {
        LuaValue v = get(n);
        return v.isnil() ? null : checkTable(n);
    }

    /** auxlib.go CheckUserData, answering the userdata's Go value (null for a foreign userdata). */
    Object checkUserData(int n) {
        LuaValue v = get(n);
        if (v.type() == LuaValue.TUSERDATA) {
            return v instanceof LuaUserdata ? ((LuaUserdata) v).m_instance : null;
        }
        throw typeError(n, "userdata");
    }
}
