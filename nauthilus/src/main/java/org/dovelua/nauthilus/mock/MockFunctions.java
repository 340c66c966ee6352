package org.dovelua.nauthilus.mock;

import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** Small helpers the test-mode mocks share: named Lua functions, and the two ways mocks treat a call mismatch. */
final class MockFunctions {
    private MockFunctions() {
    }

    interface Body {
        Varargs call(Varargs args);
    }

    /** A Lua function named {@code name} (for LuaJ's argument error texts). */
    static VarArgFunction fn(String name, Body body) {
        return new Named(name, body);
    }

    private static final class Named extends VarArgFunction {
        private final Body body;

        Named(String name, Body body) {
            this.name = name;
            this.body = body;
        }

        @Override
        public Varargs invoke(Varargs args) {
            return body.call(args);
        }
    }

    static void define(LuaTable module, String name, Body body) {
        module.set(name, fn(name, body));
    }

    /** The mocks that raise: {@code L.RaiseError("%s", err)} on a mismatch. */
    static void recordOrRaise(ModuleCalls calls, String method, String args) {
        String err = calls.record(method, args);
        if (err != null) {
            throw new LuaError(err);
        }
    }

    /** The mocks that ignore it ({@code _ = mockData.RecordCall(...)}): the sticky error fails the run at validation. */
    static void recordIgnoring(ModuleCalls calls, String method, String args) {
        calls.record(method, args);
    }

    /** gopher-lua's CheckAny: a missing argument is an error. */
    static LuaValue checkAny(Varargs args, int n) {
        if (args.narg() < n) {
            LuaValue.argerror(n, "value expected");
        }
        return args.arg(n);
    }

    /** gopher-lua's OptString: nil/none gives the default, a string or number its text, else a type error. */
    static String optString(Varargs args, int n, String def) {
        return args.isnoneornil(n) ? def : args.checkjstring(n);
    }

    /** Go's strconv.Itoa(L.CheckInt(n)): a number truncated to an int. */
    static String checkIntText(Varargs args, int n) {
        return Long.toString((long) args.checknumber(n).todouble());
    }
}
