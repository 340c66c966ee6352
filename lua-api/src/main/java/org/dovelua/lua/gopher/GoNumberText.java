package org.dovelua.lua.gopher;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The text gopher-lua gives a number (value.go {@code LNumber.String()}): an integral value as
 * {@code fmt.Sprint(int64(nm))}, any other as {@code fmt.Sprint(float64(nm))}, Go's {@code %v},
 * which is {@code strconv.FormatFloat(f, 'g', -1, 64)}: the shortest digits that read back as the
 * same float64, in exponent form when the decimal exponent is below -4 or at least 6 (strconv
 * ftoa.go {@code formatDigits}: "if precision was the shortest possible, use precision 6 for this
 * decision"; fmt/print.go {@code fmtFloat}: %v is {@code 'g', -1}), and {@code +Inf},
 * {@code -Inf}, {@code NaN} (fmt/format.go fmtFloat keeps the sign of an infinity, drops NaN's).
 */
public final class GoNumberText {
    private static final double TWO_63 = 0x1p63;

    private GoNumberText() {
    }

    /** {@code LNumber.String()}. */
    public static String format(double v) {
        if (isInteger(v)) {
            return Long.toString((long) v); // -0 is int64 0: "0"
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return shortestG(v);
    }

    /** fmt's {@code %v} of a float64 (strconv 'g', shortest): {@code 2}, {@code 1e+06}, {@code -0}, {@code +Inf}. */
    public static String percentV(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        return shortestG(v);
    }

    /**
     * utils.go {@code isInteger}: {@code float64(v) == float64(int64(v))}; Go's conversion of an
     * out-of-range float on amd64 gives math.MinInt64, so only values in [-2^63, 2^63) qualify.
     */
    static boolean isInteger(double v) {
        return v >= -TWO_63 && v < TWO_63 && v == Math.rint(v);
    }

    /** {@code strconv.FormatFloat(v, 'g', -1, 64)}: {@code 1e-05}, {@code 0.1}, {@code 1.2345675e+06}. */
    static String shortestG(double v) {
        BigDecimal exact = new BigDecimal(v);
        BigDecimal digits = null;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == v) {
                digits = r;
                break;
            }
        }
        if (digits == null) {
            digits = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
        }
        String unscaled = digits.unscaledValue().abs().toString();
        // strip trailing zeros of the digit string
        int len = unscaled.length();
        while (len > 1 && unscaled.charAt(len - 1) == '0') {
            len--;
        }
        String ds = unscaled.substring(0, len);
        // decimal exponent of the first digit: value = 0.d1d2... * 10^(point)
        int point = unscaled.length() - digits.scale();
        int exp = point - 1;
        StringBuilder sb = new StringBuilder();
        if (v < 0) {
            sb.append('-');
        }
        // strconv ftoa.go: %e when exp < -4 || exp >= eprec, eprec = 6 for the shortest form
        if (exp < -4 || exp >= 6) {
            sb.append(ds.charAt(0));
            if (ds.length() > 1) {
                sb.append('.').append(ds, 1, ds.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                sb.append('0');
            }
            sb.append(a);
            return sb.toString();
        }
        if (point <= 0) {
            sb.append("0.");
            for (int i = 0; i < -point; i++) {
                sb.append('0');
            }
            sb.append(ds);
        } else if (point >= ds.length()) {
            sb.append(ds);
            for (int i = ds.length(); i < point; i++) {
                sb.append('0');
            }
        } else {
            sb.append(ds, 0, point).append('.').append(ds, point, ds.length());
        }
        return sb.toString();
    }
}
