package org.dovelua.nauthilus.net;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration} (time/format.go): {@code [-+]?(N[.N]UNIT)+} or {@code 0}; null when invalid. */
final class GoDuration {
    private static final Map<String, Long> UNIT_NANOS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final Pattern PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)([a-z\u00b5\u03bc]+)");

    private GoDuration() {
    }

    static Duration parse(String s) {
        String t = s;
        boolean neg = false;
        if (!t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+')) {
            neg = t.charAt(0) == '-';
            t = t.substring(1);
        }
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (t.isEmpty()) {
            return null;
        }
        Matcher m = PART.matcher(t);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                return null;
            }
            String num = m.group(1);
            Long unit = UNIT_NANOS.get(m.group(2));
            if (unit == null || num.isEmpty() || num.equals(".")) {
                return null;
            }
            nanos = nanos.add(new BigDecimal(num.endsWith(".") ? num + "0" : num.startsWith(".") ? "0" + num : num)
                    .multiply(BigDecimal.valueOf(unit)));
            at = m.end();
        }
        long n = nanos.longValue();
        return Duration.ofNanos(neg ? -n : n);
    }
}
