package org.dovelua.lua.lua54;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Lua 5.4's {@code string.pack}, {@code string.unpack} and {@code string.packsize} (lstrlib.c,
 * "PACK/UNPACK"), with the sizes of Debian's amd64 liblua5.4: short 2, int 4, long 8,
 * lua_Integer 8, size_t 8, maximum alignment 8, native order little-endian.
 */
final class StringPack {
    private static final int MAXINTSIZE = 16;
    private static final int SZINT = 8;
    private static final int MAXALIGN = 8;
    private static final long MAXSIZE = Integer.MAX_VALUE;

    private StringPack() {
    }

    private enum K { INT, UINT, FLOAT, DOUBLE, NUMBER, CHAR, STRING, ZSTR, PADDING, PADDALIGN, NOP }

    /** One option of the format, with the padding lstrlib's getdetails() computes before it. */
    private record Option(K kind, int size, int ntoalign) {
    }

    /** Header: endianness and maximum alignment, changed by '<', '>', '=' and '!'. */
    private static final class Format {
        final byte[] fmt;
        final String fn;
        int pos;
        boolean little = true;
        int maxalign = 1;

        Format(byte[] fmt, String fn) {
            this.fmt = fmt;
            this.fn = fn;
        }

        boolean more() {
            return pos < fmt.length;
        }

        private boolean digit() {
            return pos < fmt.length && fmt[pos] >= '0' && fmt[pos] <= '9';
        }

        private int getnum(int df) {
            if (!digit()) {
                return df;
            }
            long a = 0;
            do {
                a = a * 10 + (fmt[pos++] - '0');
            } while (digit() && a <= (MAXSIZE - 9) / 10);
            return (int) a;
        }

        private int getnumlimit(int df) {
            int sz = getnum(df);
            if (sz > MAXINTSIZE || sz <= 0) {
                throw LuaArgs.positioned("integral size (" + sz + ") out of limits [1," + MAXINTSIZE + "]");
            }
            return sz;
        }

        /** getoption(): the next option's kind and size. */
        private Option option() {
            int opt = fmt[pos++] & 0xFF;
            switch (opt) {
                case 'b': return new Option(K.INT, 1, 0);
                case 'B': return new Option(K.UINT, 1, 0);
                case 'h': return new Option(K.INT, 2, 0);
                case 'H': return new Option(K.UINT, 2, 0);
                case 'l': case 'j': return new Option(K.INT, 8, 0);
                case 'L': case 'J': case 'T': return new Option(K.UINT, 8, 0);
                case 'f': return new Option(K.FLOAT, 4, 0);
                case 'n': return new Option(K.NUMBER, 8, 0);
                case 'd': return new Option(K.DOUBLE, 8, 0);
                case 'i': return new Option(K.INT, getnumlimit(4), 0);
                case 'I': return new Option(K.UINT, getnumlimit(4), 0);
                case 's': return new Option(K.STRING, getnumlimit(8), 0);
                case 'c': {
                    boolean given = digit();
                    int size = getnum(-1);
                    if (!given || size == -1) {
                        throw LuaArgs.positioned("missing size for format option 'c'");
                    }
                    return new Option(K.CHAR, size, 0);
                }
                case 'z': return new Option(K.ZSTR, 0, 0);
                case 'x': return new Option(K.PADDING, 1, 0);
                case 'X': return new Option(K.PADDALIGN, 0, 0);
                case ' ': return new Option(K.NOP, 0, 0);
                case '<': little = true; return new Option(K.NOP, 0, 0);
                case '>': little = false; return new Option(K.NOP, 0, 0);
                case '=': little = true; return new Option(K.NOP, 0, 0);
                case '!': maxalign = getnumlimit(MAXALIGN); return new Option(K.NOP, 0, 0);
                default:
                    throw LuaArgs.positioned("invalid format option '" + (char) opt + "'");
            }
        }

