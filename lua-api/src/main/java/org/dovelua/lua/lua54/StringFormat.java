package org.dovelua.lua.lua54;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Lua 5.4's {@code string.format} (lstrlib.c {@code str_format}) with glibc's printf for each
 * item: flags, width and precision as C has them ({@code %5d}, {@code %-10s}, {@code %.2f} is
 * {@code 1.50}, {@code %g} strips zeros, {@code %x} of a negative number is its 64-bit two's
 * complement), 5.4's checks ({@code %d} of {@code 1.5} is "number has no integer
 * representation") and error texts. LuaJ's own format writes floats with Java's text and
 * ignores widths on strings. Works on bytes, as C does: a width counts bytes, not characters.
 */
final class StringFormat {
    private static final String FLAGS_F = "-+ #0";
    private static final String FLAGS_X = "-#0";
    private static final String FLAGS_I = "-+ 0";
    private static final String FLAGS_U = "-0";
    private static final String FLAGS_C = "-";
    private static final int MAX_FORMAT = 32;

    private StringFormat() {
    }

    /** A parsed conversion: {@code form} is its text ("%-5.2f"), for messages. */
    private record Spec(String form, String flags, int width, int precision, char conv) {
        boolean has(char flag) {
            return flags.indexOf(flag) >= 0;
        }
    }

    static Varargs format(Varargs a) {
        LuaArgs.checkString(a, 1, "format");
        byte[] fmt = bytes(a.arg1());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int top = a.narg();
        int arg = 1;
        int i = 0;
        while (i < fmt.length) {
            byte c = fmt[i++];
            if (c != '%') {
                out.write(c);
                continue;
            }
            if (i < fmt.length && fmt[i] == '%') {
                out.write('%');
                i++;
                continue;
            }
            if (++arg > top) {
                throw LuaArgs.argError(arg, "format", "no value");
            }
            // getformat(): flags, digits and '.' spanned, then the conversion character
            int start = i;
            while (i < fmt.length && (FLAGS_F + "123456789.").indexOf(fmt[i]) >= 0) {
                i++;
            }
            int len = i - start + 1;
            if (len >= MAX_FORMAT - 10) {
                throw LuaArgs.positioned("invalid format string to 'format'");
            }
            String form = "%" + new String(fmt, start, Math.min(len, fmt.length - start), StandardCharsets.ISO_8859_1);
            char conv = i < fmt.length ? (char) (fmt[i++] & 0xFF) : '\0';
            item(out, a, arg, form, conv);
        }
        return LuaValue.valueOf(out.toByteArray());
    }

    private static void item(ByteArrayOutputStream out, Varargs a, int arg, String form, char conv) {
        switch (conv) {
            case 'c' -> {
                Spec s = check(form, FLAGS_C, false);
                long n = LuaArgs.checkInteger(a, arg, "format");
                pad(out, new byte[] {(byte) n}, s, false);
            }
            case 'd', 'i' -> integer(out, LuaArgs.checkInteger(a, arg, "format"), check(form, FLAGS_I, true));
            case 'u' -> integer(out, LuaArgs.checkInteger(a, arg, "format"), check(form, FLAGS_U, true));
            case 'o', 'x', 'X' -> integer(out, LuaArgs.checkInteger(a, arg, "format"), check(form, FLAGS_X, true));
            case 'a', 'A', 'e', 'E', 'f', 'F', 'g', 'G' -> {
                double n = LuaArgs.checkNumber(a, arg, "format");
                Spec s = check(form, FLAGS_F, true);
                pad(out, ascii(floating(n, s)), s, Double.isFinite(n));
            }
            case 'q' -> {
                if (form.length() > 2) {
                    throw LuaArgs.positioned("specifier '%q' cannot have modifiers");
                }
                quoted(out, a.arg(arg), arg);
            }
            case 's' -> {
                byte[] s = bytes(Lua54ToString.tolstring(a.arg(arg)));
                if (form.length() == 2) {
                    out.write(s, 0, s.length);
                    return;
                }
                for (byte b : s) {
                    if (b == 0) {
                        throw LuaArgs.argError(arg, "format", "string contains zeros");
                    }
                }
                Spec spec = check(form, FLAGS_C, true);
                if (form.indexOf('.') < 0 && s.length >= 100) {
                    out.write(s, 0, s.length); // no precision and too long to be formatted
                    return;
                }
                byte[] cut = spec.precision >= 0 && spec.precision < s.length
                        ? java.util.Arrays.copyOf(s, spec.precision) : s;
                pad(out, cut, spec, false);
            }
            default -> throw LuaArgs.positioned("invalid conversion '" + form + "' to 'format'");
        }
    }

