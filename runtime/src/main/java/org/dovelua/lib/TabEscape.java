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
}
