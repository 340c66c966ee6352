package org.dovelua.lua.dovecot;

import java.net.NetworkInterface;
import java.net.SocketException;

/**
 * Which address family lib/net.c's {@code net_addr2ip()} (2.4.1) finds in a string, for 2.4's
 * {@code dovecot.net_ip_family()}: 4, 6, or 0 when it is no numeric address. {@code net_addr2ip}
 * strips {@code [...]} around a string with a colon, then asks glibc's {@code getaddrinfo()} with
 * {@code AI_NUMERICHOST}, which takes {@code inet_aton}'s forms exactly (1 to 4 parts, decimal,
 * octal or hex, nothing after) and {@code inet_pton}'s IPv6 text with an optional {@code %scope}
 * ({@code __inet6_scopeid_pton}: a decimal number, or an interface name for a link-local address).
 */
public final class IpFamily {
    private IpFamily() {
    }

    /** 4, 6 or 0, as {@code net_ip_family} pushes it. */
    public static int of(String addr) {
        if (addr.indexOf(':') >= 0 && addr.startsWith("[") && addr.endsWith("]") && addr.length() >= 2) {
            addr = addr.substring(1, addr.length() - 1);
        }
        if (inetAton(addr)) {
            return 4;
        }
        int pct = addr.indexOf('%');
        String host = pct < 0 ? addr : addr.substring(0, pct);
        int[] v6 = inetPton6(host);
        if (v6 == null) {
            return 0;
        }
        return pct < 0 || scopeOk(v6, addr.substring(pct + 1)) ? 6 : 0;
    }

    /** glibc's {@code __inet_aton_exact}: a, a.b, a.b.c or a.b.c.d, each part C-style numeric. */
    static boolean inetAton(String s) {
        if (s.isEmpty()) {
            return false;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return false;
        }
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long n = cNumber(parts[i]);
            if (n == null) {
                return false;
            }
            v[i] = n;
        }
        // the last part fills the bytes the others leave
        long lastMax = 0xffffffffL >>> (8 * (parts.length - 1));
        for (int i = 0; i < parts.length - 1; i++) {
            if (v[i] > 0xff) {
                return false;
            }
        }
        return v[parts.length - 1] <= lastMax;
    }

    /** {@code strtoul(part, &end, 0)} over the whole part: 0x.. hex, 0.. octal, else decimal. */
    private static Long cNumber(String p) {
        if (p.isEmpty()) {
            return null;
        }
        int radix = 10;
        String digits = p;
        if (p.length() > 1 && p.charAt(0) == '0' && (p.charAt(1) == 'x' || p.charAt(1) == 'X')) {
            radix = 16;
            digits = p.substring(2);
            if (digits.isEmpty()) {
                return null; // "0x" alone: inet_aton sees no digit after it
            }
        } else if (p.charAt(0) == '0') {
            radix = 8;
        }
        long n = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0 || digits.charAt(i) > 0x7f) {
                return null;
            }
            n = n * radix + d;
            if (n > 0xffffffffL) {
                return null;
            }
        }
        return n;
    }

    /** glibc's {@code inet_pton6}: the 8 groups, or null. */
    static int[] inetPton6(String s) {
        int[] groups = new int[8];
        int n = 0;
        int gap = -1;
        int i = 0;
        int len = s.length();
        if (len == 0) {
            return null;
        }
        if (s.charAt(0) == ':') {
            if (len < 2 || s.charAt(1) != ':') {
                return null;
            }
            i = 1;
        }
        int groupStart = i;
        int val = 0;
        int digits = 0;
        for (; i < len; i++) {
            char c = s.charAt(i);
            int d = Character.digit(c, 16);
            if (d >= 0 && c < 0x80) {
                if (++digits > 4) {
                    return null;
                }
                val = (val << 4) | d;
                continue;
            }
            if (c == ':') {
                groupStart = i + 1;
                if (digits == 0) {
                    if (gap >= 0) {
                        return null;
                    }
                    gap = n;
                    continue;
                }
                if (i + 1 == len || n == 8) {
                    return null; // a trailing single colon, or too many groups
                }
                groups[n++] = val;
                val = 0;
                digits = 0;
                continue;
            }
            if (c == '.' && n <= 6) {
                int[] v4 = dottedQuad(s.substring(groupStart));
                if (v4 == null) {
                    return null;
                }
                groups[n++] = v4[0];
                groups[n++] = v4[1];
                digits = 0;
                i = len;
                break;
            }
            return null;
        }
        if (digits > 0) {
            if (n == 8) {
                return null;
            }
            groups[n++] = val;
        }
        if (gap >= 0) {
            if (n == 8) {
                return null;
            }
            int move = n - gap;
            int[] out = new int[8];
            System.arraycopy(groups, 0, out, 0, gap);
            System.arraycopy(groups, gap, out, 8 - move, move);
            return out;
        }
        return n == 8 ? groups : null;
    }

    /** {@code inet_pton4}: four decimal parts 0-255, no leading zeros; as two 16-bit groups. */
    private static int[] dottedQuad(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            return null;
        }
        int[] b = new int[4];
        for (int i = 0; i < 4; i++) {
            String x = p[i];
            if (x.isEmpty() || x.length() > 3 || (x.length() > 1 && x.charAt(0) == '0')) {
                return null;
            }
            for (int j = 0; j < x.length(); j++) {
                if (x.charAt(j) < '0' || x.charAt(j) > '9') {
                    return null;
                }
            }
            b[i] = Integer.parseInt(x);
            if (b[i] > 255) {
                return null;
            }
        }
        return new int[] {(b[0] << 8) | b[1], (b[2] << 8) | b[3]};
    }

    /** {@code __inet6_scopeid_pton}: an interface name (link-local addresses only), else a number. */
    private static boolean scopeOk(int[] v6, String scope) {
        if (scope.isEmpty()) {
            return false;
        }
        boolean linkLocal = (v6[0] & 0xffc0) == 0xfe80 || (v6[0] & 0xff0f) == 0xff01 || (v6[0] & 0xff0f) == 0xff02;
        if (linkLocal) {
            try {
                if (NetworkInterface.getByName(scope) != null) {
                    return true;
                }
            } catch (SocketException e) {
                // not a name this host knows: try it as a number
            }
        }
        if (scope.charAt(0) < '0' || scope.charAt(0) > '9') {
            return false;
        }
        long n = 0;
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            n = n * 10 + (c - '0');
            if (n > 0xffffffffL) {
                return false;
            }
        }
        return true;
    }
}
