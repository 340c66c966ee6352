package org.dovelua.lua.lua54;

import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * The operators {@link Lua54Syntax} rewrites into calls: Lua 5.4's {@code //}, {@code &},
 * {@code |}, {@code ~}, {@code <<}, {@code >>} and unary {@code ~} (lvm.c), with their
 * metamethods and error texts. The numbers themselves are {@link Lua54Arith}'s: {@code //} of two
 * integers is an integer, of a float a float; bitwise operators take floats with an exact integer
 * value.
 */
final class Lua54Operators {
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
                    return Lua54Arith.integer(~toInteger(a));
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

    /** {@code //}: luaV_idiv() for integers, floor(a/b) for floats. */
    static LuaValue idiv(LuaValue a, LuaValue b) {
        return Lua54Arith.numbers(Lua54Arith.IDIV, a, b);
    }

    /** luaV_tointegerns() with F2Ieq: integers, and floats with an integral value; others are an error. */
    static long toInteger(LuaValue v) {
        Long n = v.type() == LuaValue.TNUMBER ? Lua54Arith.toInteger(v) : null;
        if (n == null) {
            throw new LuaError("number has no integer representation");
        }
        return n;
    }

    private interface LongOp {
        long apply(long x, long y);
    }

    private static Binary bitwise(String event, LongOp op) {
        return new Binary(event, true) {
            @Override
            LuaValue numbers(LuaValue a, LuaValue b) {
                return Lua54Arith.integer(op.apply(toInteger(a), toInteger(b)));
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