    /** checkformat(): only the given flags, a width and (if allowed) a precision of 2 digits each. */
    private static Spec check(String form, String flags, boolean precision) {
        int i = 1;
        int end = form.length() - 1;
        while (i < end && flags.indexOf(form.charAt(i)) >= 0) {
            i++;
        }
        String fl = form.substring(1, i);
        int width = -1;
        int prec = -1;
        if (form.charAt(i) != '0') {
            int w = i;
            while (i < end && i - w < 2 && Character.isDigit(form.charAt(i))) {
                i++;
            }
            width = i > w ? Integer.parseInt(form.substring(w, i)) : -1;
            if (form.charAt(i) == '.' && precision) {
                int p = ++i;
                while (i < end && i - p < 2 && Character.isDigit(form.charAt(i))) {
                    i++;
                }
                prec = i > p ? Integer.parseInt(form.substring(p, i)) : 0;
            }
        }
        if (!Character.isLetter(form.charAt(i))) {
            throw LuaArgs.positioned("invalid conversion specification: '" + form + "'");
        }
        return new Spec(form, fl, width, prec, form.charAt(form.length() - 1));
    }

    /** printf's %d, %i, %u, %o, %x, %X of a 64-bit integer (lua_Integer, "ll" length). */
    private static void integer(ByteArrayOutputStream out, long n, Spec s) {
        String digits;
        String sign = "";
        String prefix = "";
        switch (s.conv) {
            case 'd', 'i' -> {
                digits = n < 0 ? (n == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(-n)) : Long.toString(n);
                sign = n < 0 ? "-" : s.has('+') ? "+" : s.has(' ') ? " " : "";
            }
            case 'u' -> digits = Long.toUnsignedString(n);
            case 'o' -> digits = Long.toOctalString(n);
            case 'x' -> digits = Long.toHexString(n);
            default -> digits = Long.toHexString(n).toUpperCase();
        }
        if (s.precision == 0 && n == 0) {
            digits = "";
        } else if (s.precision > digits.length()) {
            digits = "0".repeat(s.precision - digits.length()) + digits;
        }
        if (s.has('#') && n != 0) {
            prefix = s.conv == 'x' ? "0x" : s.conv == 'X' ? "0X" : s.conv == 'o' && !digits.startsWith("0") ? "0" : "";
        }
        boolean zero = s.has('0') && !s.has('-') && s.precision < 0;
        String body = sign + prefix + digits;
        if (zero && s.width > body.length()) {
            body = sign + prefix + "0".repeat(s.width - body.length()) + digits;
        }
        pad(out, ascii(body), s, false);
    }

    /** printf's float conversions, on the exact binary value, ties to even as glibc rounds. */
    static String floating(double n, Spec s) {
        boolean upper = Character.isUpperCase(s.conv);
        String sign = (n < 0 || (n == 0 && 1 / n < 0)) ? "-" : s.has('+') ? "+" : s.has(' ') ? " " : "";
        double x = Math.abs(n);
        String body;
        if (Double.isNaN(n)) {
            // glibc prints a NaN's sign; amd64's arithmetic makes NaNs with it set (0/0 is -nan)
            sign = Double.doubleToRawLongBits(n) < 0 ? "-" : s.has('+') ? "+" : s.has(' ') ? " " : "";
            body = "nan";
        } else if (Double.isInfinite(n)) {
            body = "inf";
        } else {
            int p = s.precision < 0 ? 6 : s.precision;
            body = switch (Character.toLowerCase(s.conv)) {
                case 'f' -> fixed(x, p, s.has('#'));
                case 'e' -> exponent(x, p, s.has('#'));
                case 'g' -> general(x, p == 0 ? 1 : p, s.has('#'));
                default -> hex(x);
            };
        }
        String text = sign + (upper ? body.toUpperCase() : body);
        if (s.has('0') && !s.has('-') && Double.isFinite(n) && s.width > text.length()) {
            int at = sign.length() + (text.startsWith("0x", sign.length()) || text.startsWith("0X", sign.length()) ? 2 : 0);
            text = text.substring(0, at) + "0".repeat(s.width - text.length()) + text.substring(at);
        }
        return text;
    }

