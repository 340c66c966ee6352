package org.dovelua.cli;

/** {@code wildcard_match()} (lib/wildcard-match.c): {@code *} and {@code ?}. */
final class Wildcard {
    private Wildcard() {
    }

    static boolean match(String s, String mask) {
        return match(s, 0, mask, 0);
    }

    private static boolean match(String s, int i, String m, int j) {
        while (j < m.length()) {
            char c = m.charAt(j);
            if (c == '*') {
                for (int k = i; k <= s.length(); k++) {
                    if (match(s, k, m, j + 1)) {
                        return true;
                    }
                }
                return false;
            }
            if (i >= s.length() || (c != '?' && c != s.charAt(i))) {
                return false;
            }
            i++;
            j++;
        }
        return i == s.length();
    }
}
