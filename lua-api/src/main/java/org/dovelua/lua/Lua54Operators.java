package org.dovelua.lua;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * The operators {@link Lua54Syntax} rewrites into calls: Lua 5.4's {@code //}, {@code &},
 * {@code |}, {@code ~}, {@code <<}, {@code >>} and unary {@code ~} (lvm.c), with their
 * metamethods and error texts. LuaJ has one number type, so an integral value is taken as an
 * integer (5.4 would keep {@code 7.0 // 2} a float, {@code 3.0}); that is the float-subtype
 * divergence the README lists.
 */
final class Lua54Operators {
    private static final double TWO_63 = 0x1p63;

    private Lua54Operators() {
    }

    /** Installs the helpers in {@code env} under the names the rewritten source calls. */
    static void install(LuaTable env) {
        env.rawset("__dovelua_idiv", new Binary("__idiv", false) {
            @Override
            LuaValue numbers(LuaValue a, LuaValue b) {
                return idiv(a, b);
            }
        });
        env.rawset("__dovelua_band", bitwise("__band", (x, y) -> x & y));
        env.rawset("__dovelua_bor", bitwise("__bor", (x, y) -> x | y));
        env.rawset("__dovelua_bxor", bitwise("__bxor", (x, y) -> x ^ y));
        env.rawset("__dovelua_shl", bitwise("__shl", Lua54Operators::shiftLeft));
        env.rawset("__dovelua_shr", bitwise("__shr", (x, y) -> shiftLeft(x, -y)));
        env.rawset("__dovelua_bnot", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue a) {
                if (a.type() == LuaValue.TNUMBER) {
                    return integer(~toInteger(a));
                }
                LuaValue h = a.metatag(LuaValue.valueOf("__bnot"));
                if (!h.isnil()) {
                    return h.call(a, a);
                }
                throw new LuaError("attempt to perform bitwise operation on a " + a.typename() + " value");
            }
        });
    }

    /** luaV_shiftl(): negative counts shift right, 64 or more give 0; right shifts are logical. */
    static long shiftLeft(long x, long y) {
        if (y < 0) {
            return y <= -64 ? 0 : x >>> -y;
        }
        return y >= 64 ? 0 : x << y;
    }

    /** luaV_idiv() for integers, floor(a/b) for floats; string operands are converted as lstrlib does. */
    static LuaValue idiv(LuaValue a, LuaValue b) {
        if (isInteger(a) && isInteger(b)) {
            long m = (long) a.todouble();
            long n = (long) b.todouble();
            if (n == 0) {
                throw new LuaError("attempt to divide by zero");
            }
            if (n == -1) {
                return integer(-m); // avoids the overflow of mininteger // -1 (wraps, as in C)
            }
            long q = m / n;
            if ((m ^ n) < 0 && m % n != 0) {
                q--;
            }
            return integer(q);
        }
        return LuaValue.valueOf(Math.floor(a.todouble() / b.todouble()));
    }

    /** An integral value in the range of a Lua integer: what 5.4 would hold as an integer. */
    static boolean isInteger(LuaValue v) {
        double d = v.todouble();
        return d == Math.rint(d) && d >= -TWO_63 && d < TWO_63;
    }

    /** luaV_tointegerns() with F2Ieq: integral floats convert, others are an error. */
    static long toInteger(LuaValue v) {
        if (!isInteger(v)) {
            throw new LuaError("number has no integer representation");
        }
        return (long) v.todouble();
    }

    static LuaValue integer(long v) {
        return LuaValue.valueOf((double) v);
    }

    private interface LongOp {
        long apply(long x, long y);
    }

    private static Binary bitwise(String event, LongOp op) {
        return new Binary(event, true) {
            @Override
            LuaValue numbers(LuaValue a, LuaValue b) {
                return integer(op.apply(toInteger(a), toInteger(b)));
            }
        };
    }

    /**
     * luaT_trybinTM(): numbers go to {@link #numbers}; otherwise the first operand's metamethod,
     * then the second's, then 5.4's error for the operand that is not a number.
     */
    private abstract static class Binary extends TwoArgFunction {
        private final LuaValue event;
        private final boolean bitwise;

        Binary(String event, boolean bitwise) {
            this.event = LuaValue.valueOf(event);
            this.bitwise = bitwise;
        }

        abstract LuaValue numbers(LuaValue a, LuaValue b);

        @Override
        public LuaValue call(LuaValue a, LuaValue b) {
            if (a.type() == LuaValue.TNUMBER && b.type() == LuaValue.TNUMBER) {
                return numbers(a, b);
            }
            LuaValue h = a.metatag(event);
            if (h.isnil()) {
                h = b.metatag(event);
            }
            if (!h.isnil()) {
                return h.call(a, b);
            }
            if (!bitwise && isNumeric(a) && isNumeric(b)) {
                // lstrlib's string arithmetic: both operands converted with lua_stringtonumber
                return numbers(a.tonumber(), b.tonumber());
            }
            if (!bitwise && (a.type() == LuaValue.TSTRING || b.type() == LuaValue.TSTRING)) {
                // lstrlib's trymt(): a string operand that is not a numeral
                throw new LuaError("attempt to " + event.tojstring().substring(2) + " a '" + a.typename()
                        + "' with a '" + b.typename() + "'");
            }
            LuaValue bad = a.type() == LuaValue.TNUMBER || (!bitwise && isNumeric(a)) ? b : a;
            throw new LuaError("attempt to perform " + (bitwise ? "bitwise operation" : "arithmetic")
                    + " on a " + bad.typename() + " value");
        }

        private static boolean isNumeric(LuaValue v) {
            return v.type() == LuaValue.TNUMBER || (v.type() == LuaValue.TSTRING && !v.tonumber().isnil());
        }
    }
}