        /** getdetails(): the option, and the padding that aligns it at {@code totalsize}. */
        Option details(long totalsize) {
            Option o = option();
            int align = o.size;
            if (o.kind == K.PADDALIGN) {
                // 'X' takes its alignment from the option after it, which it consumes
                Option next = more() ? option() : null;
                if (next == null || next.kind == K.CHAR || next.size == 0) {
                    throw LuaArgs.argError(1, fn, "invalid next option for option 'X'");
                }
                align = next.size;
            }
            int ntoalign = 0;
            if (align > 1 && o.kind != K.CHAR) {
                if (align > maxalign) {
                    align = maxalign;
                }
                if ((align & (align - 1)) != 0) {
                    throw LuaArgs.argError(1, fn, "format asks for alignment not power of 2");
                }
                ntoalign = (int) ((align - (totalsize & (align - 1))) & (align - 1));
            }
            return new Option(o.kind, o.size, ntoalign);
        }
    }

    private static byte[] bytes(LuaValue v) {
        LuaString s = v.checkstring();
        byte[] b = new byte[s.length()];
        s.copyInto(0, b, 0, b.length);
        return b;
    }

    private static void packint(ByteArrayOutputStream out, long n, boolean little, int size, boolean neg) {
        byte[] buf = new byte[size];
        for (int i = 0; i < size; i++) {
            int b = i < SZINT ? (int) (n >>> (8 * i)) & 0xFF : (neg ? 0xFF : 0);
            buf[little ? i : size - 1 - i] = (byte) b;
        }
        out.write(buf, 0, size);
    }

    /** str_pack(). */
    static Varargs pack(Varargs a) {
        Format h = new Format(bytes(checkFormat(a, "pack")), "pack");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int arg = 1;
        long totalsize = 0;
        while (h.more()) {
            Option o = h.details(totalsize);
            totalsize += o.ntoalign + o.size;
            for (int k = 0; k < o.ntoalign; k++) {
                out.write(0);
            }
            switch (o.kind) {
                case INT -> {
                    long n = LuaArgs.checkInteger(a, ++arg, "pack");
                    if (o.size < SZINT) {
                        long lim = 1L << (o.size * 8 - 1);
                        if (!(-lim <= n && n < lim)) {
                            throw LuaArgs.argError(arg, "pack", "integer overflow");
                        }
                    }
                    packint(out, n, h.little, o.size, n < 0);
                }
                case UINT -> {
                    long n = LuaArgs.checkInteger(a, ++arg, "pack");
                    if (o.size < SZINT && Long.compareUnsigned(n, 1L << (o.size * 8)) >= 0) {
                        throw LuaArgs.argError(arg, "pack", "unsigned overflow");
                    }
                    packint(out, n, h.little, o.size, false);
                }
                case FLOAT -> packint(out, Float.floatToRawIntBits((float) LuaArgs.checkNumber(a, ++arg, "pack")) & 0xFFFFFFFFL,
                        h.little, 4, false);
                case DOUBLE, NUMBER -> packint(out, Double.doubleToRawLongBits(LuaArgs.checkNumber(a, ++arg, "pack")), h.little, 8, false);
                case CHAR -> {
                    LuaArgs.checkString(a, ++arg, "pack");
                    byte[] s = bytes(a.arg(arg));
                    if (s.length > o.size) {
                        throw LuaArgs.argError(arg, "pack", "string longer than given size");
                    }
                    out.write(s, 0, s.length);
                    for (int k = s.length; k < o.size; k++) {
                        out.write(0);
                    }
                }
                case STRING -> {
                    LuaArgs.checkString(a, ++arg, "pack");
                    byte[] s = bytes(a.arg(arg));
                    if (!(o.size >= 8 || s.length < (1L << (o.size * 8)))) {
                        throw LuaArgs.argError(arg, "pack", "string length does not fit in given size");
                    }
                    packint(out, s.length, h.little, o.size, false);
                    out.write(s, 0, s.length);
                    totalsize += s.length;
                }
                case ZSTR -> {
                    LuaArgs.checkString(a, ++arg, "pack");
                    byte[] s = bytes(a.arg(arg));
                    for (byte b : s) {
                        if (b == 0) {
                            throw LuaArgs.argError(arg, "pack", "string contains zeros");
                        }
                    }
                    out.write(s, 0, s.length);
                    out.write(0);
                    totalsize += s.length + 1;
                }
                case PADDING -> out.write(0);
                default -> {
                    // PADDALIGN and NOP: only the alignment above
                }
            }
        }
        return LuaValue.valueOf(out.toByteArray());
    }

