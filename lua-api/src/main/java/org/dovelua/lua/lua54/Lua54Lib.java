package org.dovelua.lua.lua54;

import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * What Lua 5.4's standard library has and LuaJ 3.0.1's (Lua 5.2) lacks, installed over the
 * standard globals: the operator helpers {@link Lua54Syntax} calls (in the string metatable's
 * {@code __index}), the math functions of {@link Lua54MathLib}, an integer {@code os.time}, {@code utf8},
 * {@code string.pack}/{@code unpack}/{@code packsize}, {@code string.format} with C's printf,
 * {@code table.move}, {@code string.rep} with a
 * separator, and {@code _VERSION}; and takes away LuaJ's {@code bit32}, which 5.4 does not have.
 * Load it after the string, table and math libraries it extends.
 */
public final class Lua54Lib extends TwoArgFunction {
    /** The largest string {@code string.rep} builds; Lua's limit is memory, the JVM's an array. */
    private static final long MAX_STRING = Integer.MAX_VALUE - 16;

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable g = (LuaTable) env;
        LuaValue strings = stringMetatable();
        if (strings == null || !strings.get(LuaValue.INDEX).istable()) {
            throw new IllegalStateException("Lua54Lib needs the string library loaded first");
        }
        Lua54Operators.install((LuaTable) strings.get(LuaValue.INDEX));
        g.load(new Lua54MathLib());
        g.set("collectgarbage", Lua54GcLib.over(g.get("collectgarbage")));
        wrapOsTime(g.get("os"));
        g.get("table").set("move", LuaArgs.fn("move", Lua54Lib::move));
        g.get("table").set("insert", LuaArgs.fn("insert", Lua54Lib::insert));
        g.get("table").set("concat", LuaArgs.fn("concat", Lua54Lib::concat));
        g.get("table").set("unpack", LuaArgs.fn("unpack", Lua54Lib::unpack));
        g.get("table").set("remove", LuaArgs.fn("remove", Lua54Lib::remove));
        g.set("select", LuaArgs.fn("select", Lua54Lib::select));
        // luaL_tolstring with __name; print goes through the global tostring, so it follows
        g.set("tostring", LuaArgs.fn("tostring", a -> {
            if (a.narg() == 0) {
                throw LuaArgs.argError(1, "tostring", "value expected");
            }
            return Lua54ToString.tolstring(a.arg1());
        }));
        LuaValue running = g.get("coroutine").get("running");
        // lcorolib.c luaB_yieldable(): a coroutine can yield, the main thread cannot
        g.get("coroutine").set("isyieldable", LuaArgs.fn("isyieldable",
                a -> LuaValue.valueOf(!running.invoke().arg(2).toboolean())));
        stringFunction(g, "rep", LuaArgs.fn("rep", Lua54Lib::rep));
        LuaValue dump = g.get("string").get("dump");
        stringFunction(g, "dump", LuaArgs.fn("dump", a -> {
            if (a.arg1().isfunction() && !a.arg1().isclosure()) {
                // lstrlib.c str_dump: lua_dump fails on a C function (LuaJ's own casts it and throws)
                throw LuaArgs.error("unable to dump given function");
            }
            return dump.invoke(a);
        }));
        stringFunction(g, "format", LuaArgs.fn("format", StringFormat::format));
        stringFunction(g, "pack", LuaArgs.fn("pack", StringPack::pack));
        stringFunction(g, "unpack", LuaArgs.fn("unpack", StringPack::unpack));
        stringFunction(g, "packsize", LuaArgs.fn("packsize", StringPack::packsize));
        g.load(new Utf8Lib());
        g.set("_VERSION", "Lua 5.4");
        g.set("bit32", LuaValue.NIL);
        if (!g.get("package").isnil()) {
            g.get("package").get("loaded").set("bit32", LuaValue.NIL);
        }
        return g;
    }

    /**
     * {@code os.time} gives whole seconds as an integer ({@code time(NULL)}, {@code l_pushtime});
     * LuaJ's gives milliseconds as a float.
     */
    private static void wrapOsTime(LuaValue os) {
        LuaValue time = os.get("time");
        if (time.isfunction()) {
            os.set("time", LuaArgs.fn("time", a -> {
                LuaValue t = time.invoke(a).arg1();
                return t.type() == LuaValue.TNUMBER ? Lua54Arith.integer((long) Math.floor(t.todouble())) : t;
            }));
        }
    }

    /** Sets string.name, and the same in the string metatable's __index. */
    private static void stringFunction(LuaTable g, String name, LuaValue f) {
        g.get("string").set(name, f);
        // ("x"):rep(...) looks in the string metatable's __index, this state's string table
        LuaValue strings = stringMetatable();
        if (strings != null && strings.get(LuaValue.INDEX).istable()) {
            strings.get(LuaValue.INDEX).rawset(name, f);
        }
    }

    /** This state's string metatable (the patched getmetatable() asks TypeMetatables). */
    private static LuaValue stringMetatable() {
        return LuaValue.EMPTYSTRING.getmetatable();
    }

    /** ltablib.c tinsert(): 5.4 checks the position, LuaJ's does not. */
    private static Varargs insert(Varargs a) {
        checkTable(a, 1, "insert");
        LuaValue t = a.arg1();
        long e = t.len().tolong() + 1; // first empty element
        long pos;
        switch (a.narg()) {
            case 2 -> pos = e;
            case 3 -> {
                pos = LuaArgs.checkInteger(a, 2, "insert");
                if (Long.compareUnsigned(pos - 1, e) >= 0) {
                    throw LuaArgs.argError(2, "insert", "position out of bounds");
                }
                for (long i = e; i > pos; i--) {
                    t.set(Lua54Arith.integer(i), t.get(Lua54Arith.integer(i - 1)));
                }
            }
            default -> throw LuaArgs.positioned("wrong number of arguments to 'insert'");
        }
        t.set(Lua54Arith.integer(pos), a.arg(a.narg()));
        return LuaValue.NONE;
    }

    /** Lua 5.4's stack limit (LUAI_MAXSTACK): no call returns more values than this. */
    private static final long MAX_RESULTS = 1_000_000;

    /**
     * ltablib.c tunpack(): a range that cannot fit on the stack is "too many results to unpack"
     * (LuaJ's tried to build it, and a huge range ran into the time limit).
     */
    private static Varargs unpack(Varargs a) {
        LuaValue t = a.arg1();
        long i = a.arg(2).isnil() ? 1 : LuaArgs.checkInteger(a, 2, "unpack");
        long e = a.arg(3).isnil() ? t.len().tolong() : LuaArgs.checkInteger(a, 3, "unpack");
        if (i > e) {
            return LuaValue.NONE;
        }
        long n = e - i; // elements minus one, as an unsigned count (lua_Unsigned)
        // lua_checkstack(L, n + 1) fails once the stack in use plus n passes LUAI_MAXSTACK
        if (Long.compareUnsigned(n, MAX_RESULTS - 64) >= 0) {
            throw LuaArgs.positioned("too many results to unpack");
        }
        LuaValue[] out = new LuaValue[(int) n + 1];
        for (int k = 0; k <= n; k++) {
            out[k] = t.get(Lua54Arith.integer(i + k));
        }
        return LuaValue.varargsOf(out);
    }

    /** ltablib.c tremove(): a given position must be in [1, #t + 1]; LuaJ's did not check. */
    private static Varargs remove(Varargs a) {
        checkTable(a, 1, "remove");
        LuaValue t = a.arg1();
        long size = t.len().tolong();
        long pos = a.arg(2).isnil() ? size : LuaArgs.checkInteger(a, 2, "remove");
        if (pos != size && Long.compareUnsigned(pos - 1, size) > 0) {
            // lua5.4 (5.4.4, Debian) numbers this argument #1
            throw LuaArgs.argError(1, "remove", "position out of bounds");
        }
        LuaValue result = t.get(Lua54Arith.integer(pos));
        for (; pos < size; pos++) {
            t.set(Lua54Arith.integer(pos), t.get(Lua54Arith.integer(pos + 1)));
        }
        t.set(Lua54Arith.integer(pos), LuaValue.NIL);
        return result;
    }

    /** lbaselib.c luaB_select(): an index past the arguments gives nothing (LuaJ's overflowed). */
    private static Varargs select(Varargs a) {
        int n = a.narg();
        if (a.arg1().type() == LuaValue.TSTRING && a.arg1().tojstring().startsWith("#")) {
            return Lua54Arith.integer(n - 1);
        }
        long i = LuaArgs.checkInteger(a, 1, "select");
        if (i < 0) {
            i = n + i;
        } else if (i > n) {
            i = n;
        }
        if (i < 1) {
            throw LuaArgs.argError(1, "select", "index out of range");
        }
        return a.subargs((int) i + 1);
    }

    /** ltablib.c tconcat(): through __index and __len, with 5.4's (5.4.4's) error text. */
    private static Varargs concat(Varargs a) {
        checkTable(a, 1, "concat");
        LuaValue t = a.arg1();
        LuaString sep = a.arg(2).isnil() ? LuaValue.valueOf("") : checkLuaString(a, 2, "concat");
        long i = a.arg(3).isnil() ? 1 : LuaArgs.checkInteger(a, 3, "concat");
        long last = a.arg(4).isnil() ? t.len().tolong() : LuaArgs.checkInteger(a, 4, "concat");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (; i <= last; i++) {
            LuaValue v = t.get(Lua54Arith.integer(i));
            if (!v.isstring()) {
                throw LuaArgs.positioned("invalid value (" + v.typename() + ") at index " + i
                        + " in table for 'concat'");
            }
            LuaString s = v.strvalue();
            byte[] b = new byte[s.length()];
            s.copyInto(0, b, 0, b.length);
            out.write(b, 0, b.length);
            if (i != last) {
                byte[] sb = new byte[sep.length()];
                sep.copyInto(0, sb, 0, sb.length);
                out.write(sb, 0, sb.length);
            }
            if (i == Long.MAX_VALUE) {
                break;
            }
        }
        return LuaValue.valueOf(out.toByteArray());
    }

    /** ltablib.c tmove(). */
    private static Varargs move(Varargs a) {
        long f = LuaArgs.checkInteger(a, 2, "move");
        long e = LuaArgs.checkInteger(a, 3, "move");
        long t = LuaArgs.checkInteger(a, 4, "move");
        int tt = a.arg(5).isnil() ? 1 : 5;
        checkTable(a, 1, "move");
        checkTable(a, tt, "move");
        LuaValue src = a.arg1();
        LuaValue dst = a.arg(tt);
        if (e >= f) {
            if (!(f > 0 || e < Long.MAX_VALUE + f)) {
                throw LuaArgs.argError(3, "move", "too many elements to move");
            }
            long n = e - f + 1;
            if (!(t <= Long.MAX_VALUE - n + 1)) {
                throw LuaArgs.argError(4, "move", "destination wrap around");
            }
            if (t > e || t <= f || (tt != 1 && !src.eq_b(dst))) {
                for (long i = 0; i < n; i++) {
                    dst.set(Lua54Arith.integer(t + i), src.get(Lua54Arith.integer(f + i)));
                }
            } else {
                for (long i = n - 1; i >= 0; i--) {
                    dst.set(Lua54Arith.integer(t + i), src.get(Lua54Arith.integer(f + i)));
                }
            }
        }
        return dst;
    }

    /** ltablib.c checktab(): a table, or a value whose metatable gives the needed access. */
    private static void checkTable(Varargs a, int i, String fn) {
        LuaValue v = a.arg(i);
        if (v.istable()) {
            return;
        }
        LuaValue mt = v.getmetatable();
        if (mt != null && !mt.get(LuaValue.INDEX).isnil() && !mt.get(LuaValue.NEWINDEX).isnil()) {
            return;
        }
        throw LuaArgs.typeError(a, i, fn, "table");
    }

    /** lstrlib.c str_rep(): {@code n} copies of {@code s} with {@code sep} between them. */
    private static Varargs rep(Varargs a) {
        LuaArgs.checkString(a, 1, "rep");
        LuaString s = a.arg1().checkstring();
        long n = LuaArgs.checkInteger(a, 2, "rep");
        LuaString sep = a.arg(3).isnil() ? LuaValue.valueOf("") : checkLuaString(a, 3, "rep");
        if (n <= 0) {
            return LuaValue.valueOf("");
        }
        long l = s.length();
        long lsep = sep.length();
        if (l + lsep > MAX_STRING / n) {
            throw LuaArgs.positioned("resulting string too large");
        }
        long total = n * l + (n - 1) * lsep;
        byte[] out = new byte[(int) total];
        int at = 0;
        for (long i = 0; i < n; i++) {
            s.copyInto(0, out, at, (int) l);
            at += (int) l;
            if (i + 1 < n) {
                sep.copyInto(0, out, at, (int) lsep);
                at += (int) lsep;
            }
        }
        return LuaValue.valueOf(out);
    }

    private static LuaString checkLuaString(Varargs a, int i, String fn) {
        LuaArgs.checkString(a, i, fn);
        return a.arg(i).checkstring();
    }
}
