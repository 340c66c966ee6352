package org.dovelua.lua.lua54.vm;

import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaNumber;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * A Lua 5.4 integer outside the 32-bit range LuaJ's {@link LuaInteger} holds (lua_Integer is 64
 * bits). LuaJ would make such a value a double; with {@link LuajPatches} installed,
 * {@code LuaInteger.valueOf(long)} makes it one of these instead, so {@code math.maxinteger} is
 * exact, {@code math.maxinteger + 1} wraps to {@code math.mininteger} and 2^53 + 1 prints as
 * itself. Arithmetic goes through {@link Lua54Arith}; comparisons with floats are exact, as
 * lvm.c's {@code LTintfloat} and friends are. Never built for a value that fits an int.
 */
public final class LuaLong extends LuaNumber {
    final long v;

    LuaLong(long v) {
        this.v = v;
    }

    /** The value as a Java long. */
    public long value() {
        return v;
    }

    // ---- conversions: LuaJ's int-typed accessors saturate, so a library index clamps -------------

    private int saturated() {
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : Integer.MIN_VALUE;
    }

    @Override
    public boolean isint() {
        return false;
    }

    @Override
    public boolean isinttype() {
        return false;
    }

    @Override
    public boolean islong() {
        return true;
    }

    @Override
    public byte tobyte() {
        return (byte) v;
    }

    @Override
    public char tochar() {
        return (char) v;
    }

    @Override
    public double todouble() {
        return v;
    }

    @Override
    public float tofloat() {
        return v;
    }

    @Override
    public int toint() {
        return saturated();
    }

    @Override
    public long tolong() {
        return v;
    }

    @Override
    public short toshort() {
        return (short) v;
    }

    @Override
    public double optdouble(double defval) {
        return v;
    }

    @Override
    public int optint(int defval) {
        return saturated();
    }

    @Override
    public LuaInteger optinteger(LuaInteger defval) {
        return LuaInteger.valueOf(saturated());
    }

    @Override
    public long optlong(long defval) {
        return v;
    }

    @Override
    public int checkint() {
        return saturated();
    }

    @Override
    public LuaInteger checkinteger() {
        return LuaInteger.valueOf(saturated());
    }

    @Override
    public long checklong() {
        return v;
    }

    @Override
    public double checkdouble() {
        return v;
    }

    // ---- text ----------------------------------------------------------------------------------

    @Override
    public String tojstring() {
        return Long.toString(v);
    }

    @Override
    public LuaString strvalue() {
        return LuaString.valueOf(tojstring());
    }

    @Override
    public LuaString optstring(LuaString defval) {
        return strvalue();
    }

    @Override
    public LuaValue tostring() {
        return strvalue();
    }

    @Override
    public String optjstring(String defval) {
        return tojstring();
    }

    @Override
    public String checkjstring() {
        return tojstring();
    }

    @Override
    public LuaString checkstring() {
        return strvalue();
    }

    // ---- equality: a key equal to the float with the same value (ltable.c normalises those) ------

