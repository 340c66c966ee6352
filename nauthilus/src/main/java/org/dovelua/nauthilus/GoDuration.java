package org.dovelua.nauthilus;

import java.math.BigDecimal;
import java.util.Map;

/** Go's {@code time.ParseDuration} and {@code time.Duration.String} (src/time/format.go), over nanoseconds. */
public final class GoDuration {
    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** The nanoseconds of {@code s}, or null where Go returns an error ("time: invalid duration ..."). */
    public static Long parse(String s) {
        String t = s;
        boolean neg = false;
        if (!t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+')) {
            neg = t.charAt(0) == '-';
            t = t.substring(1);
        }
        if (t.equals("0")) {
            return 0L;
        }
        if (t.isEmpty()) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < t.length()) {
            int start = i;
            while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
                i++;
            }
            String num = t.substring(start, i);
            if (num.isEmpty() || num.equals(".") || num.indexOf('.') != num.lastIndexOf('.')) {
                return null;
            }
            int u = i;
            while (i < t.length() && !Character.isDigit(t.charAt(i)) && t.charAt(i) != '.') {
                i++;
            }
            Long unit = UNITS.get(t.substring(u, i));
            if (unit == null) {
                return null; // missing or unknown unit
            }
            total = total.add(new BigDecimal(num.startsWith(".") ? "0" + num : num).multiply(BigDecimal.valueOf(unit)));
        }
        if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return null; // overflow
        }
        long n = total.longValue();
        return neg ? -n : n;
    }

    /** Duration.String: "1h30m0s", "1.5s", "500ms", "0s". */
    public static String format(long d) {
        if (d == 0) {
            return "0s";
        }
        boolean neg = d < 0;
        long u = Math.abs(d);
        String out;
        if (u < 1_000_000_000L) {
            if (u < 1_000L) {
                out = u + "ns";
            } else if (u < 1_000_000L) {
                out = fraction(u, 3) + "\u00b5s";
            } else {
                out = fraction(u, 6) + "ms";
            }
        } else {
            String secs = fraction(u % 60_000_000_000L, 9) + "s";
            long minutes = u / 60_000_000_000L;
            if (minutes == 0) {
                out = secs;
            } else if (minutes < 60) {
                out = minutes + "m" + secs;
            } else {
                out = (minutes / 60) + "h" + (minutes % 60) + "m" + secs;
            }
        }
        return neg ? "-" + out : out;
    }

    /** v / 10^digits with the fraction's trailing zeros (and a bare point) dropped. */
    private static String fraction(long v, int digits) {
        BigDecimal b = BigDecimal.valueOf(v).movePointLeft(digits).stripTrailingZeros();
        return b.scale() <= 0 ? b.toBigInteger().toString() : b.toPlainString();
    }
}
