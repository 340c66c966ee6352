package org.dovelua.nauthilus;

import java.math.BigDecimal;
import org.dovelua.lua.gopher.GoNumberText;

/**
 * Go's float64 texts, as the Go code behind Nauthilus's Lua modules writes numbers: gopher-lua's
 * {@code LNumber.String} (vendor/github.com/yuin/gopher-lua/value.go: integral values via int64,
 * else {@code fmt.Sprint}), {@code fmt}'s {@code %v} (strconv's shortest 'g': an exponent when it is
 * below -4 or at least 6; both are the dialect's {@link GoNumberText}), {@code strconv.FormatFloat(f, 'f', -1, 64)} (go-redis's argument writer,
 * internal/proto/writer.go {@code float}) and encoding/json's {@code floatEncoder}.
 */
public final class GoFloat {
    private GoFloat() {
    }

    /** gopher-lua value.go {@code LNumber.String}: {@code isInteger} numbers print as int64. */
    public static String luaNumber(double d) {
        return GoNumberText.format(d);
    }

    /** fmt.Sprint(float64): %v, strconv's shortest %g. */
    public static String sprint(double d) {
        return GoNumberText.percentV(d);
    }

    /** strconv.FormatFloat(f, 'f', -1, 64). */
    public static String formatF(double d) {
        String special = special(d, "+Inf");
        if (special != null) {
            return special;
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        return Shortest.of(d).plain();
    }

    /**
     * encoding/json encode.go {@code floatEncoder.encode}: 'f' format unless the magnitude is below
     * 1e-6 or at least 1e21, then 'e' with a one-digit exponent ({@code e-07} becomes {@code e-7}).
     * The caller rejects NaN and infinities first.
     */
    public static String json(double d) {
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        double abs = Math.abs(d);
        Shortest s = Shortest.of(d);
        if (abs < 1e-6 || abs >= 1e21) {
            return s.scientific(s.pointExponent - 1, true);
        }
        return s.plain();
    }

    private static String special(double d, String posInf) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (d == Double.POSITIVE_INFINITY) {
            return posInf;
        }
        if (d == Double.NEGATIVE_INFINITY) {
            return "-Inf";
        }
        return null;
    }

    /** The shortest round-tripping decimal digits of a finite non-zero double. */
    private static final class Shortest {
        final boolean negative;
        final String digits; // no leading/trailing zeros
        final int pointExponent; // value = 0.digits * 10^pointExponent

        private Shortest(boolean negative, String digits, int pointExponent) {
            this.negative = negative;
            this.digits = digits;
            this.pointExponent = pointExponent;
        }

        static Shortest of(double d) {
            // the shortest digits that read back as d (Java 17's Double.toString is not always shortest)
            BigDecimal bd = new BigDecimal(GoNumberText.percentV(Math.abs(d))).stripTrailingZeros();
            String unscaled = bd.unscaledValue().toString();
            int pointExp = unscaled.length() - bd.scale();
            return new Shortest(d < 0, unscaled, pointExp);
        }

        String plain() {
            StringBuilder sb = new StringBuilder();
            if (negative) {
                sb.append('-');
            }
            if (pointExponent <= 0) {
                sb.append("0.");
                sb.append("0".repeat(-pointExponent));
                sb.append(digits);
            } else if (pointExponent >= digits.length()) {
                sb.append(digits);
                sb.append("0".repeat(pointExponent - digits.length()));
            } else {
                sb.append(digits, 0, pointExponent).append('.').append(digits.substring(pointExponent));
            }
            return sb.toString();
        }

        /** Go %e text: d.ddde+XX (two exponent digits at least, or one for encoding/json). */
        String scientific(int exp, boolean oneDigitExponent) {
            StringBuilder sb = new StringBuilder();
            if (negative) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits.substring(1));
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10 && !oneDigitExponent) {
                sb.append('0');
            }
            sb.append(a);
            return sb.toString();
        }
    }
}
