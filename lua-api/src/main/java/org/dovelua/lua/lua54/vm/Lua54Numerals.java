package org.dovelua.lua.lua54.vm;

import org.dovelua.lua.lua54.CStrtod;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * Lua 5.4's numerals (lobject.c {@code luaO_str2num}): a numeral without a dot or exponent is an
 * integer ({@code l_str2int}: decimal ones that overflow become floats, hex ones wrap), anything
 * else a float through {@code strtod} ({@code l_str2d}, which refuses {@code inf} and
 * {@code nan}). The same rules read source numerals (LuaJ's lexer, patched by
 * {@link LuajPatches}), string coercions in arithmetic and {@code tonumber}; {@link #tonumber(LuaString, int)}
 * is lbaselib.c's {@code tonumber} with a base.
 */
public final class Lua54Numerals {
    private static final long MAXBY10 = Long.MAX_VALUE / 10;
    private static final int MAXLASTD = (int) (Long.MAX_VALUE % 10);

    private Lua54Numerals() {
    }

    /** {@code luaO_str2num} over the whole string: an integer, a float, or null. */
    public static LuaValue str2number(byte[] s, int off, int len) {
        byte[] z = new byte[len + 1]; // C's NUL-terminated view; an embedded NUL ends the numeral early
        System.arraycopy(s, off, z, 0, len);
        for (int i = 0; i < len; i++) {
            if (z[i] == 0) {
                return null; // lua_stringtonumber's size check: the numeral must be the whole string
            }
        }
        Long i = str2int(z);
        if (i != null) {
            return Lua54Arith.integer(i);
        }
        Double d = str2d(z);
        return d == null ? null : LuaValue.valueOf(d);
    }

    /** {@link #str2number(byte[], int, int)} of a Java string (Latin-1 bytes). */
    public static LuaValue str2number(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return str2number(b, 0, b.length);
    }

    /** {@code cvt2num}: a Lua string's number, or {@code NIL}; LuaJ's {@code LuaString.tonumber()} once patched. */
    public static LuaValue tonumber(LuaString s) {
        LuaValue n = str2number(bytes(s), 0, s.length());
        return n == null ? LuaValue.NIL : n;
    }

    /**
     * {@code LuaString.checknumber()} once patched: the string's number, or LuaJ's argument error
     * for a string that is no numeral.
     */
    public static org.luaj.vm2.LuaNumber checknumber(LuaString s) {
        LuaValue n = tonumber(s);
        if (n.isnil()) {
            throw new org.luaj.vm2.LuaError("bad argument: number expected, got string");
        }
        return (org.luaj.vm2.LuaNumber) n;
    }

    /**
     * The lexer's numeral (LuaJ's {@code LexState.str2d} once patched): {@code text} is what
     * read_numeral read (LuaJ saves a NUL after it), {@code next} the character after it. A
     * malformed numeral, or one touching a letter ({@code 3x}, which 5.4's read_numeral takes into
     * the numeral to force the error), raises llex.c's {@code malformed number near '3x'}.
     */
    public static LuaValue numeral(String text, int next, LuaString source, int line) {
        String t = text.endsWith("\0") ? text.substring(0, text.length() - 1) : text;
        LuaValue n = touchesLetter(next) ? null : str2number(t);
        if (n == null) {
            String shown = touchesLetter(next) ? t + (char) next : t;
            throw LuaSyntaxErrors.lexerror(source, line, "malformed number", LuaSyntaxErrors.TK_NUMBER, shown);
        }
        return n;
    }

    /** llex.c {@code lislalpha}: a letter or {@code _}. */
    private static boolean touchesLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    /** lbaselib.c {@code b_str2int} for {@code tonumber(s, base)}: an integer (wrapping), or {@code NIL}. */
    public static LuaValue tonumber(LuaString str, int base) {
        byte[] s = bytes(str);
        int p = 0;
        while (p < s.length && isspace(s[p])) {
            p++;
        }
        boolean neg = false;
        if (p < s.length && s[p] == '-') {
            neg = true;
            p++;
        } else if (p < s.length && s[p] == '+') {
            p++;
        }
        if (p >= s.length || !isalnum(s[p])) {
            return LuaValue.NIL;
        }
        long n = 0;
        do {
            int c = s[p];
            int digit = c >= '0' && c <= '9' ? c - '0' : Character.toUpperCase(c) - 'A' + 10;
            if (digit >= base) {
                return LuaValue.NIL;
            }
            n = n * base + digit;
            p++;
        } while (p < s.length && isalnum(s[p]));
        while (p < s.length && isspace(s[p])) {
            p++;
        }
        return p == s.length ? Lua54Arith.integer(neg ? -n : n) : LuaValue.NIL;
    }

    /** {@code l_str2int}; {@code z} is NUL-terminated. */
    static Long str2int(byte[] z) {
        int p = 0;
        long a = 0;
        boolean empty = true;
        while (isspace(z[p])) {
            p++;
        }
        boolean neg = false;
        if (z[p] == '-') {
            neg = true;
            p++;
        } else if (z[p] == '+') {
            p++;
        }
        if (z[p] == '0' && (z[p + 1] == 'x' || z[p + 1] == 'X')) {
            p += 2;
            for (; isxdigit(z[p]); p++) {
                a = a * 16 + Character.digit(z[p], 16); // wraps around, as lua_Unsigned does
                empty = false;
            }
        } else {
            for (; z[p] >= '0' && z[p] <= '9'; p++) {
                int d = z[p] - '0';
                if (a >= MAXBY10 && (a > MAXBY10 || d > MAXLASTD + (neg ? 1 : 0))) {
                    return null; // overflow: not accepted as an integer (read as a float)
                }
                a = a * 10 + d;
                empty = false;
            }
        }
        while (isspace(z[p])) {
            p++;
        }
        if (empty || z[p] != 0) {
            return null;
        }
        return neg ? -a : a;
    }

    /** {@code l_str2d}: strtod over the whole string, refusing 'inf' and 'nan'. */
    static Double str2d(byte[] z) {
        for (byte b : z) {
            if (b == 'n' || b == 'N') {
                return null;
            }
        }
        int p = 0;
        while (isspace(z[p])) {
            p++;
        }
        CStrtod.Result r = CStrtod.parse(z, p);
        if (r.end() == p) {
            return null;
        }
        int e = r.end();
        while (isspace(z[e])) {
            e++;
        }
        return z[e] == 0 ? r.value() : null;
    }

    private static byte[] bytes(LuaString s) {
        byte[] b = new byte[s.length()];
        s.copyInto(0, b, 0, b.length);
        return b;
    }

    /** C's isspace in the C locale. */
    static boolean isspace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isxdigit(int c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    private static boolean isalnum(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
