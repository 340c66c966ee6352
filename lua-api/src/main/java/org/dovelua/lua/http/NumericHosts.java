package org.dovelua.lua.http;

/**
 * The numeric address parsers an URL's IP-literal goes through (uri-util.c
 * {@code uri_parse_ip_literal}): glibc's {@code inet_pton(AF_INET6)} (resolv/inet_pton.c) before
 * 2.4.0, Dovecot's {@code net_addr2ip()} (src/lib/net.c: its own dotted-quad reader, then glibc's
 * {@code getaddrinfo(AI_NUMERICHOST)}) since. Only whether an address parses matters here.
 */
final class NumericHosts {
    private NumericHosts() {
    }

    /** glibc inet_pton6: 8 groups of 1-4 hex digits, one "::", an optional dotted quad at the end. */
    static boolean inetPton6(String src) {
        int n = src.length();
        int i = 0;
        if (n == 0) {
            return false;
        }
        if (src.charAt(0) == ':') {
            i++;
            if (i == n || src.charAt(i) != ':') {
                return false;
            }
        }
        int bytes = 0;
        boolean colonp = false;
        int curtok = i;
        int digits = 0;
        int val = 0;
        while (i < n) {
            char ch = src.charAt(i++);
            int d = Character.digit(ch, 16);
            if (d >= 0 && ch < 0x80) {
                if (digits == 4) {
                    return false;
                }
                val = (val << 4) | d;
                digits++;
                continue;
            }
            if (ch == ':') {
                curtok = i;
                if (digits == 0) {
                    if (colonp) {
                        return false;
                    }
                    colonp = true;
                    continue;
                } else if (i == n) {
                    return false;
                }
                if (bytes + 2 > 16) {
                    return false;
                }
                bytes += 2;
                digits = 0;
                val = 0;
                continue;
            }
            if (ch == '.' && bytes + 4 <= 16 && inetPton4(src.substring(curtok))) {
                bytes += 4;
                digits = 0;
                break;
            }
            return false;
        }
        if (digits > 0) {
            if (bytes + 2 > 16) {
                return false;
            }
            bytes += 2;
        }
        if (colonp) {
            // "::" would expand to a zero-width field
            return bytes != 16;
        }
        return bytes == 16;
    }

    /** glibc inet_pton4: exactly four decimal octets, no leading zeros. */
    static boolean inetPton4(String src) {
        boolean sawDigit = false;
        int octets = 0;
        int cur = 0;
        for (int i = 0; i < src.length(); i++) {
            char ch = src.charAt(i);
            if (ch >= '0' && ch <= '9') {
                int next = cur * 10 + (ch - '0');
                if (sawDigit && cur == 0) {
                    return false;
                }
                if (next > 255) {
                    return false;
                }
                cur = next;
                if (!sawDigit) {
                    if (++octets > 4) {
                        return false;
                    }
                    sawDigit = true;
                }
            } else if (ch == '.' && sawDigit) {
                if (octets == 4) {
                    return false;
                }
                cur = 0;
                sawDigit = false;
            } else {
                return false;
            }
        }
        return octets >= 4;
    }

    /**
     * net_addr2ip (2.4): net_addr2ip_inet4_fast's a.b.c.d, else getaddrinfo with AI_NUMERICHOST:
     * inet_aton's forms, or an IPv6 address with an optional numeric {@code %scope} (an interface
     * name as scope, which glibc also takes for link-local addresses, is not known here).
     */
    static boolean netAddr2ip(String addr) {
        if (inet4Fast(addr) || inetAtonExact(addr)) {
            return true;
        }
        int pct = addr.indexOf('%');
        if (pct < 0) {
            return inetPton6(addr);
        }
        return inetPton6(addr.substring(0, pct)) && numericScope(addr.substring(pct + 1));
    }

    /** net.c net_addr2ip_inet4_fast: str_parse_uint parts, each below 256. */
    private static boolean inet4Fast(String addr) {
        String[] parts = addr.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 10 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Long.parseLong(p) >= 256) {
                return false;
            }
        }
        return true;
    }

    /** glibc inet_aton_exact: 1-4 parts in C's bases (0x hex, 0 octal), the last filling the rest. */
    static boolean inetAtonExact(String cp) {
        int i = 0;
        int n = cp.length();
        int parts = 0;
        long val;
        while (true) {
            if (i >= n || cp.charAt(i) < '0' || cp.charAt(i) > '9') {
                return false;
            }
            // strtoul(cp, &end, 0)
            int base = 10;
            if (cp.charAt(i) == '0') {
                base = 8;
                if (i + 1 < n && (cp.charAt(i + 1) == 'x' || cp.charAt(i + 1) == 'X')
                        && i + 2 < n && Character.digit(cp.charAt(i + 2), 16) >= 0) {
                    base = 16;
                    i += 2;
                }
            }
            val = 0;
            while (i < n && cp.charAt(i) < 0x80 && Character.digit(cp.charAt(i), base) >= 0) {
                val = val * base + Character.digit(cp.charAt(i), base);
                if (val > 0xffffffffL) {
                    return false;
                }
                i++;
            }
            if (i < n && cp.charAt(i) == '.') {
                if (parts > 2 || val > 0xff) {
                    return false;
                }
                parts++;
                i++;
            } else {
                break;
            }
        }
        if (i != n) {
            return false;
        }
        long max = switch (parts) {
            case 0 -> 0xffffffffL;
            case 1 -> 0xffffffL;
            case 2 -> 0xffffL;
            default -> 0xffL;
        };
        return val <= max;
    }

    /** glibc __inet6_scopeid_pton's numeric form: decimal digits up to UINT32_MAX. */
    private static boolean numericScope(String scope) {
        if (scope.isEmpty() || scope.charAt(0) < '0' || scope.charAt(0) > '9') {
            return false;
        }
        long v = 0;
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            v = v * 10 + (c - '0');
            if (v > 0xffffffffL) {
                return false;
            }
        }
        return true;
    }
}
