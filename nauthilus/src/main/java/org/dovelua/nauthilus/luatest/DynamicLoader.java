package org.dovelua.nauthilus.luatest;

import java.util.function.Consumer;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code dynamic_loader(name)} global of Nauthilus 1.12 to 2.x production
 * (luapool/runtime.go@v2.1.3 ensureDynamicLoaderStub): a no-op that returns nothing and reports the
 * module it was asked for ({@code L.OptString(1, "")}) as its warning {@code Lua dynamic_loader called}.
 * The modules themselves come from require, as they do there.
 */
final class DynamicLoader extends VarArgFunction {
    private final Consumer<String> warn;

    DynamicLoader(Consumer<String> warn) {
        this.warn = warn;
    }

    @Override
    public Varargs invoke(Varargs args) {
        // auxlib.go OptString: nil gives "", a string itself, anything else (a number too) TypeError
        LuaValue arg = args.arg1();
        if (!arg.isnil() && arg.type() != LuaValue.TSTRING) {
            throw new LuaError("bad argument #1 to dynamic_loader (string expected, got " + arg.typename() + ")");
        }
        String name = arg.isnil() ? "" : arg.tojstring();
        warn.accept("Lua dynamic_loader called module=" + name);
        return NONE;
    }
}
