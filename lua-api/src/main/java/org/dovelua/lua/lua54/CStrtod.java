package org.dovelua.lua.lua54;

/**
 * glibc's {@code strtod} in the C locale, from a position in a NUL-terminated byte string: an
 * optional sign, then {@code inf}/{@code infinity}, {@code nan}/{@code nan(...)}, a hex float
 * ({@code 0x1.8p3}) or a decimal one; the longest prefix that forms a number counts, and
 * {@code end == start} means no number. (The caller never starts on white space, so the
 * leading-space skip is left out.)
 */
public final class CStrtod {
    public record Result(double value, int end) {
    }

    private CStrtod() {
    }

    public static Result parse(byte[] s, int start) {
        int p = start;
        boolean neg = false;
        if (at(s, p) == '+' || at(s, p) == '-') {
            neg = at(s, p) == '-';
            p++;
        }
        if (word(s, p, "inf")) {
            int end = word(s, p, "infinity") ? p + 8 : p + 3;
            return new Result(neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, end);
        }
        if (word(s, p, "nan")) {
            int end = p + 3;
            if (at(s, end) == '(') {
                int q = end + 1;
                while (isalnum(at(s, q)) || at(s, q) == '_') {
                    q++;
                }
                if (at(s, q) == ')') {
                    end = q + 1;
                }
            }
            return new Result(Double.NaN, end);
        }
        if (at(s, p) == '0' && (at(s, p + 1) | 0x20) == 'x') {
            Result hex = hex(s, p + 2, neg);
            if (hex != null) {
                return hex;
            }
            return new Result(neg ? -0.0 : 0.0, p + 1); // just the "0"
        }
        int q = p;
        StringBuilder num = new StringBuilder(neg ? "-" : "");
        int digits = 0;
        while (isdigit(at(s, q))) {
            num.append((char) at(s, q++));
            digits++;
        }
        if (at(s, q) == '.') {
            int r = q + 1;
            StringBuilder frac = new StringBuilder(".");
            while (isdigit(at(s, r))) {
                frac.append((char) at(s, r++));
                digits++;
            }
            if (digits > 0) {
                num.append(frac);
                q = r;
            }
        }
        if (digits == 0) {
            return new Result(0, start);
        }
        if ((at(s, q) | 0x20) == 'e') {
            int r = q + 1;
            StringBuilder exp = new StringBuilder("e");
            if (at(s, r) == '+' || at(s, r) == '-') {
                exp.append((char) at(s, r++));
            }
            if (isdigit(at(s, r))) {
                while (isdigit(at(s, r))) {
                    exp.append((char) at(s, r++));
                }
                num.append(exp);
                q = r;
            }
        }
        return new Result(parseDecimal(num.toString()), q);
    }

    /** Java's parser rounds correctly, as glibc's does; exponents past an int saturate first. */
    private static double parseDecimal(String num) {
        int e = num.indexOf('e');
        if (e >= 0) {
            String exp = num.substring(e + 1);
            String digits = exp.replaceFirst("^[+-]", "");
            if (digits.length() > 9) {
                exp = (exp.startsWith("-") ? "-" : "") + "999999999";
                num = num.substring(0, e + 1) + exp;
            }
        }
        return Double.parseDouble(num);
    }

    private static Result hex(byte[] s, int p, boolean neg) {
        StringBuilder mant = new StringBuilder();
        int q = p;
        int digits = 0;
        while (hexdigit(at(s, q))) {
            mant.append((char) at(s, q++));
            digits++;
        }
        if (at(s, q) == '.') {
            int r = q + 1;
            StringBuilder frac = new StringBuilder(".");
            while (hexdigit(at(s, r))) {
                frac.append((char) at(s, r++));
                digits++;
            }
            if (digits > 0) {
                mant.append(frac);
                q = r;
            }
        }
        if (digits == 0) {
            return null;
        }
        String exp = "0";
        if ((at(s, q) | 0x20) == 'p') {
            int r = q + 1;
            StringBuilder e = new StringBuilder();
            if (at(s, r) == '+' || at(s, r) == '-') {
                e.append((char) at(s, r++));
            }
            if (isdigit(at(s, r))) {
                while (isdigit(at(s, r))) {
                    e.append((char) at(s, r++));
                }
                exp = e.toString();
                q = r;
            }
        }
        String m = mant.toString();
        if (m.startsWith(".")) {
            m = "0" + m;
        }
        String digitsOnly = exp.replaceFirst("^[+-]", "");
        if (digitsOnly.length() > 9) {
            exp = (exp.startsWith("-") ? "-" : "") + "999999999";
        }
        double v = Double.parseDouble("0x" + m + "p" + exp);
        return new Result(neg ? -v : v, q);
    }

    private static int at(byte[] s, int i) {
        return i < s.length ? s[i] & 0xFF : 0;
    }

    private static boolean word(byte[] s, int p, String w) {
        for (int i = 0; i < w.length(); i++) {
            if ((at(s, p + i) | 0x20) != w.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isdigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean hexdigit(int c) {
        return isdigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
    }

    private static boolean isalnum(int c) {
        return LuaPatternClass.isalnum(c);
    }
}
