package org.dovelua.dict;

/**
 * glibc's {@code inet_aton()} (resolv/inet_addr.c), which net_addr2ip() uses for an address
 * without {@code :}: one to four parts, each decimal, octal ({@code 0} prefix) or hex
 * ({@code 0x}); the last part fills the remaining bytes ({@code 127.1} is 127.0.0.1); anything
 * after a whitespace character is ignored.
 */
final class InetAton {
    private InetAton() {
    }

    /** The dotted quad {@code s} names, or null if inet_aton() refuses it. */
    static String parse(String s) {
        long[] parts = new long[4];
        int n = 0;
        int i = 0;
        int len = s.length();
        while (true) {
            if (i >= len || !isDigit(s.charAt(i))) {
                return null;
            }
            int base = 10;
            if (s.charAt(i) == '0') {
                i++;
                base = 8;
                // strtoul(base 0) reads "0x" as hex only when a hex digit follows
                if (i + 1 < len && (s.charAt(i) == 'x' || s.charAt(i) == 'X')
                        && Character.digit(s.charAt(i + 1), 16) >= 0 && s.charAt(i + 1) <= 0x7f) {
                    i++;
                    base = 16;
                }
            }
            long v = 0;
            while (i < len) {
                int d = Character.digit(s.charAt(i), base);
                if (d < 0 || s.charAt(i) > 0x7f) {
                    break;
                }
                v = v * base + d;
                if (v > 0xFFFFFFFFL) {
                    return null; // strtoul overflow
                }
                i++;
            }
            if (n == 4) {
                return null;
            }
            parts[n++] = v;
            if (i < len && s.charAt(i) == '.') {
                if (n == 4) {
                    return null;
                }
                i++;
                continue;
            }
            break;
        }
        if (i < len && !isSpace(s.charAt(i))) {
            return null;
        }
        long val = parts[n - 1];
        for (int k = 0; k < n - 1; k++) {
            if (parts[k] > 0xff) {
                return null;
            }
        }
        long[] max = {0xFFFFFFFFL, 0xFFFFFFL, 0xFFFFL, 0xFFL};
        if (val > max[n - 1]) {
            return null;
        }
        for (int k = 0; k < n - 1; k++) {
            val |= parts[k] << (24 - 8 * k);
        }
        return ((val >> 24) & 0xff) + "." + ((val >> 16) & 0xff) + "." + ((val >> 8) & 0xff) + "." + (val & 0xff);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
