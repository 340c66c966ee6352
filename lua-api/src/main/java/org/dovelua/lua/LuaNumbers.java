package org.dovelua.lua;

import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.dovelua.lua.lua54.vm.Lua54Numerals;
import org.luaj.vm2.LuaValue;

/**
 * The C API's number predicates as Lua 5.3/5.4 define them, which Dovecot uses to read return
 * values: {@code lua_isnumber} (a number, or a string that converts to one) and
 * {@code lua_tointegerx} (only values with an exact integer representation).
 */
public final class LuaNumbers {
    private LuaNumbers() {
    }

    /** {@code lua_isnumber}. */
    public static boolean isNumber(LuaValue v) {
        return toNumber(v) != null;
    }

    /** {@code lua_tonumberx}: the value as a double, or null. Strings follow {@code lua_stringtonumber}. */
    public static Double toNumber(LuaValue v) {
        if (v.type() == LuaValue.TNUMBER) {
            return v.todouble();
        }
        if (v.type() == LuaValue.TSTRING) {
            LuaValue n = Lua54Numerals.tonumber(v.checkstring());
            return n.isnil() ? null : n.todouble();
        }
        return null;
    }

    /**
     * {@code lua_tointegerx}: the value as an integer when it has an exact integer representation
     * (5.3+: {@code 1.0} yes, {@code 1.5} no), otherwise null. Hex strings wrap as Lua's do.
     */
    public static Long toInteger(LuaValue v) {
        return Lua54Arith.toInteger(v);
    }

    /** {@code lua_isinteger}: an integer-typed number (not a float, not a string). */
    public static boolean isInteger(LuaValue v) {
        return Lua54Arith.isInteger(v);
    }

    /** {@code lua_tointeger}: like {@link #toInteger} but 0 where that gives null. */
    public static long toIntegerOrZero(LuaValue v) {
        Long n = toInteger(v);
        return n == null ? 0 : n;
    }
}
