package org.dovelua.lua.lua54;

import org.dovelua.lua.LuaArgs;
import org.luaj.vm2.LuaValue;

/**
 * lauxlib.c {@code luaL_tolstring()}: what {@code tostring}, {@code print} and
 * {@code string.format("%s")} make of a value. Unlike LuaJ's own, a metatable's {@code __name}
 * names the value ({@code auth_request*: 0x...}, as luaL_newmetatable() sets it for Dovecot's
 * request objects).
 */
public final class Lua54ToString {
    private Lua54ToString() {
    }

    /** luaL_tolstring(): __tostring (which must give a string), else the value's own text. */
    public static LuaValue tolstring(LuaValue v) {
        LuaValue h = v.metatag(LuaValue.valueOf("__tostring"));
        if (!h.isnil()) {
            LuaValue r = h.call(v);
            if (!r.isstring()) {
                throw LuaArgs.positioned("'__tostring' must return a string");
            }
            return r;
        }
        LuaValue name = v.metatag(LuaValue.valueOf("__name"));
        if (name.type() == LuaValue.TSTRING && (v.istable() || v.isuserdata())) {
            // "%s: %p": the identity hash stands in for the address, as LuaJ's own "table: ..." text does
            return LuaValue.valueOf(name.tojstring() + ": 0x" + Integer.toHexString(System.identityHashCode(v)));
        }
        return v.type() == LuaValue.TSTRING ? v : LuaValue.valueOf(v.tojstring());
    }
}
