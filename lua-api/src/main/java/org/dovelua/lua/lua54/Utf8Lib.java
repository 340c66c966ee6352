package org.dovelua.lua.lua54;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * Lua 5.4's {@code utf8} library (lutf8lib.c) on byte strings, with its bounds and its error
 * texts; LuaJ 3.0.1 has none. Like lutf8lib.c it decodes up to 6-byte sequences and checks
 * surrogates and the 10FFFF limit only when not {@code lax}.
 */
public final class Utf8Lib extends TwoArgFunction {
    private static final long MAXUNICODE = 0x10FFFF;
    private static final long MAXUTF = 0x7FFFFFFF;
    private static final long[] LIMITS = {~0L, 0x80, 0x800, 0x10000, 0x200000, 0x4000000};
    static final String CHARPATTERN = "[\0-\u007F\u00C2-\u00FD][\u0080-\u00BF]*";

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable utf8 = new LuaTable();
        utf8.set("charpattern", LuaValue.valueOf(CHARPATTERN.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        utf8.set("char", LuaArgs.fn("char", Utf8Lib::utfchar));
        utf8.set("codepoint", LuaArgs.fn("codepoint", Utf8Lib::codepoint));
        utf8.set("len", LuaArgs.fn("len", Utf8Lib::len));
        utf8.set("offset", LuaArgs.fn("offset", Utf8Lib::offset));
        LuaValue strictIter = LuaArgs.fn("for iterator", a -> iterate(a, true));
        LuaValue laxIter = LuaArgs.fn("for iterator", a -> iterate(a, false));
        utf8.set("codes", LuaArgs.fn("codes", a -> {
            byte[] s = bytes(a, 1, "codes");
            if (isCont(s, 0)) {
                throw LuaArgs.argError(1, "codes", "invalid UTF-8 code");
            }
            return LuaValue.varargsOf(a.arg(2).toboolean() ? laxIter : strictIter, a.arg(1), LuaValue.valueOf(0));
        }));
        env.set("utf8", utf8);
        if (!env.get("package").isnil()) {
            env.get("package").get("loaded").set("utf8", utf8);
        }
        return utf8;
    }

    private static byte[] bytes(Varargs a, int i, String fn) {
        LuaArgs.checkString(a, i, fn);
        LuaString s = a.arg(i).checkstring();
        byte[] b = new byte[s.length()];
        s.copyInto(0, b, 0, b.length);
        return b;
    }

    /** u_posrelat(). */
    private static long posrelat(long pos, int len) {
        if (pos >= 0) {
            return pos;
        }
        return -pos > len ? 0 : len + pos + 1;
    }

    private static long optInteger(Varargs a, int i, String fn, long def) {
        return a.arg(i).isnil() ? def : LuaArgs.checkInteger(a, i, fn);
    }

    /** The byte at i, or the C string's terminating 0 past the end. */
    private static int at(byte[] s, long i) {
        return i >= 0 && i < s.length ? s[(int) i] & 0xFF : 0;
    }

    private static boolean isCont(byte[] s, long i) {
        return (at(s, i) & 0xC0) == 0x80;
    }

    /** utf8_decode(): {code, index after it}, or null for an invalid sequence. */
    static long[] decode(byte[] s, int i, boolean strict) {
        long c = at(s, i);
        long res = 0;
        int count = 0;
        if (c >= 0x80) {
            for (; (c & 0x40) != 0; c <<= 1) {
                int cc = at(s, i + ++count);
                if ((cc & 0xC0) != 0x80) {
                    return null;
                }
                res = (res << 6) | (cc & 0x3F);
            }
            res |= (c & 0x7F) << (count * 5);
            if (count > 5 || res > MAXUTF || res < LIMITS[count]) {
                return null;
            }
        } else {
            res = c;
        }
        if (strict && (res > MAXUNICODE || (0xD800 <= res && res <= 0xDFFF))) {
            return null;
        }
        return new long[] {res, i + count + 1};
    }

    private static Varargs utfchar(Varargs a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i <= a.narg(); i++) {
            long code = LuaArgs.checkInteger(a, i, "char");
            if (Long.compareUnsigned(code, MAXUTF) > 0) {
                throw LuaArgs.argError(i, "char", "value out of range");
            }
            encode(code, out);
        }
        return LuaValue.valueOf(out.toByteArray());
    }

