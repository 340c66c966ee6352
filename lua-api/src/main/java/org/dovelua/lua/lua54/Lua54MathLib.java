package org.dovelua.lua.lua54;

import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.LuaNumbers;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * lmathlib.c's functions where Lua 5.4's differ from LuaJ's: those that keep an integer an
 * integer ({@code abs}, {@code fmod}, {@code max}, {@code min}) or turn a float into one when it
 * fits ({@code floor}, {@code ceil}, {@code modf}), and those 5.2 lacks ({@code type},
 * {@code tointeger}, {@code ult}, {@code maxinteger}, {@code mininteger}, {@code log} with a
 * base, {@code log10}, which Debian's liblua5.4 keeps through LUA_COMPAT_5_3). The rest
 * ({@code sqrt}, {@code sin}, {@code random}, ...) stay LuaJ's, whose results are floats as 5.4's are.
 * Installed over the math table LuaJ's MathLib made.
 */
final class Lua54MathLib extends TwoArgFunction {
    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaValue math = env.get("math");
        math.set("maxinteger", Lua54Arith.integer(Long.MAX_VALUE));
        math.set("mininteger", Lua54Arith.integer(Long.MIN_VALUE));
        math.set("abs", LuaArgs.fn("abs", a -> {
            LuaValue x = a.arg1();
            if (Lua54Arith.isInteger(x)) {
                long n = x.tolong();
                return Lua54Arith.integer(n < 0 ? -n : n); // mininteger stays itself, as 0u - n
            }
            return LuaValue.valueOf(Math.abs(LuaArgs.checkNumber(a, 1, "abs")));
        }));
        math.set("floor", LuaArgs.fn("floor", a -> Lua54Arith.isInteger(a.arg1()) ? a.arg1()
                : numint(Math.floor(LuaArgs.checkNumber(a, 1, "floor")))));
        math.set("ceil", LuaArgs.fn("ceil", a -> Lua54Arith.isInteger(a.arg1()) ? a.arg1()
                : numint(Math.ceil(LuaArgs.checkNumber(a, 1, "ceil")))));
        math.set("fmod", LuaArgs.fn("fmod", Lua54MathLib::fmod));
        math.set("modf", LuaArgs.fn("modf", Lua54MathLib::modf));
        math.set("max", LuaArgs.fn("max", a -> extreme(a, "max", true)));
        math.set("min", LuaArgs.fn("min", a -> extreme(a, "min", false)));
        math.set("frexp", LuaArgs.fn("frexp", a -> frexp(LuaArgs.checkNumber(a, 1, "frexp"))));
        math.set("log10", LuaArgs.fn("log10", a -> LuaValue.valueOf(Math.log10(LuaArgs.checkNumber(a, 1, "log10")))));
        math.set("log", LuaArgs.fn("log", a -> LuaValue.valueOf(log(LuaArgs.checkNumber(a, 1, "log"), a.arg(2)))));
        math.set("type", LuaArgs.fn("type", a -> {
            if (a.narg() == 0) {
                throw LuaArgs.argError(1, "type", "value expected");
            }
            LuaValue x = a.arg1();
            if (x.type() != LuaValue.TNUMBER) {
                return LuaValue.NIL;
            }
            return LuaValue.valueOf(Lua54Arith.isInteger(x) ? "integer" : "float");
        }));
        math.set("tointeger", LuaArgs.fn("tointeger", a -> {
            Long n = LuaNumbers.toInteger(a.arg1());
            if (n != null) {
                return Lua54Arith.integer(n);
            }
            if (a.narg() == 0) {
                throw LuaArgs.argError(1, "tointeger", "value expected");
            }
            return LuaValue.NIL;
        }));
        math.set("ult", LuaArgs.fn("ult", a -> LuaValue.valueOf(
                Long.compareUnsigned(LuaArgs.checkInteger(a, 1, "ult"), LuaArgs.checkInteger(a, 2, "ult")) < 0)));
        return math;
    }

    /** {@code pushnumint}: the float's integer when it has one, else the float. */
    private static LuaValue numint(double d) {
        Long n = Lua54Arith.floatToInteger(d);
        return n != null ? Lua54Arith.integer(n) : LuaValue.valueOf(d);
    }

    /** {@code math_fmod}: C's truncating remainder, for integers without the float detour. */
    private static Varargs fmod(Varargs a) {
        if (Lua54Arith.isInteger(a.arg(1)) && Lua54Arith.isInteger(a.arg(2))) {
            long d = a.arg(2).tolong();
            if (d == 0) {
                throw LuaArgs.argError(2, "fmod", "zero");
            }
            return Lua54Arith.integer(d == -1 ? 0 : a.arg1().tolong() % d);
        }
        return LuaValue.valueOf(LuaArgs.checkNumber(a, 1, "fmod") % LuaArgs.checkNumber(a, 2, "fmod"));
    }

    /** {@code math_modf}: an integer is its own integral part; a float's rounds toward zero. */
    private static Varargs modf(Varargs a) {
        if (Lua54Arith.isInteger(a.arg1())) {
            return LuaValue.varargsOf(a.arg1(), LuaValue.valueOf(0.0));
        }
        double n = LuaArgs.checkNumber(a, 1, "modf");
        double ip = n < 0 ? Math.ceil(n) : Math.floor(n);
        return LuaValue.varargsOf(numint(ip), LuaValue.valueOf(n == ip ? 0.0 : n - ip));
    }

    /** {@code math_max}/{@code math_min}: the argument itself (any type), compared as {@code <} compares. */
    private static Varargs extreme(Varargs a, String fn, boolean max) {
        int n = a.narg();
        if (n < 1) {
            throw LuaArgs.argError(1, fn, "value expected");
        }
        int best = 1;
        for (int i = 2; i <= n; i++) {
            boolean better = max ? a.arg(best).lt_b(a.arg(i)) : a.arg(i).lt_b(a.arg(best));
            if (better) {
                best = i;
            }
        }
        return a.arg(best);
    }

    /** {@code math_frexp} (LUA_COMPAT_MATHLIB): the exponent is an integer. */
    private static Varargs frexp(double x) {
        if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) {
            return LuaValue.varargsOf(LuaValue.valueOf(x), Lua54Arith.integer(0));
        }
        int e = Math.getExponent(x) + 1;
        double m = x / Math.scalb(1.0, e);
        if (Math.abs(m) < 0.5) { // subnormal: getExponent stops at -1023
            while (Math.abs(m) < 0.5) {
                m *= 2;
                e--;
            }
        }
        return LuaValue.varargsOf(LuaValue.valueOf(m), Lua54Arith.integer(e));
    }

    /** lmathlib.c math_log(): LuaJ's ignores the base. log2 and log10 for 2 and 10, as C. */
    static double log(double x, LuaValue base) {
        if (base.isnil()) {
            return Math.log(x);
        }
        double b = base.checkdouble();
        if (b == 2.0) {
            double r = Math.log(x) / Math.log(2);
            double n = Math.rint(r);
            return Math.scalb(1.0, (int) n) == x ? n : r; // exact for powers of two, as log2()
        }
        if (b == 10.0) {
            return Math.log10(x);
        }
        return Math.log(x) / Math.log(b);
    }
}
