package org.dovelua.lua;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** Argument checks with Lua 5.4's lauxlib wording, which LuaJ words differently. */
final class LuaArgs {
    private LuaArgs() {}

    /** {@code luaL_argerror}: {@code bad argument #2 to 'open' (invalid mode)}. */
    static LuaError argError(int arg, String fname, String extramsg) {
        return new LuaError("bad argument #" + arg + " to '" + fname + "' (" + extramsg + ")");
    }

    /** {@code luaL_typeerror}: {@code ... (string expected, got no value)}. */
    static LuaError typeError(Varargs args, int arg, String fname, String expected) {
        String got = arg > args.narg() ? "no value" : args.arg(arg).typename();
        return argError(arg, fname, expected + " expected, got " + got);
    }

    /** {@code luaL_checkstring}: strings and numbers (converted) pass. */
    static String checkString(Varargs args, int arg, String fname) {
        LuaValue v = args.arg(arg);
        if (v.isstring()) {
            return v.tojstring();
        }
        throw typeError(args, arg, fname, "string");
    }

    /** {@code luaL_optstring}. */
    static String optString(Varargs args, int arg, String fname, String def) {
        return args.arg(arg).isnil() ? def : checkString(args, arg, fname);
    }

    /** Raises {@code msg} as {@code lua_error} does: the value as is, no position added. */
    static LuaError raw(String msg) {
        return new LuaError(LuaValue.valueOf(msg));
    }

    /** A Lua function's body. */
    interface Body {
        Varargs run(Varargs args);
    }

    /** A Lua function named like 5.4's, so LuaJ's own messages say {@code 'exit'}. */
    static LuaValue fn(String fname, Body body) {
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
