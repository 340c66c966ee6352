package org.dovelua.lua.lua54;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * glibc's {@code printf("%.<p>g", x)}: {@code p} significant digits from the exact binary value,
 * rounded half to even; fixed notation when the exponent is in {@code [-4, p)}, otherwise
 * {@code d.ddde+XX}; trailing zeros and a bare point removed; {@code inf}, {@code -inf},
 * {@code nan} (sign of NaN not kept), {@code -0}.
 */
public final class CFormat {
    private CFormat() {
    }

    public static String g(double x, int precision) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        int p = precision == 0 ? 1 : precision;
        if (x == 0) {
            return 1 / x < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(x).round(new MathContext(p, RoundingMode.HALF_EVEN));
        int exp = rounded.precision() - rounded.scale() - 1; // decimal exponent of the first digit
        String digits = rounded.unscaledValue().abs().toString();
        while (digits.length() < p) {
            digits += "0";
        }
        String sign = rounded.signum() < 0 ? "-" : "";
        if (exp < -4 || exp >= p) {
            String mant = digits.substring(0, 1) + "." + digits.substring(1);
            mant = strip(mant);
            String e = String.valueOf(Math.abs(exp));
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        String fixed;
        if (exp >= 0) {
            fixed = digits.substring(0, exp + 1) + "." + digits.substring(exp + 1);
        } else {
            fixed = "0." + "0".repeat(-exp - 1) + digits;
        }
        return sign + strip(fixed);
    }

    private static String strip(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
