package org.dovelua.nauthilus.net;

/** net/textproto {@code CanonicalMIMEHeaderKey}: {@code content-type} is {@code Content-Type}. */
final class GoHeaders {
    private GoHeaders() {
    }

    static String canonical(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean token = c == '-' || c == '!' || c == '#' || c == '$' || c == '%' || c == '&' || c == '\''
                    || c == '*' || c == '+' || c == '.' || c == '^' || c == '_' || c == '`' || c == '|' || c == '~'
                    || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!token) {
                return key; // textproto: a key with a non-token byte is returned unchanged
            }
        }
        StringBuilder b = new StringBuilder(key.length());
        boolean upper = true;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            b.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return b.toString();
    }
}
