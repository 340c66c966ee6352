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
     * {@code str_tabunescape()} (strescape.c@2.3.19): {@code \001} + {@code 0 1 t r n} give NUL,
     * 0x01, TAB, CR, LF; {@code \001} + any other character gives that character; a lone trailing
     * {@code \001} is dropped.
     */
    public static String unescape(String s) {
        int at = s.indexOf('\001');
        if (at < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length()).append(s, 0, at);
        for (int i = at; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\001') {
                sb.append(c);
                continue;
            }
            if (++i == s.length()) {
                break;
            }
            char e = s.charAt(i);
            sb.append(switch (e) {
                case '0' -> '\0';
                case '1' -> '\001';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'n' -> '\n';
                default -> e;
            });
        }
        return sb.toString();
    }

    /**
     * {@code t_strsplit_tabescaped()} (strescape.c@2.3.19): split at every raw TAB, then unescape
     * each field; an empty line has no fields at all.
     */
    public static java.util.List<String> split(String line) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (line.isEmpty()) {
            return out;
        }
        int from = 0;
        for (int tab; (tab = line.indexOf('\t', from)) >= 0; from = tab + 1) {
            out.add(unescape(line.substring(from, tab)));
        }
        out.add(unescape(line.substring(from)));
        return out;
    }
}
