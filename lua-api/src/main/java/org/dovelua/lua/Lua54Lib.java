package org.dovelua.lua;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * What Lua 5.4's standard library has and LuaJ 3.0.1's (Lua 5.2) lacks, installed over the
 * standard globals: the operator helpers {@link Lua54Syntax} calls. Load it after the string,
 * table and math libraries it extends.
 */
public final class Lua54Lib extends TwoArgFunction {
    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable g = (LuaTable) env;
        Lua54Operators.install(g);
        return g;
    }
}