    /** str_packsize(). */
    static Varargs packsize(Varargs a) {
        Format h = new Format(bytes(checkFormat(a, "packsize")), "packsize");
        long totalsize = 0;
        while (h.more()) {
            Option o = h.details(totalsize);
            if (o.kind == K.STRING || o.kind == K.ZSTR) {
                throw LuaArgs.argError(1, "packsize", "variable-length format");
            }
            long size = o.size + o.ntoalign;
            if (totalsize > MAXSIZE - size) {
                throw LuaArgs.argError(1, "packsize", "format result too large");
            }
            totalsize += size;
        }
        return Lua54Arith.integer(totalsize);
    }

    private static long unpackint(byte[] s, int at, boolean little, int size, boolean signed) {
        long res = 0;
        int limit = Math.min(size, SZINT);
        for (int i = limit - 1; i >= 0; i--) {
            res = (res << 8) | (s[at + (little ? i : size - 1 - i)] & 0xFF);
        }
        if (size < SZINT) {
            if (signed) {
                long mask = 1L << (size * 8 - 1);
                res = (res ^ mask) - mask;
            }
        } else if (size > SZINT) {
            int mask = (!signed || res >= 0) ? 0 : 0xFF;
            for (int i = limit; i < size; i++) {
                if ((s[at + (little ? i : size - 1 - i)] & 0xFF) != mask) {
                    throw LuaArgs.positioned(size + "-byte integer does not fit into Lua Integer");
                }
            }
        }
        return res;
    }

    /** str_unpack(). */
    static Varargs unpack(Varargs a) {
        Format h = new Format(bytes(checkFormat(a, "unpack")), "unpack");
        LuaArgs.checkString(a, 2, "unpack");
        byte[] data = bytes(a.arg(2));
        long ld = data.length;
        long ipos = a.arg(3).isnil() ? 1 : LuaArgs.checkInteger(a, 3, "unpack");
        long pos = (ipos >= 0 ? ipos : (-ipos > ld ? 0 : ld + ipos + 1)) - 1;
        if (!(pos <= ld && pos >= 0)) {
            throw LuaArgs.argError(3, "unpack", "initial position out of string");
        }
        List<LuaValue> results = new ArrayList<>();
        while (h.more()) {
            Option o = h.details(pos);
            if ((long) o.ntoalign + o.size > ld - pos) {
                throw LuaArgs.argError(2, "unpack", "data string too short");
            }
            pos += o.ntoalign;
            int p = (int) pos;
            switch (o.kind) {
                case INT, UINT -> results.add(Lua54Arith.integer(unpackint(data, p, h.little, o.size, o.kind == K.INT)));
                case FLOAT -> results.add(LuaValue.valueOf(
                        (double) Float.intBitsToFloat((int) unpackint(data, p, h.little, 4, false))));
                case DOUBLE, NUMBER -> results.add(LuaValue.valueOf(
                        Double.longBitsToDouble(unpackint(data, p, h.little, 8, false))));
                case CHAR -> results.add(LuaValue.valueOf(java.util.Arrays.copyOfRange(data, p, p + o.size)));
                case STRING -> {
                    long len = unpackint(data, p, h.little, o.size, false);
                    if (Long.compareUnsigned(len, ld - pos - o.size) > 0) {
                        throw LuaArgs.argError(2, "unpack", "data string too short");
                    }
                    int from = p + o.size;
                    results.add(LuaValue.valueOf(java.util.Arrays.copyOfRange(data, from, from + (int) len)));
                    pos += len;
                }
                case ZSTR -> {
                    int end = p;
                    while (end < ld && data[end] != 0) {
                        end++;
                    }
                    if (end >= ld) {
                        throw LuaArgs.argError(2, "unpack", "unfinished string for format 'z'");
                    }
                    results.add(LuaValue.valueOf(java.util.Arrays.copyOfRange(data, p, end)));
                    pos += end - p + 1;
                }
                default -> {
                    // padding, alignment and NOP read nothing
                }
            }
            pos += o.size;
        }
        results.add(Lua54Arith.integer(pos + 1));
        return LuaValue.varargsOf(results.toArray(new LuaValue[0]));
    }

    private static LuaValue checkFormat(Varargs a, String fn) {
        LuaArgs.checkString(a, 1, fn);
        return a.arg(1);
    }
}
