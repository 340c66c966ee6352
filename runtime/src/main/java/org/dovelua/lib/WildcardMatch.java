package org.dovelua.lib;

/**
 * {@code wildcard_match()} of src/lib/wildcard-match.c, ported as it is: the ircd-style matcher
 * that walks data and mask backwards, {@code *} for any run and {@code ?} for one character,
 * case-sensitive, no escapes. Strings are byte strings (one char per byte).
 */
public final class WildcardMatch {
    private WildcardMatch() {
    }

    /** {@code wildcard_match_icase()}: the same, ASCII letters compared without case (doveadm user MASK). */
    public static boolean matchIcase(String data, String mask) {
        return match(asciiLower(data), asciiLower(mask));
    }

    private static String asciiLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }

    public static boolean match(String data, String mask) {
        int ma = 0;
        int na = 0;
        if (data.isEmpty()) {
            // an empty string can match only "*" wildcard(s)
            int m = 0;
            while (m < mask.length() && mask.charAt(m) == '*') {
                m++;
            }
            return m == mask.length();
        }
        int lsm = -1;
        int lsn = -1;
        boolean haveLsm = false;
        int m = mask.length() - 1;
        int d = data.length() - 1;
        while (d >= na) {
            // the mask ran out before the data: fall back on a wildcard, or fail
            if (m < ma) {
                if (haveLsm) {
                    d = --lsn;
                    m = lsm;
                    if (d < na) {
                        haveLsm = false;
                    }
                } else {
                    return false;
                }
            }
            char mc = m >= 0 ? mask.charAt(m) : 0;
            if (mc == '*') {
                do {
                    m--;
                } while (m >= ma && mask.charAt(m) == '*');
                lsm = m;
                lsn = d;
                haveLsm = true;
                if (m < ma) {
                    return true;
                }
                continue;
            }
            if (mc == '?') {
                m--;
                d--;
                continue;
            }
            if (d >= 0 && m >= 0 && mc == data.charAt(d)) {
                m--;
                d--;
                continue;
            }
            // nomatch: back to the last '*', if any
            if (haveLsm) {
                d = --lsn;
                m = lsm;
                if (d < na) {
                    haveLsm = false;
                }
                continue;
            }
            return false;
        }
        while (m >= ma && mask.charAt(m) == '*') {
            m--;
        }
        return m < ma;
    }
}
