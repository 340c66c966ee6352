package org.dovelua.nauthilus;


/** Go's {@code %q} for a string (strconv.Quote): printable runes as they are, the rest escaped. */
public final class GoQuote {
    private GoQuote() {
    }

    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case 7 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 0x0B -> b.append("\\v");
                default -> {
                    if (cp == 0xFFFD) {
                        b.append(Character.toChars(cp)); // a decoded invalid byte shows as U+FFFD here
                    } else if (cp < 0x20 || cp == 0x7F) {
                        b.append(String.format("\\x%02x", cp));
                    } else if (isPrint(cp)) {
                        b.appendCodePoint(cp);
                    } else if (cp < 0x10000) {
                        b.append(String.format("\\u%04x", cp));
                    } else {
                        b.append(String.format("\\U%08x", cp));
                    }
                }
            }
        });
        return b.append('"').toString();
    }

    /** An approximation of unicode.IsPrint: letters, marks, numbers, punctuation, symbols and U+0020. */
    private static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.UNASSIGNED, Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE,
                    Character.SURROGATE, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

}
