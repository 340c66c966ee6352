package org.dovelua.nauthilus.lib;

import org.dovelua.nauthilus.lib.GoFloat;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** gopher-lua auxlib.go argument checks for the pure libraries, with its TypeError texts. */
final class LibArgs {
    private LibArgs() {
    }

    static LuaString checkString(Varargs a, int n, String fn) {
        LuaValue v = a.arg(n);
        if (v.type() == LuaValue.TSTRING) {
            return v.checkstring();
        }
        if (v.type() == LuaValue.TNUMBER) {
            return LuaString.valueOf(GoFloat.luaNumber(v.todouble()));
        }
        throw typeError(a, n, fn, "string");
    }

    static double checkNumber(Varargs a, int n, String fn) {
        LuaValue v = a.arg(n);
        if (v.type() == LuaValue.TNUMBER) {
            return v.todouble();
        }
        if (v.type() == LuaValue.TSTRING && !v.tonumber().isnil()) {
            return v.tonumber().todouble();
        }
        throw typeError(a, n, fn, "number");
    }

    static LuaTable checkTable(Varargs a, int n, String fn) {
        if (a.arg(n).istable()) {
            return (LuaTable) a.arg(n);
        }
        throw typeError(a, n, fn, "table");
    }

    static LuaError typeError(Varargs a, int n, String fn, String expected) {
        return new LuaError("bad argument #" + n + " to " + fn + " (" + expected + " expected, got "
                + a.arg(n).typename() + ")");
    }

    static Varargs error(String text) {
        return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(text));
    }
}
