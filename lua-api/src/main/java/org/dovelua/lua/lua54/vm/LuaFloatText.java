package org.dovelua.lua.lua54.vm;

import org.dovelua.lua.gopher.GoNumberText;
import org.dovelua.lua.lua54.CFormat;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * How Lua 5.4 writes a float ({@code tostringbuff} in lobject.c: {@code LUAI_NUMFFORMAT "%.14g"},
 * then {@code ".0"} when the text looks like an integer), for LuaJ's {@code LuaDouble}, which
 * holds every float once {@link LuajPatches} are in: {@code 0.33333333333333}, {@code 1.0},
 * {@code 1e+100}, {@code inf}, {@code -inf}, {@code -nan}.
 */
public final class LuaFloatText {
    private static final double FIXED = 1e14; // below this, %.14g writes an integral value in full

    private LuaFloatText() {
    }

    /**
     * The text of a float, as {@code tostring}, {@code print}, {@code ..} show it; in a gopher-lua
     * state ({@link LuaDialect#GOPHER51}) Go's text of a float64 instead ({@code GoNumberText}).
     */
    public static String tojstring(double v) {
        if (LuaDialect.gopher()) {
            return GoNumberText.format(v);
        }
        String s = g14(v);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '-' && (c < '0' || c > '9')) {
                return s;
            }
        }
        return s + ".0";
    }

    /** {@code "%.14g"} alone, as {@code io.write} and {@code file:write} write a float (liolib.c g_write). */
    public static String g14(double v) {
        if (v == (long) v && Math.abs(v) < FIXED) {
            return v == 0 && Double.doubleToRawLongBits(v) < 0 ? "-0" : Long.toString((long) v);
        }
        if (Double.isNaN(v)) {
            // glibc prints a NaN's sign; amd64's arithmetic makes NaNs with it set (0/0 is -nan)
            return Double.doubleToRawLongBits(v) < 0 ? "-nan" : "nan";
        }
        return CFormat.g(v, 14);
    }

    /**
     * liolib.c {@code g_write}'s view of its arguments: an integer as {@code %d}, a float as
     * {@code %.14g} (no {@code .0}), anything else unchanged.
     */
    public static Varargs writeArgs(Varargs args) {
        int n = args.narg();
        int first = 1;
        while (first <= n && !Lua54Arith.isFloat(args.arg(first))) {
            first++;
        }
        if (first > n) {
            return args; // the usual call, strings only: nothing to copy
        }
        LuaValue[] out = new LuaValue[n];
        for (int i = 0; i < n; i++) {
            LuaValue a = args.arg(i + 1);
            out[i] = Lua54Arith.isFloat(a) ? LuaString.valueOf(g14(a.todouble())) : a;
        }
        return LuaValue.varargsOf(out);
    }
}
