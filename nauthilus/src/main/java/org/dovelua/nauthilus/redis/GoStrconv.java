package org.dovelua.nauthilus.redis;

import java.util.regex.Pattern;

/**
 * Go's strconv.ParseFloat / ParseBool as go-redis's {@code StringCmd.Float64}/{@code Bool} and
 * {@code FloatCmd} use them on a reply, with their error texts
 * ({@code strconv.ParseFloat: parsing "x": invalid syntax}, {@code ... value out of range}).
 */
final class GoStrconv {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX = Pattern.compile(
            "[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?\\d+");
    private static final Pattern SPECIAL = Pattern.compile("(?i)[+-]?(inf|infinity|nan)");

    private GoStrconv() {
    }

    static final class NumError extends Exception {
        NumError(String message) {
            super(message, null, false, false);
        }
    }

    static double parseFloat(String s) throws NumError {
        if (SPECIAL.matcher(s).matches()) {
            String l = s.toLowerCase(java.util.Locale.ROOT);
            if (l.endsWith("nan")) {
                if (l.startsWith("+") || l.startsWith("-")) {
                    throw syntax("ParseFloat", s); // Go accepts no sign on NaN
                }
                return Double.NaN;
            }
            return l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!DECIMAL.matcher(s).matches() && !HEX.matcher(s).matches()) {
            throw syntax("ParseFloat", s);
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            throw new NumError("strconv.ParseFloat: parsing " + quote(s) + ": value out of range");
        }
        return d;
    }

    static boolean parseBool(String s) throws NumError {
        switch (s) {
            case "1": case "t": case "T": case "TRUE": case "true": case "True":
                return true;
            case "0": case "f": case "F": case "FALSE": case "false": case "False":
                return false;
            default:
                throw syntax("ParseBool", s);
        }
    }

    private static NumError syntax(String fn, String s) {
        return new NumError("strconv." + fn + ": parsing " + quote(s) + ": invalid syntax");
    }

    /** strconv.Quote for the texts these errors carry. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
