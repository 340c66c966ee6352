package org.dovelua.nauthilus;

import java.util.function.Function;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** A Lua function from a Java lambda, for the Nauthilus modules' function tables. */
public final class LuaFunctions {
    private LuaFunctions() {
    }

    public static VarArgFunction fn(Function<Varargs, Varargs> body) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return body.apply(args);
            }
        };
    }
}
