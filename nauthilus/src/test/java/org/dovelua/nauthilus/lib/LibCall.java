package org.dovelua.nauthilus.lib;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** Calls a pure library's functions from Java, as Lua would. */
final class LibCall {
    private final LuaTable module;

    LibCall(org.luaj.vm2.lib.TwoArgFunction loader) {
        this.module = (LuaTable) loader.call(LuaValue.valueOf("m"), new LuaTable());
    }

    LuaTable module() {
        return module;
    }

    Varargs call(String fn, Object... args) {
        LuaValue[] values = new LuaValue[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = lua(args[i]);
        }
        return module.get(fn).invoke(LuaValue.varargsOf(values));
    }

    static LuaValue lua(Object o) {
        if (o instanceof LuaValue) {
            return (LuaValue) o;
        }
        if (o instanceof String) {
            return LuaValue.valueOf((String) o);
        }
        if (o instanceof Number) {
            return LuaValue.valueOf(((Number) o).doubleValue());
        }
        if (o instanceof Boolean) {
            return LuaValue.valueOf((Boolean) o);
        }
        return LuaValue.NIL;
    }
}
