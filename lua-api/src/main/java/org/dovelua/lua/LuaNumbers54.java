package org.dovelua.lua;

import org.luaj.vm2.LuaValue;

/**
 * Pushing numbers the way Dovecot's C code does. LuaJ has one number type, so an integer and
 * a float with the same value are the same LuaJ value; these helpers keep the call sites honest
 * about which one Dovecot pushes ({@code lua_pushinteger} vs {@code lua_pushnumber}), and the
 * floats Dovecot pushes keep their float text.
 */
public final class LuaNumbers54 {
    private LuaNumbers54() {
    }

    /** {@code lua_pushinteger}. */
    public static LuaValue integer(long v) {
        return LuaValue.valueOf((double) v);
    }

    /**
     * {@code lua_pushnumber}: Dovecot's constants and {@code password_verify} codes are floats, so
     * an integral one prints as {@code 1.0} ({@link org.luaj.vm2.LuaIntegralFloat}).
     */
    public static LuaValue number(double v) {
        if (v == Math.rint(v) && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE && !(v == 0 && 1 / v < 0)) {
            return org.luaj.vm2.LuaIntegralFloat.of((int) v);
        }
        return LuaValue.valueOf(v);
    }
}
