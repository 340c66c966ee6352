package org.dovelua.lib;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * glibc's {@code regcomp(REG_EXTENDED)}, as far as java.util.regex can play it: bracket
 * expressions are rewritten to Java's syntax ({@code [:alpha:]} classes; backslash, {@code [} and
 * {@code &} literal inside brackets; a leading {@code ]} literal). Not reproduced: POSIX's
 * leftmost-longest rule for alternations, and regerror()'s texts for bad patterns.
 */
public final class PosixRegex {
    private static final Map<String, String> CLASSES = Map.ofEntries(Map.entry("alpha", "\\p{Alpha}"),
            Map.entry("digit", "\\p{Digit}"), Map.entry("alnum", "\\p{Alnum}"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("lower", "\\p{Lower}"), Map.entry("space", "\\s"), Map.entry("punct", "\\p{Punct}"),
            Map.entry("xdigit", "\\p{XDigit}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("print", "\\p{Print}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("blank", "\\p{Blank}"));

    private PosixRegex() {
    }

    /** The pattern compiled, or null where dovelua cannot translate or compile it. */
    public static Pattern compile(String ere) {
        try {
            return Pattern.compile(toJava(ere));
        } catch (IllegalArgumentException e) { // PatternSyntaxException included
            return null;
        }
    }

    static String toJava(String ere) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < ere.length()) {
            char c = ere.charAt(i);
            if (c == '\\' && i + 1 < ere.length()) {
                out.append(c).append(ere.charAt(i + 1));
                i += 2;
            } else if (c == '[') {
                i = bracket(ere, i, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** One bracket expression starting at {@code start}; returns the index after it. */
    private static int bracket(String ere, int start, StringBuilder out) {
        int i = start + 1;
        out.append('[');
        if (i < ere.length() && ere.charAt(i) == '^') {
            out.append('^');
            i++;
        }
        boolean first = true;
        while (i < ere.length()) {
            char c = ere.charAt(i);
            if (c == ']' && !first) {
                out.append(']');
                return i + 1;
            }
            first = false;
            if (c == '[' && i + 1 < ere.length() && ere.charAt(i + 1) == ':') {
                int end = ere.indexOf(":]", i + 2);
                String cls = end < 0 ? null : CLASSES.get(ere.substring(i + 2, end));
                if (cls == null) {
                    throw new IllegalArgumentException("unknown character class");
                }
                out.append(cls);
                i = end + 2;
                continue;
            }
            if (c == '\\' || c == '[' || c == ']' || c == '&') {
                out.append('\\');
            }
            out.append(c);
            i++;
        }
        throw new IllegalArgumentException("unterminated bracket expression");
    }
}
