package org.dovelua.lua;

/**
 * How Lua 5.4 writes a float ({@code lua_Number2str}, {@code LUAI_NUMFFORMAT "%.14g"} in
 * luaconf.h), for the values LuaJ keeps as {@code LuaDouble}: {@code 0.33333333333333},
 * {@code 1e+100}, {@code inf}, {@code -inf}. An integral value that fits a 64-bit integer keeps
 * its integer text: LuaJ cannot tell {@code os.time()} from {@code 2.0^40}, and integers are what
 * auth scripts mostly hold (the float-subtype divergence the README lists).
 */
public final class LuaFloatText {
    private LuaFloatText() {
    }

    /** The text of a LuaJ double, as {@code tostring}, {@code print}, {@code ..} show it. */
    public static String tojstring(double v) {
        long l = (long) v;
        if (l == v) {
            // (long) saturates, so 2^63 reads as math.maxinteger, which LuaJ holds as that double
            return Long.toString(l);
        }
        if (Double.isNaN(v)) {
            // glibc prints the sign of a NaN; x86's default NaN (0/0) has it set and the JVM's
            // has not, so the sign is read inverted: 0/0 is "-nan", -(0/0) is "nan", as on amd64
            return Double.doubleToRawLongBits(v) < 0 ? "nan" : "-nan";
        }
        return CFormat.g(v, 14);
    }
}
