package org.dovelua.lua;

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
            return parse(v.tojstring());
        }
        return null;
    }

    /**
     * {@code lua_tointegerx}: the value as an integer when it has an exact integer representation
     * (5.3+: {@code 1.0} yes, {@code 1.5} no), otherwise null. Hex strings wrap as Lua's do.
     */
    public static Long toInteger(LuaValue v) {
        if (v.type() == LuaValue.TSTRING) {
            Long hex = parseHexInteger(v.tojstring().strip());
            if (hex != null) {
                return hex;
            }
        }
        Double d = toNumber(v);
        if (d == null || d.isNaN() || d.isInfinite() || d != Math.floor(d)) {
            return null;
        }
        if (d < -9.223372036854775808E18 || d >= 9.223372036854775808E18) {
            return null;
        }
        return d.longValue();
    }

    /** {@code lua_tointeger}: like {@link #toInteger} but 0 where that gives null. */
    public static long toIntegerOrZero(LuaValue v) {
        Long n = toInteger(v);
        return n == null ? 0 : n;
    }

    private static Long parseHexInteger(String s) {
        boolean neg = false;
        String t = s;
        if (t.startsWith("-")) {
            neg = true;
            t = t.substring(1);
        }
        if (!(t.startsWith("0x") || t.startsWith("0X")) || t.length() == 2) {
            return null;
        }
        long r = 0;
        for (int i = 2; i < t.length(); i++) {
            int d = Character.digit(t.charAt(i), 16);
            if (d < 0) {
                return null;
            }
            r = r * 16 + d; // wraps around, as l_str2int does
        }
        return neg ? -r : r;
    }

    /** {@code lua_stringtonumber}: decimal and hex numerals with surrounding whitespace. */
    static Double parse(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return null;
        }
        Long hex = parseHexInteger(t);
        if (hex != null) {
            return hex.doubleValue();
        }
        String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        if (body.startsWith("0x") || body.startsWith("0X")) {
            try {
                String h = body.substring(2);
                double d = Double.parseDouble("0x" + (h.contains("p") || h.contains("P") ? h : h + "p0"));
                return t.startsWith("-") ? -d : d;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        // Java accepts forms Lua rejects ("1d", "Infinity", "NaN"); keep to Lua's digits.
        if (!body.matches("(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null;
        }
        return Double.parseDouble(t);
    }
}
