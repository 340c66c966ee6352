package org.dovelua.lua.gopher;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * gopher-lua's {@code string.format} (stringlib.go {@code strFormat}): Go's {@code fmt.Sprintf}
 * over the Lua values, given at most as many arguments as the format has {@code %} signs that are
 * not {@code %%}. The values format themselves (value.go {@code LNumber.Format}: {@code %s}/{@code %q}
 * its {@code String()}, {@code %d %x %X %o %b %c %U} its int64 truncation, {@code %i} is {@code %d},
 * {@code %e %f %g} its float64, anything else int64 when integral else float64;
 * {@code LString.Format}: {@code %d}/{@code %i} print the string as {@code %s} when it parses as
 * a number and 0 when not, else the string under the verb), through Go's fmt/print.go
 * {@code doPrintf} and fmt/format.go: flags {@code # 0 + - space}, width, precision, Go's
 * {@code %!d(MISSING)}, {@code %!(EXTRA ...)}, {@code %!(NOVERB)}, {@code %!(BADWIDTH)} texts.
 * Floats round their exact binary value half to even (strconv decimal.go {@code shouldRoundUp}),
 * {@code %g} without a precision is the shortest text (strconv ftoa.go, {@code %e} form when the
 * exponent is below -4 or at least 6), infinities are {@code +Inf}/{@code -Inf}, NaN {@code NaN}.
 *
 * <p>Not reproduced: argument indexes ({@code %[2]d}), {@code #} on floats, and the reflection
 * text Go prints for a table, function or nil under a numeric verb (here the value's
 * {@code tostring} in {@code %!d(...)}).
 */
final class GoFormat extends VarArgFunction {
    private static final double TWO_63 = 0x1p63;

    @Override
    public Varargs invoke(Varargs a) {
        LuaString fmt = a.checkstring(1);
        return LuaValue.valueOf(sprintf(fmt.m_bytes, fmt.m_offset, fmt.m_length, a));
    }

    /** One verb's flags, width and precision (fmt/format.go {@code fmtFlags}). */
    private static final class Spec {
        boolean plus;
        boolean minus;
        boolean sharp;
        boolean space;
        boolean zero;
        int wid = -1;
        int prec = -1;
    }

    static byte[] sprintf(byte[] f, int off, int len, Varargs a) {
        int npat = count(f, off, len);
        int nargs = Math.min(npat, Math.max(a.narg() - 1, 0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int argNum = 0;
        int end = off + len;
        int i = off;
        while (i < end) {
            int lasti = i;
            while (i < end && f[i] != '%') {
                i++;
            }
            out.write(f, lasti, i - lasti);
            if (i >= end) {
                break;
            }
            i++; // the %
            Spec s = new Spec();
            flags: for (; i < end; i++) {
                switch (f[i]) {
                    case '#' -> s.sharp = true;
                    case '0' -> s.zero = !s.minus; // only zero padding to the left
                    case '+' -> s.plus = true;
                    case '-' -> {
                        s.minus = true;
                        s.zero = false;
                    }
                    case ' ' -> s.space = true;
                    default -> {
                        break flags;
                    }
                }
            }
            if (i < end && f[i] == '*') { // intFromArg: an LNumber is no Go int
                i++;
                if (argNum < nargs) {
                    argNum++;
                }
                write(out, "%!(BADWIDTH)");
            } else {
                int start = i;
                int w = 0;
                while (i < end && f[i] >= '0' && f[i] <= '9') {
                    w = w * 10 + (f[i++] - '0');
                }
                if (i > start) {
                    s.wid = w;
                }
            }
            if (i + 1 <= end && i < end && f[i] == '.') {
                i++;
                if (i < end && f[i] == '*') {
                    i++;
                    if (argNum < nargs) {
                        argNum++;
                    }
                    write(out, "%!(BADPREC)");
                } else {
                    int p = 0;
                    while (i < end && f[i] >= '0' && f[i] <= '9') {
                        p = p * 10 + (f[i++] - '0');
                    }
                    s.prec = p;
                }
            }
            if (i >= end) {
                write(out, "%!(NOVERB)");
                break;
            }
            int verb = f[i] & 0xff;
            int size = 1;
            if (verb >= 0x80) {
                int[] r = decodeRune(f, i, end);
                verb = r[0];
                size = r[1];
            }
            i += size;
            if (verb == '%') { // absorbs no operand, ignores width and precision
                out.write('%');
            } else if (argNum >= nargs) {
                write(out, "%!" + new String(Character.toChars(verb)) + "(MISSING)");
            } else {
                printArg(out, a.arg(2 + argNum++), verb, s);
            }
        }
        if (argNum < nargs) {
            write(out, "%!(EXTRA ");
            for (int k = argNum; k < nargs; k++) {
                if (k > argNum) {
                    write(out, ", ");
                }
                LuaValue v = a.arg(2 + k);
                write(out, goType(v) + "=");
                printArg(out, v, 'v', new Spec());
            }
            out.write(')');
        }
        return out.toByteArray();
    }

    /** {@code strings.Count(str, "%") - strings.Count(str, "%%")}. */
    private static int count(byte[] f, int off, int len) {
        int pct = 0;
        int pairs = 0;
        for (int i = off; i < off + len; i++) {
            if (f[i] == '%') {
                pct++;
                if (i + 1 < off + len && f[i + 1] == '%') {
                    pairs++;
                    pct++;
                    i++;
                }
            }
        }
        return pct - pairs;
    }

    private static void printArg(ByteArrayOutputStream out, LuaValue v, int verb, Spec s) {
        switch (v.type()) {
            case LuaValue.TNUMBER -> number(out, v.todouble(), verb, s);
            case LuaValue.TSTRING -> {
                LuaString str = v.checkstring();
                byte[] b = java.util.Arrays.copyOfRange(str.m_bytes, str.m_offset, str.m_offset + str.m_length);
                if (verb == 'd' || verb == 'i') { // LString.Format
                    if (str.tonumber().isnil()) {
                        integer(out, 0, 'd', s);
                    } else {
                        string(out, b, 's', s, "string");
                    }
                } else {
                    string(out, b, verb, s, "string");
                }
            }
            case LuaValue.TBOOLEAN -> {
                if (verb == 't' || verb == 'v' || verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') {
                    string(out, ascii(v.tojstring()), verb == 't' ? 's' : verb, s, "lua.LBool");
                } else {
                    bad(out, verb, "lua.LBool", v.tojstring());
                }
            }
            default -> { // Stringers: nil, table, function, userdata, thread
                if (verb == 'v' || verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') {
                    string(out, ascii(v.tojstring()), verb, s, goType(v));
                } else {
                    bad(out, verb, goType(v), v.tojstring());
                }
            }
        }
    }

    private static String goType(LuaValue v) {
        return switch (v.type()) {
            case LuaValue.TNUMBER -> "lua.LNumber";
            case LuaValue.TSTRING -> "lua.LString";
            case LuaValue.TBOOLEAN -> "lua.LBool";
            case LuaValue.TNIL -> "*lua.LNilType";
            case LuaValue.TTABLE -> "*lua.LTable";
            case LuaValue.TFUNCTION -> "*lua.LFunction";
            case LuaValue.TTHREAD -> "*lua.LState";
            default -> "*lua.LUserData";
        };
    }

    /** value.go {@code LNumber.Format}. */
    private static void number(ByteArrayOutputStream out, double n, int verb, Spec s) {
        switch (verb) {
            case 'q', 's' -> string(out, ascii(GoNumberText.format(n)), verb, s, "string");
            case 'b', 'c', 'd', 'o', 'O', 'x', 'X', 'U' -> integer(out, int64(n), verb, s);
            case 'i' -> integer(out, int64(n), 'd', s);
            case 'e', 'E', 'f', 'F', 'g', 'G' -> floating(out, n, verb, s);
            default -> {
                if (GoNumberText.isInteger(n)) {
                    integer(out, (long) n, verb, s);
                } else {
                    floating(out, n, verb, s);
                }
            }
        }
    }

    /** Go's {@code int64(f)} on amd64: truncation, and math.MinInt64 for NaN and out of range. */
    private static long int64(double n) {
        return n >= -TWO_63 && n < TWO_63 ? (long) n : Long.MIN_VALUE;
    }

    /** fmt/format.go {@code fmtInteger} (and fmtC, fmtUnicode) for an int64. */
    private static void integer(ByteArrayOutputStream out, long v, int verb, Spec s) {
        switch (verb) {
            case 'd', 'v' -> digits(out, v, 10, false, s);
            case 'x' -> digits(out, v, 16, false, s);
            case 'X' -> digits(out, v, 16, true, s);
            case 'o', 'O' -> digits(out, v, 8, verb == 'O', s);
            case 'b' -> digits(out, v, 2, false, s);
            case 'c' -> {
                int r = v >= 0 && v <= Character.MAX_CODE_POINT && (v < 0xD800 || v > 0xDFFF) ? (int) v : 0xFFFD;
                pad(out, new String(Character.toChars(r)).getBytes(StandardCharsets.UTF_8), s, false);
            }
            case 'U' -> {
                String hex = Long.toHexString(v).toUpperCase();
                pad(out, ascii("U+" + "0".repeat(Math.max(0, Math.max(s.prec, 4) - hex.length())) + hex), s, false);
            }
            default -> bad(out, verb, "int64", Long.toString(v));
        }
    }

    private static void digits(ByteArrayOutputStream out, long v, int base, boolean upper, Spec s) {
        boolean negative = v < 0;
        String d = negative ? new BigDecimal(v).negate().toBigInteger().toString(base) : Long.toString(v, base);
        if (upper) {
            d = d.toUpperCase();
        }
        int prec;
        if (s.prec >= 0) {
            prec = s.prec;
            if (prec == 0 && v == 0) { // %.0d of 0 prints only padding
                pad(out, new byte[0], spaces(s), true);
                return;
            }
        } else if (s.zero && s.wid >= 0) {
            prec = s.wid;
            if (negative || s.plus || s.space) {
                prec--; // room for the sign
            }
        } else {
            prec = 0;
        }
        StringBuilder b = new StringBuilder();
        if (s.sharp) {
            if (base == 16) {
                b.append(upper ? "0X" : "0x");
            } else if (base == 2) {
                b.append("0b");
            }
        }
        if (base == 8 && upper) {
            b.append("0o");
        }
        String zeros = "0".repeat(Math.max(0, prec - d.length()));
        if (base == 8 && s.sharp && !upper && !(zeros + d).startsWith("0")) {
            zeros = "0" + zeros;
        }
        String sign = negative ? "-" : s.plus ? "+" : s.space ? " " : "";
        pad(out, ascii(sign + b + zeros + d), spaces(s), true); // zeros were the precision's
    }

    private static Spec spaces(Spec s) {
        Spec c = copy(s);
        c.zero = false;
        return c;
    }

    /** fmt/format.go {@code fmtFloat} with strconv's {@code AppendFloat}. */
    private static void floating(ByteArrayOutputStream out, double v, int verb, Spec s) {
        String num;
        boolean neg = Double.doubleToRawLongBits(v) < 0;
        if (Double.isNaN(v)) {
            num = s.plus ? "+NaN" : s.space ? " NaN" : "NaN";
            boolean z = s.zero;
            s.zero = false;
            pad(out, ascii(num), s, false);
            s.zero = z;
            return;
        }
        if (Double.isInfinite(v)) {
            num = (v > 0 ? s.space && !s.plus ? " " : "+" : "-") + "Inf";
            boolean z = s.zero;
            s.zero = false;
            pad(out, ascii(num), s, false);
            s.zero = z;
            return;
        }
        double abs = Math.abs(v);
        String body = switch (verb) {
            case 'e', 'E' -> fmtE(abs, s.prec >= 0 ? s.prec : 6, verb == 'E');
            case 'f', 'F' -> new BigDecimal(abs).setScale(s.prec >= 0 ? s.prec : 6, RoundingMode.HALF_EVEN)
                    .toPlainString();
            default -> fmtG(abs, s.prec, verb == 'G');
        };
        String sign = neg ? "-" : s.plus ? "+" : s.space ? " " : "";
        if (!sign.isEmpty() && s.zero && s.wid > sign.length() + body.length()) {
            out.write(sign.charAt(0));
            Spec rest = copy(s);
            rest.wid = s.wid - 1;
            pad(out, ascii(body), rest, true);
            return;
        }
        pad(out, ascii(sign + body), s, true);
    }

    private static Spec copy(Spec s) {
        Spec c = new Spec();
        c.minus = s.minus;
        c.zero = s.zero;
        c.wid = s.wid;
        return c;
    }

    /** strconv ftoa.go {@code fmtE}: d.ddd e±dd, from the exact value rounded to prec+1 digits. */
    private static String fmtE(double abs, int prec, boolean upper) {
        String d;
        int exp;
        if (abs == 0) {
            d = "0";
            exp = 0;
        } else {
            BigDecimal r = new BigDecimal(abs).round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
            d = r.unscaledValue().toString();
            exp = d.length() - r.scale() - 1;
        }
        return eText(d, exp, prec, upper);
    }

    private static String eText(String d, int exp, int prec, boolean upper) {
        StringBuilder b = new StringBuilder().append(d.charAt(0));
        if (prec > 0) {
            b.append('.');
            for (int i = 1; i <= prec; i++) {
                b.append(i < d.length() ? d.charAt(i) : '0');
            }
        }
        b.append(upper ? 'E' : 'e').append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10) {
            b.append('0');
        }
        return b.append(a).toString();
    }

    /**
     * strconv ftoa.go {@code formatDigits} 'g': the shortest digits without a precision (%e form
     * when the exponent is below -4 or at least 6), else {@code prec} digits with trailing zeros
     * dropped (%e form when the exponent is below -4 or at least the precision).
     */
    private static String fmtG(double abs, int precision, boolean upper) {
        String d; // digits, no trailing zeros ("" for zero)
        int dp; // decimal point position: value = 0.d * 10^dp
        if (abs == 0) {
            d = "";
            dp = 0;
        } else {
            BigDecimal r = precision < 0 ? shortest(abs)
                    : new BigDecimal(abs).round(new MathContext(Math.max(precision, 1), RoundingMode.HALF_EVEN));
            String u = r.unscaledValue().toString();
            dp = u.length() - r.scale();
            int n = u.length();
            while (n > 1 && u.charAt(n - 1) == '0') {
                n--;
            }
            d = u.substring(0, n);
        }
        int nd = d.length();
        int prec = precision < 0 ? nd : Math.max(precision, 1);
        int eprec = prec;
        if (eprec > nd && nd >= dp) {
            eprec = nd;
        }
        if (precision < 0) {
            eprec = 6;
        }
        int exp = dp - 1;
        if (exp < -4 || exp >= eprec) {
            if (prec > nd) {
                prec = nd;
            }
            return eText(nd == 0 ? "0" : d, nd == 0 ? 0 : exp, Math.max(prec - 1, 0), upper);
        }
        if (prec > dp) {
            prec = nd;
        }
        int frac = Math.max(prec - dp, 0);
        StringBuilder b = new StringBuilder();
        if (dp > 0) {
            for (int i = 0; i < dp; i++) {
                b.append(i < nd ? d.charAt(i) : '0');
            }
        } else {
            b.append('0');
        }
        if (frac > 0) {
            b.append('.');
            for (int i = 0; i < frac; i++) {
                int j = dp + i;
                b.append(j >= 0 && j < nd ? d.charAt(j) : '0');
            }
        }
        return b.toString();
    }

    /** The shortest decimal that reads back as {@code v} (strconv's shortest mode). */
    private static BigDecimal shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p < 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == v) {
                return r;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    /** fmt/format.go {@code fmtS}, {@code fmtQ}, {@code fmtSx} of a string (bytes). */
    private static void string(ByteArrayOutputStream out, byte[] b, int verb, Spec s, String type) {
        switch (verb) {
            case 'v', 's' -> pad(out, truncate(b, s.prec), s, false);
            case 'q' -> pad(out, ascii(GoQuote.quote(truncate(b, s.prec), s.plus)), s, false);
            case 'x', 'X' -> {
                int n = s.prec >= 0 ? Math.min(s.prec, b.length) : b.length;
                StringBuilder h = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    if (i > 0 && s.space) {
                        h.append(' ');
                    }
                    if (s.sharp && (i == 0 || s.space)) {
                        h.append(verb == 'x' ? "0x" : "0X");
                    }
                    String x = String.format("%02x", b[i] & 0xff);
                    h.append(verb == 'X' ? x.toUpperCase() : x);
                }
                pad(out, ascii(h.toString()), s, false);
            }
            default -> bad(out, verb, type, new String(b, StandardCharsets.UTF_8));
        }
    }

    /** At most {@code prec} runes of {@code b} (all when there is no precision). */
    private static byte[] truncate(byte[] b, int prec) {
        if (prec < 0) {
            return b;
        }
        int i = 0;
        for (int r = 0; r < prec && i < b.length; r++) {
            i += decodeRune(b, i, b.length)[1];
        }
        return java.util.Arrays.copyOf(b, Math.min(i, b.length));
    }

    /** fmt/print.go {@code badVerb}: {@code %!d(type=value)}. */
    private static void bad(ByteArrayOutputStream out, int verb, String type, String value) {
        write(out, "%!" + new String(Character.toChars(verb)) + "(" + type + "=" + value + ")");
    }

    /** fmt/format.go {@code pad}: the width counts runes; zeros only to the left. */
    private static void pad(ByteArrayOutputStream out, byte[] text, Spec s, boolean numeric) {
        int runes = 0;
        for (int i = 0; i < text.length; i += decodeRune(text, i, text.length)[1]) {
            runes++;
        }
        int fill = s.wid - runes;
        if (fill <= 0) {
            out.write(text, 0, text.length);
            return;
        }
        if (s.minus) {
            out.write(text, 0, text.length);
            write(out, " ".repeat(fill));
        } else {
            write(out, (s.zero ? "0" : " ").repeat(fill));
            out.write(text, 0, text.length);
        }
    }

    private static void write(ByteArrayOutputStream out, String ascii) {
        byte[] b = ascii(ascii);
        out.write(b, 0, b.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** utf8.DecodeRune: {rune, size}; an invalid byte is U+FFFD of size 1. */
    static int[] decodeRune(byte[] b, int i, int end) {
        int c = b[i] & 0xff;
        if (c < 0x80) {
            return new int[] {c, 1};
        }
        int n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? (c < 0xF0 ? 3 : 0) : c >= 0xC2 ? 2 : 0;
        if (n == 0 || i + n > end) {
            return new int[] {0xFFFD, 1};
        }
        int r = c & (0xFF >> (n + 1));
        for (int k = 1; k < n; k++) {
            int cc = b[i + k] & 0xff;
            if ((cc & 0xC0) != 0x80) {
                return new int[] {0xFFFD, 1};
            }
            r = (r << 6) | (cc & 0x3F);
        }
        int min = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
        if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) {
            return new int[] {0xFFFD, 1};
        }
        return new int[] {r, n};
    }
}
