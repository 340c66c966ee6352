package org.dovelua.lua.lua54.vm;

import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaNumber;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * Lua 5.4's two number subtypes on LuaJ's values: integers are {@link LuaInteger} (32 bits) and
 * {@link LuaLong} (the rest of lua_Integer's 64 bits), floats are {@link LuaDouble}, integral or
 * not. {@link LuajPatches} routes LuaJ's arithmetic entry points here, so the rules are lvm.c's
 * and lobject.c's {@code luaO_rawarith}: integer operands give an integer (wrapping on overflow),
 * any float operand gives a float, {@code /} and {@code ^} always give a float, {@code %} and
 * {@code //} floor, and a string operand is converted as lstrlib.c's arithmetic metamethods
 * convert it ({@code "10" + 1} is the integer 11). Also here: exact integer/float comparison,
 * the table-key normalisation of integral floats (ltable.c), and the numeric {@code for} loop's
 * zero-step and overflow rules.
 */
public final class Lua54Arith {
    static final int ADD = 0;
    static final int SUB = 1;
    static final int MUL = 2;
    static final int DIV = 3;
    static final int MOD = 4;
    static final int POW = 5;
    public static final int IDIV = 6;
    private static final LuaString[] EVENTS = {LuaValue.ADD, LuaValue.SUB, LuaValue.MUL, LuaValue.DIV,
        LuaValue.MOD, LuaValue.POW, LuaValue.valueOf("__idiv")};
    private static final double TWO_63 = 0x1p63;

    private Lua54Arith() {
    }

    // ---- values ---------------------------------------------------------------------------------

    /** {@code lua_pushinteger}: a LuaInteger when it fits 32 bits, else a {@link LuaLong}. */
    public static LuaNumber integer(long v) {
        int i = (int) v;
        return i == v ? LuaInteger.valueOf(i) : new LuaLong(v);
    }

    /** {@code lua_pushnumber}: a float, integral or not (LuaJ's folding is patched away). */
    public static LuaValue number(double v) {
        return LuaValue.valueOf(v);
    }

    /** {@code ttisinteger}. */
    public static boolean isInteger(LuaValue v) {
        return v instanceof LuaInteger || v instanceof LuaLong;
    }

    /** {@code ttisfloat}. */
    public static boolean isFloat(LuaValue v) {
        return v instanceof LuaDouble;
    }

    /** {@code luaV_flttointns(F2Ieq)}: the float's integer value when it has one, else null. */
    public static Long floatToInteger(double d) {
        if (d == Math.rint(d) && d >= -TWO_63 && d < TWO_63) {
            return (long) d;
        }
        return null;
    }

    /**
     * LuaJ's {@code LuaDouble.checklong()} (and {@code optlong}) once patched: a float argument
     * where a library function takes an integer must have an exact integer value, as
     * {@code luaL_checkinteger} wants; LuaJ truncated {@code string.sub(s, 1.5)} to 1.
     */
    public static long floatChecklong(double v) {
        Long n = floatToInteger(v);
        if (n == null) {
            if (LuaDialect.gopher()) {
                return (long) v; // gopher-lua auxlib.go CheckInt/CheckInt64: int(LNumber), truncated
            }
            throw new LuaError("number has no integer representation");
        }
        return n;
    }

    /** {@link #floatChecklong}, clamped to an int as {@link LuaLong} clamps (an index past the end stays past it). */
    public static int floatCheckint(double v) {
        long n = floatChecklong(v);
        return n > Integer.MAX_VALUE ? Integer.MAX_VALUE : n < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) n;
    }

    /** {@code Varargs.checkint(i)} once patched: the number argument as an int, floats checked. */
    public static int checkint(LuaValue n) {
        return n instanceof LuaDouble ? floatCheckint(n.todouble()) : n.toint();
    }

    /** {@code Varargs.checklong(i)} once patched. */
    public static long checklong(LuaValue n) {
        return n instanceof LuaDouble ? floatChecklong(n.todouble()) : n.tolong();
    }

    /**
     * {@code luaV_tointeger(F2Ieq)}: integers, floats with an exact integer value, and strings
     * that convert to either; null otherwise.
     */
    public static Long toInteger(LuaValue v) {
        if (v instanceof LuaInteger) {
            return (long) ((LuaInteger) v).v;
        }
        if (v instanceof LuaLong) {
            return ((LuaLong) v).v;
        }
        if (v.type() == LuaValue.TNUMBER) {
            return floatToInteger(v.todouble());
        }
        if (v.type() == LuaValue.TSTRING) {
            LuaValue n = Lua54Numerals.tonumber(v.checkstring());
            return n.isnil() ? null : toInteger(n);
        }
        return null;
    }

    // ---- arithmetic (lvm.c, lobject.c luaO_rawarith) ----------------------------------------------

    public static LuaValue add(LuaValue a, LuaValue b) {
        if (a instanceof LuaInteger && b instanceof LuaInteger) {
            return integer((long) ((LuaInteger) a).v + ((LuaInteger) b).v);
        }
        return arith(ADD, a, b);
    }

    public static LuaValue sub(LuaValue a, LuaValue b) {
        if (a instanceof LuaInteger && b instanceof LuaInteger) {
            return integer((long) ((LuaInteger) a).v - ((LuaInteger) b).v);
        }
        return arith(SUB, a, b);
    }

    public static LuaValue mul(LuaValue a, LuaValue b) {
        if (a instanceof LuaInteger && b instanceof LuaInteger) {
            return integer((long) ((LuaInteger) a).v * ((LuaInteger) b).v);
        }
        return arith(MUL, a, b);
    }

    public static LuaValue div(LuaValue a, LuaValue b) {
        return arith(DIV, a, b);
    }

    public static LuaValue mod(LuaValue a, LuaValue b) {
        return arith(MOD, a, b);
    }

    public static LuaValue pow(LuaValue a, LuaValue b) {
        return arith(POW, a, b);
    }

    public static LuaValue idiv(LuaValue a, LuaValue b) {
        return arith(IDIV, a, b);
    }

    /**
     * Unary minus of a string (LuaJ's {@code LuaString.neg()} once patched): lstrlib.c's
     * {@code __unm}, which converts the string, or fails as its {@code trymt} does.
     */
    public static LuaValue unm(LuaValue a) {
        LuaValue x = tonum(a);
        if (x == null) {
            throw new LuaError("attempt to unm a '" + a.typename() + "' with a '" + a.typename() + "'");
        }
        return isInteger(x) ? integer(-x.tolong()) : LuaValue.valueOf(-x.todouble());
    }

    /**
     * {@code luaT_trybinTM} after the numbers: a number or numeric string on both sides is
     * computed, otherwise the first operand's metamethod, then the second's.
     */
    static LuaValue arith(int op, LuaValue a, LuaValue b) {
        LuaValue x = tonum(a);
        LuaValue y = x == null ? null : tonum(b);
        if (x != null && y != null) {
            return numbers(op, x, y);
        }
        LuaString event = EVENTS[op];
        LuaValue h = a.type() == LuaValue.TSTRING ? LuaValue.NIL : a.metatag(event);
        if (h.isnil() && b.type() != LuaValue.TSTRING) {
            h = b.metatag(event);
        }
        if (!h.isnil()) {
            return h.call(a, b);
        }
        if (a.type() == LuaValue.TSTRING || b.type() == LuaValue.TSTRING) {
            // lstrlib.c trymt(): the string metamethod found no number and no other metamethod
            throw new LuaError("attempt to " + event.tojstring().substring(2) + " a '" + a.typename()
                    + "' with a '" + b.typename() + "'");
        }
        // LuaJ's wording, which LuaVmErrors turns into 5.4's with the variable's name
        throw new LuaError("attempt to perform arithmetic " + event + " on " + a.typename() + " and "
                + b.typename());
    }

    /** A number as it is, a string as lstrlib.c's {@code tonum} converts it, else null. */
    private static LuaValue tonum(LuaValue v) {
        if (v.type() == LuaValue.TNUMBER) {
            return v;
        }
        if (v.type() == LuaValue.TSTRING) {
            LuaValue n = Lua54Numerals.tonumber(v.checkstring());
            return n.isnil() ? null : n;
        }
        return null;
    }

    /** {@code luaO_rawarith} for two numbers. */
    public static LuaValue numbers(int op, LuaValue x, LuaValue y) {
        if (op != DIV && op != POW && isInteger(x) && isInteger(y)) {
            long m = x.tolong();
            long n = y.tolong();
            switch (op) {
                case ADD:
                    return integer(m + n);
                case SUB:
                    return integer(m - n);
                case MUL:
                    return integer(m * n);
                case MOD:
                    if (n == 0) {
                        if (LuaDialect.gopher()) {
                            return LuaValue.valueOf(fmod(m, n)); // gopher-lua vm.go luaModulo: math.Mod, NaN
                        }
                        throw new LuaError("attempt to perform 'n%0'"); // luaV_mod's "'n%%0'" as luaG_runerror formats it
                    }
                    return integer(imod(m, n));
                default:
                    if (n == 0) {
                        if (LuaDialect.gopher()) {
                            return LuaValue.valueOf(Math.floor((double) m / n)); // no // in 5.1; float semantics
                        }
                        throw new LuaError("attempt to divide by zero"); // 5.4.4's luaV_idiv
                    }
                    return integer(idiv(m, n));
            }
        }
        double m = x.todouble();
        double n = y.todouble();
        switch (op) {
            case ADD:
                return LuaValue.valueOf(m + n);
            case SUB:
                return LuaValue.valueOf(m - n);
            case MUL:
                return LuaValue.valueOf(m * n);
            case DIV:
                return LuaValue.valueOf(m / n);
            case MOD:
                return LuaValue.valueOf(fmod(m, n));
            case POW:
                return LuaValue.valueOf(n == 2 ? m * m : Math.pow(m, n)); // luai_numpow
            default:
                return LuaValue.valueOf(Math.floor(m / n)); // luai_numidiv
        }
    }

    /** {@code luaV_mod} for integers, {@code n != 0}: the remainder takes the divisor's sign. */
    static long imod(long m, long n) {
        if (n == -1) {
            return 0; // avoids the overflow of mininteger % -1
        }
        long r = m % n;
        return r != 0 && (r ^ n) < 0 ? r + n : r;
    }

    /** {@code luaV_idiv} for integers, {@code n != 0}: floor division. */
    static long idiv(long m, long n) {
        if (n == -1) {
            return -m; // wraps for mininteger, as C's unsigned negation
        }
        long q = m / n;
        return (m ^ n) < 0 && m % n != 0 ? q - 1 : q;
    }

    /** {@code luai_nummod}: C's fmod, then the divisor's sign. */
    static double fmod(double a, double b) {
        double m = a % b;
        if (m > 0 ? b < 0 : (m < 0 && b > 0)) {
            m += b;
        }
        return m;
    }

    // ---- order (lvm.c luaV_lessthan, luaV_lessequal) ---------------------------------------------

    /** {@code a < b}: numbers exactly, strings by their bytes, else {@code __lt}, else 5.4's error. */
    public static boolean lt(LuaValue a, LuaValue b) {
        if (a.type() == LuaValue.TNUMBER && b.type() == LuaValue.TNUMBER) {
            if (isInteger(a)) {
                return isInteger(b) ? a.tolong() < b.tolong() : ltIntFloat(a.tolong(), b.todouble());
            }
            return isInteger(b) ? ltFloatInt(a.todouble(), b.tolong()) : a.todouble() < b.todouble();
        }
        if (a.type() == LuaValue.TSTRING && b.type() == LuaValue.TSTRING) {
            return a.strcmp((LuaString) b) < 0;
        }
        return orderTM(a, b, LuaValue.LT);
    }

    /** {@code a <= b}, as {@link #lt}; 5.4 no longer tries {@code not (b < a)}. */
    public static boolean le(LuaValue a, LuaValue b) {
        if (a.type() == LuaValue.TNUMBER && b.type() == LuaValue.TNUMBER) {
            if (isInteger(a)) {
                return isInteger(b) ? a.tolong() <= b.tolong() : leIntFloat(a.tolong(), b.todouble());
            }
            return isInteger(b) ? leFloatInt(a.todouble(), b.tolong()) : a.todouble() <= b.todouble();
        }
        if (a.type() == LuaValue.TSTRING && b.type() == LuaValue.TSTRING) {
            return a.strcmp((LuaString) b) <= 0;
        }
        return orderTM(a, b, LuaValue.LE);
    }

    /** {@code luaT_callorderTM}: the first operand's metamethod, then the second's; else {@code luaG_ordererror}. */
    private static boolean orderTM(LuaValue a, LuaValue b, LuaString event) {
        LuaValue h = a.metatag(event);
        if (h.isnil()) {
            h = b.metatag(event);
        }
        if (!h.isnil()) {
            return h.call(a, b).toboolean();
        }
        String t1 = a.typename();
        String t2 = b.typename();
        throw new LuaError(t1.equals(t2) ? "attempt to compare two " + t1 + " values"
                : "attempt to compare " + t1 + " with " + t2);
    }

    // ---- exact comparison of an integer with a float (lvm.c) ---------------------------------

    /** {@code luai_numeq} of an integer and a float, without rounding the integer. */
    static boolean eqIntFloat(long i, double f) {
        Long fi = floatToInteger(f);
        return fi != null && fi == i;
    }

    /** {@code LTintfloat}: i < f. */
    static boolean ltIntFloat(long i, double f) {
        return intBelowFloat(i, f, true);
    }

    /** {@code LEintfloat}: i <= f. */
    static boolean leIntFloat(long i, double f) {
        return intBelowFloat(i, f, false);
    }

    /**
     * i < f ({@code strict}) or i <= f, without rounding i to a double: within the integers' range
     * i < f is i < ceil(f) and i <= f is i <= floor(f), both exact in a long.
     */
    private static boolean intBelowFloat(long i, double f, boolean strict) {
        if (Double.isNaN(f) || f < -TWO_63) {
            return false;
        }
        if (f >= TWO_63) {
            return true;
        }
        return strict ? i < (long) Math.ceil(f) : i <= (long) Math.floor(f);
    }

    /** {@code LTfloatint}: f < i, which for a number is not i <= f. */
    static boolean ltFloatInt(double f, long i) {
        return !Double.isNaN(f) && !leIntFloat(i, f);
    }

    /** {@code LEfloatint}: f <= i, which for a number is not i < f. */
    static boolean leFloatInt(double f, long i) {
        return !Double.isNaN(f) && !ltIntFloat(i, f);
    }

    // ---- table keys (ltable.c: a float key with an integer value is that integer) ---------------

    /** LuaDouble's hash once patched: an integral float hashes as the integer with its value. */
    public static int floatHash(double v) {
        Long i = floatToInteger(v);
        if (i != null) {
            long l = i;
            return l == (int) l ? (int) l : Long.hashCode(l);
        }
        long bits = Double.doubleToLongBits(v + 1); // LuaJ's own hash for other floats
        return ((int) (bits >> 32)) + (int) bits;
    }

    /**
     * {@code LuaValue.isinttype()} once patched: true for an integral float in int range too, so
     * LuaJ's table finds {@code t[1.0]} where {@code t[1]} is. LuaInteger answers true itself.
     */
    public static boolean isIntKey(LuaValue v) {
        if (v instanceof LuaDouble) {
            double d = v.todouble();
            return d == (int) d;
        }
        return false;
    }

    /** The key a table stores: an integral float becomes its integer (what {@code next} returns). */
    public static LuaValue normalizeKey(LuaValue key) {
        if (key instanceof LuaDouble) {
            Long i = floatToInteger(key.todouble());
            if (i != null) {
                return integer(i);
            }
        }
        return key;
    }

    // ---- the numeric for loop (lvm.c forprep) -----------------------------------------------------

    /**
     * OP_FORPREP, where LuaJ stores {@code init - step} for OP_FORLOOP to add the step back: 5.4's
     * {@code 'for' step is zero} check, then a marker holding {@code init} itself, so the first
     * value is exactly {@code init} (no float rounding, no wrap of {@code mininteger - 1}).
     */
    public static LuaValue forPrep(LuaValue init, LuaValue step) {
        if (step.type() == LuaValue.TNUMBER && step.todouble() == 0) {
            throw new LuaError("'for' step is zero");
        }
        return new ForStart(init, step);
    }

    /**
     * OP_FORLOOP's {@code step + i}: the loop's first value, then each next. An integer loop that
     * would pass math.maxinteger (or mininteger) ends, as 5.4 counts its iterations in advance;
     * NaN fails the loop's test.
     */
    public static LuaValue forStep(LuaValue step, LuaValue i) {
        if (i instanceof ForStart) {
            return ((ForStart) i).first();
        }
        if (isInteger(step) && isInteger(i)) {
            long s = step.tolong();
            long p = i.tolong();
            long r = s + p;
            if (((p ^ r) & (s ^ r)) < 0) {
                return LuaDouble.NAN;
            }
            return integer(r);
        }
        return step.add(i);
    }

    /**
     * The for loop's hidden counter before its first step (lvm.c forprep): an integer loop when
     * init and step are integers, else a float one ({@code for i = 1, 2, 0.5} counts 1.0, 1.5, 2.0).
     */
    private static final class ForStart extends LuaValue {
        private final LuaValue init;
        private final LuaValue step;

        ForStart(LuaValue init, LuaValue step) {
            this.init = init;
            this.step = step;
        }

        /** OP_FORPREP checked both with checknumber(), so they are numbers here. */
        LuaValue first() {
            return isInteger(init) && isInteger(step) ? init : LuaValue.valueOf(init.todouble());
        }

        @Override
        public int type() {
            return init.type();
        }

        @Override
        public String typename() {
            return init.typename();
        }

        @Override
        public String tojstring() {
            return init.tojstring(); // debug.getlocal's "(for index)" sees the start
        }
    }
}
