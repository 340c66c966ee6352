package org.dovelua.lib;

/** {@code str_append_tabescaped()} (lib/strescape.c): how values travel in auth protocol lines. */
public final class TabEscape {
    private TabEscape() {
    }

    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\001':
                    sb.append("\0011");
                    break;
                case '\t':
                    sb.append("\001t");
                    break;
                case '\r':
                    sb.append("\001r");
                    break;
                case '\n':
                    sb.append("\001n");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@code key=value} fields of a reply, each value escaped. */
    public static String fields(java.util.List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (String f : fields) {
            sb.append('\t').append(escape(f));
        }
        return sb.toString();
    }

    /**
     * {@code str_tabunescape()} (lib/strescape.c@2.3.19): {@code \001} + {@code 0 1 t r n} are NUL,
     * 0x01, TAB, CR, LF; {@code \001} + any other character is that character; a trailing
     * {@code \001} is dropped. A NUL stays in the result (C callers see the string end there).
     */
    public static String unescape(String s) {
        int p = s.indexOf('\001');
        if (p < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        sb.append(s, 0, p);
        for (int i = p; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\001') {
                sb.append(c);
                continue;
            }
            if (++i >= s.length()) {
                break; // truncated input
            }
            char e = s.charAt(i);
            switch (e) {
                case '0' -> sb.append('\0');
                case '1' -> sb.append('\001');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'n' -> sb.append('\n');
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }
}