    private static String fixed(double x, int p, boolean alt) {
        String t = new BigDecimal(x).setScale(p, RoundingMode.HALF_EVEN).toPlainString();
        return alt && p == 0 ? t + "." : t;
    }

    private static String exponent(double x, int p, boolean alt) {
        if (x == 0) {
            return (p == 0 ? (alt ? "0." : "0") : "0." + "0".repeat(p)) + "e+00";
        }
        BigDecimal r = new BigDecimal(x).round(new MathContext(p + 1, RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        String digits = r.unscaledValue().toString();
        digits = (digits + "0".repeat(p + 1)).substring(0, p + 1);
        String mant = digits.substring(0, 1) + (p > 0 || alt ? "." : "") + digits.substring(1);
        String e = Integer.toString(Math.abs(exp));
        return mant + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }

    private static String general(double x, int p, boolean alt) {
        if (!alt) {
            return CFormat.g(x, p);
        }
        // '#': trailing zeros kept
        int exp = x == 0 ? 0 : new BigDecimal(x).round(new MathContext(p, RoundingMode.HALF_EVEN)).precision()
                - new BigDecimal(x).round(new MathContext(p, RoundingMode.HALF_EVEN)).scale() - 1;
        return exp < -4 || exp >= p ? exponent(x, p - 1, true) : fixed(x, p - 1 - exp, true);
    }

    /** %a: glibc's hexadecimal float (0x1.8p+1), from Java's (0x1.8p1). */
    private static String hex(double x) {
        String j = Double.toHexString(x);
        int pp = j.indexOf('p');
        String mant = j.substring(0, pp);
        String exp = j.substring(pp + 1);
        if (mant.endsWith(".0")) {
            mant = mant.substring(0, mant.length() - 2);
        }
        if (x == 0) {
            return "0x0p+0";
        }
        return mant + "p" + (exp.startsWith("-") ? exp : "+" + exp);
    }

    /** addliteral(): %q. */
    private static void quoted(ByteArrayOutputStream out, LuaValue v, int arg) {
        switch (v.type()) {
            case LuaValue.TSTRING -> {
                byte[] s = bytes(v);
                out.write('"');
                for (int k = 0; k < s.length; k++) {
                    int c = s[k] & 0xFF;
                    if (c == '"' || c == '\\' || c == '\n') {
                        out.write('\\');
                        out.write(c);
                    } else if (c < 32 || c == 127) { // iscntrl(), '\0' and '\r' included
                        boolean digitNext = k + 1 < s.length && Character.isDigit(s[k + 1]);
                        out.writeBytes(ascii(digitNext ? String.format("\\%03d", c) : "\\" + c));
                    } else {
                        out.write(c);
                    }
                }
                out.write('"');
            }
            case LuaValue.TNUMBER -> {
                double d = v.todouble();
                String text;
                if (Lua54Arith.isInteger(v)) {
                    long n = v.tolong();
                    text = n == Long.MIN_VALUE ? "0x8000000000000000" : Long.toString(n);
                } else if (Double.isInfinite(d)) {
                    text = d > 0 ? "1e9999" : "-1e9999";
                } else if (Double.isNaN(d)) {
                    text = "(0/0)";
                } else {
                    text = (d < 0 ? "-" : "") + hex(Math.abs(d));
                }
                out.writeBytes(ascii(text));
            }
            case LuaValue.TNIL, LuaValue.TBOOLEAN -> out.writeBytes(ascii(v.tojstring()));
            default -> throw LuaArgs.argError(arg, "format", "value has no literal form");
        }
    }

    /** Pads to the width with blanks, left or right ('-'); zero padding is done by the caller. */
    private static void pad(ByteArrayOutputStream out, byte[] text, Spec s, boolean numeric) {
        int fill = Math.max(0, s.width - text.length);
        if (!s.has('-')) {
            for (int k = 0; k < fill; k++) {
                out.write(' ');
            }
        }
        out.write(text, 0, text.length);
        if (s.has('-')) {
            for (int k = 0; k < fill; k++) {
                out.write(' ');
            }
        }
    }


    private static byte[] bytes(LuaValue v) {
        LuaString s = v.checkstring();
        byte[] b = new byte[s.length()];
        s.copyInto(0, b, 0, b.length);
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