    /** luaO_utf8esc(). */
    static void encode(long x, ByteArrayOutputStream out) {
        if (x < 0x80) {
            out.write((int) x);
            return;
        }
        byte[] buf = new byte[8];
        int n = 0;
        long mfb = 0x3f;
        do {
            buf[n++] = (byte) (0x80 | (x & 0x3f));
            x >>= 6;
            mfb >>= 1;
        } while (x > mfb);
        out.write((int) ((~mfb << 1) | x) & 0xFF);
        for (int k = n - 1; k >= 0; k--) {
            out.write(buf[k]);
        }
    }

    private static Varargs codepoint(Varargs a) {
        byte[] s = bytes(a, 1, "codepoint");
        long posi = posrelat(optInteger(a, 2, "codepoint", 1), s.length);
        long pose = posrelat(optInteger(a, 3, "codepoint", posi), s.length);
        boolean lax = a.arg(4).toboolean();
        if (posi < 1) {
            throw LuaArgs.argError(2, "codepoint", "out of bounds");
        }
        if (pose > s.length) {
            throw LuaArgs.argError(3, "codepoint", "out of bounds");
        }
        List<LuaValue> codes = new ArrayList<>();
        for (int i = (int) posi - 1; i < pose;) {
            long[] d = decode(s, i, !lax);
            if (d == null) {
                throw LuaArgs.positioned("invalid UTF-8 code");
            }
            codes.add(Lua54Arith.integer(d[0]));
            i = (int) d[1];
        }
        return LuaValue.varargsOf(codes.toArray(new LuaValue[0]));
    }

    private static Varargs len(Varargs a) {
        byte[] s = bytes(a, 1, "len");
        long posi = posrelat(optInteger(a, 2, "len", 1), s.length);
        long posj = posrelat(optInteger(a, 3, "len", -1), s.length);
        boolean lax = a.arg(4).toboolean();
        if (!(1 <= posi && --posi <= s.length)) {
            throw LuaArgs.argError(2, "len", "initial position out of bounds");
        }
        if (!(--posj < s.length)) {
            throw LuaArgs.argError(3, "len", "final position out of bounds");
        }
        long n = 0;
        while (posi <= posj) {
            long[] d = decode(s, (int) posi, !lax);
            if (d == null) {
                return LuaValue.varargsOf(LuaValue.NIL, Lua54Arith.integer(posi + 1));
            }
            posi = d[1];
            n++;
        }
        return Lua54Arith.integer(n);
    }

    private static Varargs offset(Varargs a) {
        byte[] s = bytes(a, 1, "offset");
        long n = LuaArgs.checkInteger(a, 2, "offset");
        long posi = posrelat(optInteger(a, 3, "offset", n >= 0 ? 1 : s.length + 1), s.length);
        if (!(1 <= posi && --posi <= s.length)) {
            throw LuaArgs.argError(3, "offset", "position out of bounds");
        }
        if (n == 0) {
            while (posi > 0 && isCont(s, posi)) {
                posi--;
            }
        } else {
            if (isCont(s, posi)) {
                throw LuaArgs.positioned("initial position is a continuation byte");
            }
            if (n < 0) {
                while (n < 0 && posi > 0) {
                    do {
                        posi--;
                    } while (posi > 0 && isCont(s, posi));
                    n++;
                }
            } else {
                n--;
                while (n > 0 && posi < s.length) {
                    do {
                        posi++;
                    } while (isCont(s, posi));
                    n--;
                }
            }
        }
        return n == 0 ? Lua54Arith.integer(posi + 1) : LuaValue.NIL;
    }

    /** iter_aux(): the next (position, code) after the control value, or nothing at the end. */
    private static Varargs iterate(Varargs a, boolean strict) {
        byte[] s = bytes(a, 1, "for iterator");
        long n = a.arg(2).tolong();
        if (n >= 0 && n < s.length) {
            while (isCont(s, n)) {
                n++;
            }
        }
        if (n < 0 || n >= s.length) {
            return LuaValue.NONE;
        }
        long[] d = decode(s, (int) n, strict);
        if (d == null || isCont(s, d[1])) {
            throw LuaArgs.positioned("invalid UTF-8 code");
        }
        return LuaValue.varargsOf(Lua54Arith.integer(n + 1), Lua54Arith.integer(d[0]));
    }
}