    @Override
    public int hashCode() {
        return Long.hashCode(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LuaLong && ((LuaLong) o).v == v;
    }

    @Override
    public LuaValue eq(LuaValue val) {
        return raweq(val) ? TRUE : FALSE;
    }

    @Override
    public boolean eq_b(LuaValue val) {
        return raweq(val);
    }

    @Override
    public boolean raweq(LuaValue val) {
        if (val instanceof LuaLong) {
            return ((LuaLong) val).v == v;
        }
        return val instanceof LuaDouble && Lua54Arith.eqIntFloat(v, val.todouble());
    }

    @Override
    public boolean raweq(double val) {
        return Lua54Arith.eqIntFloat(v, val);
    }

    @Override
    public boolean raweq(int val) {
        return false; // never in int range
    }

    // ---- arithmetic: the VM's entry points go to lvm.c's rules; LuaJ's one-sided forms follow --

    @Override
    public LuaValue neg() {
        return Lua54Arith.integer(-v);
    }

    @Override
    public LuaValue add(LuaValue rhs) {
        return Lua54Arith.add(this, rhs);
    }

    @Override
    public LuaValue sub(LuaValue rhs) {
        return Lua54Arith.sub(this, rhs);
    }

    @Override
    public LuaValue mul(LuaValue rhs) {
        return Lua54Arith.mul(this, rhs);
    }

    @Override
    public LuaValue div(LuaValue rhs) {
        return Lua54Arith.div(this, rhs);
    }

    @Override
    public LuaValue mod(LuaValue rhs) {
        return Lua54Arith.mod(this, rhs);
    }

    @Override
    public LuaValue pow(LuaValue rhs) {
        return Lua54Arith.pow(this, rhs);
    }

    @Override
    public LuaValue add(double lhs) {
        return valueOf(lhs + v);
    }

    @Override
    public LuaValue add(int lhs) {
        return Lua54Arith.integer(lhs + v);
    }

    @Override
    public LuaValue sub(double rhs) {
        return valueOf(v - rhs);
    }

    @Override
    public LuaValue sub(int rhs) {
        return Lua54Arith.integer(v - rhs);
    }

    @Override
    public LuaValue subFrom(double lhs) {
        return valueOf(lhs - v);
    }

    @Override
    public LuaValue subFrom(int lhs) {
        return Lua54Arith.integer(lhs - v);
    }

    @Override
    public LuaValue mul(double lhs) {
        return valueOf(lhs * v);
    }

    @Override
    public LuaValue mul(int lhs) {
        return Lua54Arith.integer(lhs * v);
    }

    @Override
    public LuaValue pow(double rhs) {
        return valueOf(Math.pow(v, rhs));
    }

    @Override
    public LuaValue pow(int rhs) {
        return valueOf(Math.pow(v, rhs));
    }

    @Override
    public LuaValue powWith(double lhs) {
        return valueOf(Math.pow(lhs, v));
    }

    @Override
    public LuaValue powWith(int lhs) {
        return valueOf(Math.pow(lhs, v));
    }

    @Override
    public LuaValue div(double rhs) {
        return valueOf(v / rhs);
    }

    @Override
    public LuaValue div(int rhs) {
        return valueOf(v / (double) rhs);
    }

    @Override
    public LuaValue divInto(double lhs) {
        return valueOf(lhs / v);
    }

    @Override
    public LuaValue mod(double rhs) {
        return valueOf(Lua54Arith.fmod(v, rhs));
    }

    @Override
    public LuaValue mod(int rhs) {
        return Lua54Arith.integer(Lua54Arith.imod(v, rhs));
    }

    @Override
    public LuaValue modFrom(double lhs) {
        return valueOf(Lua54Arith.fmod(lhs, v));
    }

    // ---- order: exact against floats (lvm.c LTintfloat/LEintfloat) ------------------------------

    @Override
    public LuaValue lt(LuaValue rhs) {
        return lt_b(rhs) ? TRUE : FALSE;
    }

    @Override
    public LuaValue lt(double rhs) {
        return lt_b(rhs) ? TRUE : FALSE;
    }

    @Override
    public LuaValue lt(int rhs) {
        return lt_b(rhs) ? TRUE : FALSE;
    }

    @Override
    public boolean lt_b(LuaValue rhs) {
        return Lua54Arith.lt(this, rhs);
    }

    @Override
    public boolean lt_b(int rhs) {
        return v < rhs;
    }

    @Override
    public boolean lt_b(double rhs) {
        return Lua54Arith.ltIntFloat(v, rhs);
    }

    @Override
    public LuaValue lteq(LuaValue rhs) {
        return lteq_b(rhs) ? TRUE : FALSE;
    }

    @Override
    public LuaValue lteq(double rhs) {
        return lteq_b(rhs) ? TRUE : FALSE;
    }

    @Override
    public LuaValue lteq(int rhs) {
        return lteq_b(rhs) ? TRUE : FALSE;
    }

    @Override
    public boolean lteq_b(LuaValue rhs) {
        return Lua54Arith.le(this, rhs);
    }

    @Override
    public boolean lteq_b(int rhs) {
        return v <= rhs;
    }

    @Override
    public boolean lteq_b(double rhs) {
        return Lua54Arith.leIntFloat(v, rhs);
    }

    @Override
    public LuaValue gt(LuaValue rhs) {
        return gt_b(rhs) ? TRUE : FALSE;
    }

    @Override
    public LuaValue gt(double rhs) {
        return gt_b(rhs) ? TRUE : FALSE;
    }

    @Override
    public LuaValue gt(int rhs) {
        return gt_b(rhs) ? TRUE : FALSE;
    }

    @Override
    public boolean gt_b(LuaValue rhs) {
        return Lua54Arith.lt(rhs, this);
    }

    @Override
    public boolean gt_b(int rhs) {
        return v > rhs;
    }

    @Override
    public boolean gt_b(double rhs) {
        return Lua54Arith.ltFloatInt(rhs, v);
    }

    @Override
    public LuaValue gteq(LuaValue rhs) {
        return gteq_b(rhs) ? TRUE : FALSE;
    }

    @Override
    public LuaValue gteq(double rhs) {
        return gteq_b(rhs) ? TRUE : FALSE;
    }

    @Override
    public LuaValue gteq(int rhs) {
        return gteq_b(rhs) ? TRUE : FALSE;
    }

    @Override
    public boolean gteq_b(LuaValue rhs) {
        return Lua54Arith.le(rhs, this);
    }

    @Override
    public boolean gteq_b(int rhs) {
        return v >= rhs;
    }

    @Override
    public boolean gteq_b(double rhs) {
        return Lua54Arith.leFloatInt(rhs, v);
    }

    @Override
    public int strcmp(LuaString rhs) {
        typerror("attempt to compare number with string");
        return 0;
    }
}
