package org.dovelua.lua.gopher;

/**
 * Go's {@code strconv.Quote} (quote.go {@code appendQuotedWith}), which {@code %q} of a string
 * prints: double quotes, backslash escapes for a b f n r t v, the backslash and the quote,
 * printable runes as they are, control bytes (below 0x20, 0x7F) as backslash-x and two hex
 * digits, other unprintable runes as backslash-u and four (or backslash-U and eight) hex digits,
 * an invalid UTF-8 byte as backslash-x; {@code QuoteToASCII} (the {@code +} flag) escapes every
 * non-ASCII rune too.
 */
public final class GoQuote {
    private GoQuote() {
    }

    /** strconv.Quote of a Java string (its UTF-8 bytes). */
    public static String quote(String s) {
        return quote(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
    }

    static String quote(byte[] b, boolean asciiOnly) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < b.length;) {
            int[] r = GoFormat.decodeRune(b, i, b.length);
            int c = r[0];
            if (c == 0xFFFD && r[1] == 1 && !isReplacementChar(b, i)) {
                q.append(String.format("\\x%02x", b[i] & 0xff));
                i++;
                continue;
            }
            i += r[1];
            if (c == '"' || c == '\\') {
                q.append('\\').append((char) c);
            } else if (c < 0x80 ? c >= 0x20 && c != 0x7f : !asciiOnly && printable(c)) {
                q.appendCodePoint(c);
            } else {
                switch (c) {
                    case 7 -> q.append("\\a");
                    case '\b' -> q.append("\\b");
                    case '\f' -> q.append("\\f");
                    case '\n' -> q.append("\\n");
                    case '\r' -> q.append("\\r");
                    case 11 -> q.append("\\v");
                    case '\t' -> q.append("\\t");
                    default -> {
                        if (c < ' ' || c == 0x7f) {
                            q.append(String.format("\\x%02x", c));
                        } else if (c < 0x10000) {
                            q.append(String.format("\\u%04x", c));
                        } else {
                            q.append(String.format("\\U%08x", c));
                        }
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    private static boolean isReplacementChar(byte[] b, int i) {
        return i + 2 < b.length && (b[i] & 0xff) == 0xEF && (b[i + 1] & 0xff) == 0xBF && (b[i + 2] & 0xff) == 0xBD;
    }

    /** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean printable(int c) {
        return switch (Character.getType(c)) {
            case Character.UNASSIGNED, Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE,
                    Character.SURROGATE, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
