package org.dovelua.nauthilus.lib;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's reference-time layouts (time/format.go {@code nextStdChunk}): a layout split into literal
 * text and the standard elements {@code 2006 06 January Jan 1 01 Monday Mon 2 _2 02 __2 002 15 3
 * 03 4 04 5 05 PM pm MST -0700 -07:00 -07 -070000 -07:00:00 Z0700 Z07:00 Z07 Z070000 Z07:00:00}
 * and fractional seconds {@code .000}/{@code .999} (or with a comma).
 */
final class GoTimeLayout {
    /** One piece: either literal text (std == null) or a standard element. */
    record Chunk(String literal, String std) {
        boolean isLiteral() {
            return std == null;
        }
    }

    private GoTimeLayout() {
    }

    static List<Chunk> split(String layout) {
        List<Chunk> out = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            String std = stdAt(layout, i);
            if (std == null) {
                lit.append(layout.charAt(i));
                i++;
                continue;
            }
            if (lit.length() > 0) {
                out.add(new Chunk(lit.toString(), null));
                lit.setLength(0);
            }
            out.add(new Chunk(null, std));
            i += std.length();
        }
        if (lit.length() > 0) {
            out.add(new Chunk(lit.toString(), null));
        }
        return out;
    }

    private static boolean at(String s, int i, String p) {
        return s.startsWith(p, i);
    }

    /** format.go nextStdChunk's choice at position i, or null for literal text. */
    private static String stdAt(String l, int i) {
        char c = l.charAt(i);
        switch (c) {
            case 'J':
                if (at(l, i, "January")) {
                    return "January";
                }
                return at(l, i, "Jan") ? "Jan" : null;
            case 'M':
                if (at(l, i, "Monday")) {
                    return "Monday";
                }
                if (at(l, i, "Mon")) {
                    return "Mon";
                }
                return at(l, i, "MST") ? "MST" : null;
            case '0':
                if (i + 1 < l.length() && l.charAt(i + 1) >= '1' && l.charAt(i + 1) <= '6') {
                    return l.substring(i, i + 2);
                }
                return at(l, i, "002") ? "002" : null;
            case '1':
                return at(l, i, "15") ? "15" : "1";
            case '2':
                return at(l, i, "2006") ? "2006" : "2";
            case '_':
                if (at(l, i, "_2")) {
                    // _2006 is really a literal _, followed by stdLongYear
                    if (at(l, i + 1, "2006")) {
                        return null;
                    }
                    return "_2";
                }
                return at(l, i, "__2") ? "__2" : null;
            case '3':
            case '4':
            case '5':
                return String.valueOf(c);
            case 'P':
                return at(l, i, "PM") ? "PM" : null;
            case 'p':
                return at(l, i, "pm") ? "pm" : null;
            case '-':
                for (String z : new String[] {"-070000", "-07:00:00", "-0700", "-07:00", "-07"}) {
                    if (at(l, i, z)) {
                        return z;
                    }
                }
                return null;
            case 'Z':
                for (String z : new String[] {"Z070000", "Z07:00:00", "Z0700", "Z07:00", "Z07"}) {
                    if (at(l, i, z)) {
                        return z;
                    }
                }
                return null;
            case '.':
            case ',':
                if (i + 1 < l.length() && (l.charAt(i + 1) == '0' || l.charAt(i + 1) == '9')) {
                    char ch = l.charAt(i + 1);
                    int j = i + 1;
                    while (j < l.length() && l.charAt(j) == ch) {
                        j++;
                    }
                    if (!(j < l.length() && Character.isDigit(l.charAt(j)))) {
                        return l.substring(i, j);
                    }
                }
                return null;
            default:
                return null;
        }
    }
}
