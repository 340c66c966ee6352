package org.dovelua.lua;

import org.luaj.vm2.LuaValue;

/**
 * Pushing numbers the way Dovecot's C code does. LuaJ has one number type, so an integer and
 * a float with the same value are the same LuaJ value; these helpers keep the call sites honest
 * about which one Dovecot pushes ({@code lua_pushinteger} vs {@code lua_pushnumber}) so the
 * Lua 5.4 work can tell them apart later.
 */
public final class LuaNumbers54 {
    private LuaNumbers54() {
    }

    /** {@code lua_pushinteger}. */
    public static LuaValue integer(long v) {
        return LuaValue.valueOf((double) v);
    }

    /** {@code lua_pushnumber}: Dovecot's constants and {@code password_verify} codes are floats. */
    public static LuaValue number(double v) {
        return LuaValue.valueOf(v);
    }
}
