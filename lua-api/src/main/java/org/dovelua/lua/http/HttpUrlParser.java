package org.dovelua.lua.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code http_url_parse(url, NULL, flags, ...)} (src/lib-http/http-url.c {@code http_url_do_parse})
 * over src/lib/uri-util.c's parser, with their error texts: what lib-http accepts as an absolute
 * http(s) URL, and why it refuses one. A port, byte by byte, of the C code: the URL is a C string
 * (cut at its first NUL), the parser reads the NUL after its end where the C code does.
 * <p>
 * What differs between releases is a {@link Rules}' switch, set from the version table.
 */
public final class HttpUrlParser {
    /** {@code enum http_url_parse_flags} (http-url.h), those the callers dovelua emulates pass. */
    public enum Flag {
        /** dlua's {@code request{url=}}, {@code http_client_request_url_str}. */
        ALLOW_USERINFO_PART,
        ALLOW_FRAGMENT_PART,
        ALLOW_PCT_NUL
    }

    /**
     * What changed in 2.4.0's uri-util.c.
     *
     * @param namesCharacter commit 6dc0dd4220/49fd6be9ff: errors name the offending character
     *     ({@code uri_char_sanitize}: {@code 'c'} or {@code <0xNN>}); before, the percent-encoding
     *     errors printed the byte raw and the path, query and fragment errors none
     * @param hostPctChecked commit 79fbbd098b: a percent-encoded byte a host name does not allow is
     *     "Invalid percent encoding in hostname"; before, as a label's first character it failed
     *     without a text (glibc prints {@code (null)}), later in a label it ended the label
     * @param ipLiteralByAddr2ip commit b7f2bffbd2: an IP-literal is read by {@code net_addr2ip()}
     *     (getaddrinfo AI_NUMERICHOST: IPv4 forms, scope ids); before, by {@code inet_pton(AF_INET6)}
     */
    public record Rules(boolean namesCharacter, boolean hostPctChecked, boolean ipLiteralByAddr2ip) {
        public static final Rules V23 = new Rules(false, false, false);
        public static final Rules V24 = new Rules(true, true, true);
    }

    /**
     * A URL lib-http accepted: {@code https}, the host as {@code struct uri_host}'s name (a host
     * name decoded, an IPv4 address as written, an IP-literal with its brackets), the port (0: none
     * given), and the path and query as written (null: none).
     */
    public record Url(boolean https, String host, boolean ipLiteral, int port, String path, String query) {
    }

    /** Either {@code url} or {@code error} (error: the text, "(null)" where the C code set none). */
    public record Result(Url url, String error) {
        public boolean ok() {
            return url != null;
        }
    }

    // uri-util.c _uri_char_lookup
    private static final int UNRESERVED = 1;
    private static final int SUB_DELIMS = 1 << 1;
    private static final int PCHAR = 1 | (1 << 1) | (1 << 3);
    private static final int UCHAR = 1 | (1 << 1) | (1 << 4);
    private static final int QCHAR = 1 | (1 << 1) | (1 << 3) | (1 << 5) | (1 << 6);
    private static final int[] LOOKUP = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 2, 0, 4, 2, 0, 2, 2, 2, 2, 2, 2, 2, 1, 1, 36,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 28, 2, 0, 2, 0, 68,
        12, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 0, 4, 0, 1,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0,
    };
    private static final int URI_MAX_SCHEME_NAME_LEN = 64;

    private final Rules rules;
    private final boolean allowUserinfo;
    private final boolean allowFragment;
    private final boolean allowPctNul;
    /** The URL's bytes and a NUL. */
    private final byte[] s;
    private final int end;
    private int cur;
    private String error;

    private HttpUrlParser(byte[] url, Rules rules, Flag... flags) {
        this.rules = rules;
        this.allowUserinfo = Arrays.asList(flags).contains(Flag.ALLOW_USERINFO_PART);
        this.allowFragment = Arrays.asList(flags).contains(Flag.ALLOW_FRAGMENT_PART);
        this.allowPctNul = Arrays.asList(flags).contains(Flag.ALLOW_PCT_NUL);
        this.end = cLength(url);
        this.s = Arrays.copyOf(url, end + 1);
    }

    /** {@code http_url_parse(url, NULL, flags)}; the string's UTF-8 bytes are what C sees. */
    public static Result parse(String url, Rules rules, Flag... flags) {
        return parse(url.getBytes(StandardCharsets.UTF_8), rules, flags);
    }

    public static Result parse(byte[] url, Rules rules, Flag... flags) {
        return new HttpUrlParser(url, rules, flags).run();
    }

    /** The URL as a C {@code %s} prints it: up to its first NUL. */
    public static String asCString(String url) {
        int nul = url.indexOf('\0');
        return nul < 0 ? url : url.substring(0, nul);
    }

    private static int cLength(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return b.length;
    }

    private int at(int i) {
        return s[i] & 0xff;
    }

    private String text(int from, int to) {
        return new String(s, from, to - from, StandardCharsets.UTF_8);
    }

    private Result fail() {
        // a NULL error_r printed with %s (glibc: "(null)")
        return new Result(null, error == null ? "(null)" : error);
    }

    // ----- http-url.c http_url_do_parse (base NULL, not a request target)

    private Result run() {
        boolean relative = true;
        boolean haveScheme = false;
        boolean haveAuthority = false;
        boolean https = false;
        String scheme = parseScheme();
        if (scheme != null) {
            if (scheme.equalsIgnoreCase("https")) {
                https = true;
            } else if (!scheme.equalsIgnoreCase("http")) {
                error = "Not an HTTP URL";
                return fail();
            }
            relative = false;
            haveScheme = true;
        }
        if (cur < end && at(cur) == '/' && cur + 1 < end && at(cur + 1) == '/') {
            cur += 2;
            relative = false;
            haveAuthority = true;
        }
        if (haveScheme && !haveAuthority) {
            // the text names http: whatever the scheme was
            error = "Absolute HTTP URL requires `//' after `http:'";
            return fail();
        }
        Authority auth = null;
        if (haveAuthority) {
            auth = parseHttpAuthority();
            if (auth == null) {
                return fail();
            }
        }
        if (relative) {
            error = "Relative HTTP URL not allowed";
            return fail();
        }
        int pathStart = cur;
        if (parsePath() < 0) {
            return fail();
        }
        int pathEnd = cur;
        int queryStart = cur;
        int q = parseQuery();
        if (q < 0) {
            return fail();
        }
        int queryEnd = cur;
        int f = parseFragment();
        if (f < 0) {
            return fail();
        }
        if (f > 0 && !allowFragment) {
            error = "URL fragment not allowed for HTTP URL in this context";
            return fail();
        }
        return new Result(new Url(https, auth.host, auth.ipLiteral, auth.port,
                pathEnd > pathStart ? text(pathStart, pathEnd) : null,
                q > 0 ? text(queryStart + 1, queryEnd) : null), null);
    }

    /** http_url_parse_scheme: the scheme, or null (and the position back at the start). */
    private String parseScheme() {
        int first = cur;
        if (uriParseScheme() <= 0) {
            cur = 0;
            return null;
        }
        return text(first, cur - 1);
    }

    /** uri_parse_scheme. */
    private int uriParseScheme() {
        if (cur >= end || !isAlpha(at(cur))) {
            return 0;
        }
        cur++;
        int len = 1;
        while (len < URI_MAX_SCHEME_NAME_LEN && cur < end) {
            int c = at(cur);
            if (!isAlnum(c) && c != '+' && c != '-' && c != '.') {
                break;
            }
            cur++;
            len++;
        }
        if (cur >= end || at(cur) != ':') {
            error = "Invalid URI scheme";
            return -1;
        }
        cur++;
        return 1;
    }

    private record Authority(String host, boolean ipLiteral, int port, int userinfoStart, int userinfoEnd) {
    }

    /** http_url_parse_authority: uri_parse_host_authority, an empty host, the userinfo. */
    private Authority parseHttpAuthority() {
        Authority a = parseAuthority();
        if (a == null) {
            return null;
        }
        if (a.host.isEmpty()) {
            error = "HTTP URL does not allow empty host identifier";
            return null;
        }
        if (a.userinfoStart >= 0 && !parseUserinfo(a)) {
            return null;
        }
        return a;
    }

    /** http_url_parse_userinfo: refused, or each part percent-decoded. */
    private boolean parseUserinfo(Authority a) {
        if (!allowUserinfo) {
            error = "HTTP URL does not allow `userinfo@' part";
            return false;
        }
        // enc_userinfo is a copy ending in NUL; the user part is decoded up to ':', but a percent
        // escape is read without that limit (uri_data_decode passes no end)
        byte[] info = Arrays.copyOfRange(s, a.userinfoStart, a.userinfoEnd + 1);
        info[info.length - 1] = 0;
        int colon = -1;
        for (int i = 0; i < info.length - 1; i++) {
            if (info[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            return dataDecode(info, 0, info.length - 1);
        }
        return dataDecode(info, 0, colon) && dataDecode(info, colon + 1, info.length - 1);
    }

    /** uri_data_decode: checks each percent escape between from and until. */
    private boolean dataDecode(byte[] data, int from, int until) {
        int[] p = {from};
        while (p[0] < until && data[p[0]] != 0) {
            int ret = pctEncoded(data, p, -1);
            if (ret < 0) {
                return false;
            }
            if (ret == 0) {
                p[0]++;
            }
        }
        return true;
    }

    /** uri_do_parse_authority with host_name TRUE (uri_parse_host_authority). */
    private Authority parseAuthority() {
        int p = cur;
        for (; p < end; p++) {
            int c = at(p);
            if ((c & 0x80) != 0) {
                break;
            }
            if (c != '%' && (LOOKUP[c] & UCHAR) == 0) {
                break;
            }
        }
        int infoStart = -1;
        int infoEnd = -1;
        if (p < end && at(p) == '@') {
            infoStart = cur;
            infoEnd = p;
            cur = p + 1;
        }
        Host host = parseHost();
        if (host == null) {
            return null;
        }
        int port = 0;
        if (cur == end) {
            return new Authority(host.name, host.ipLiteral, port, infoStart, infoEnd);
        }
        switch (at(cur)) {
            case ':', '/', '?', '#' -> { }
            default -> {
                error = "Invalid host identifier";
                return null;
            }
        }
        if (at(cur) == ':') {
            cur++;
            int first = cur;
            while (cur < end && isDigit(at(cur))) {
                cur++;
            }
            if (cur > first) {
                port = strToPort(text(first, cur));
                if (port < 0) {
                    error = "Invalid port number";
                    return null;
                }
            }
            if (cur < end) {
                switch (at(cur)) {
                    case '/', '?', '#' -> { }
                    default -> {
                        error = "Invalid host port";
                        return null;
                    }
                }
            }
        }
        return new Authority(host.name, host.ipLiteral, port, infoStart, infoEnd);
    }

    /** net_str2port: 1-65535 (str_to_uintmax: digits only, no overflow). */
    private static int strToPort(String digits) {
        String d = digits.replaceFirst("^0+(?=.)", "");
        if (d.length() > 5) {
            return -1;
        }
        int v = Integer.parseInt(d);
        return v == 0 || v > 65535 ? -1 : v;
    }

    private record Host(String name, boolean ipLiteral) {
    }

    /** uri_do_parse_host: IP-literal, IPv4address, else a host name. */
    private Host parseHost() {
        if (cur < end && at(cur) == '[') {
            return parseIpLiteral();
        }
        int preserve = cur;
        if (parseIpv4() > 0) {
            return new Host(text(preserve, cur), false);
        }
        cur = preserve;
        StringBuilder name = new StringBuilder();
        if (parseHostName(name) < 0) {
            return null;
        }
        return new Host(name.toString(), false);
    }

    /** uri_parse_ip_literal ("[" already seen). */
    private Host parseIpLiteral() {
        int p = cur + 1;
        while (p < end && at(p) != ']') {
            p++;
        }
        if (p >= end) {
            error = "Expecting ']' at end of IP-literal";
            return null;
        }
        String literal = text(cur, p + 1);
        String address = text(cur + 1, p);
        cur = p + 1;
        if (address.isEmpty()) {
            error = "Empty IPv6 host address";
            return null;
        }
        if (address.charAt(0) == 'v') {
            error = "Future IP host address '" + address + "' not supported";
            return null;
        }
        boolean valid = rules.ipLiteralByAddr2ip() ? NumericHosts.netAddr2ip(address) : NumericHosts.inetPton6(address);
        if (!valid) {
            error = "Invalid IPv6 host address '" + address + "'";
            return null;
        }
        return new Host(literal, true);
    }

    /** uri_parse_ipv4address: 1 for a dotted quad (or fewer parts up to the end), 0 none, -1 not one. */
    private int parseIpv4() {
        int ret = decOctet();
        if (ret <= 0) {
            return ret;
        }
        for (int i = 0; i < 3 && cur < end; i++) {
            if (at(cur) != '.') {
                return -1;
            }
            cur++;
            if (decOctet() <= 0) {
                return -1;
            }
        }
        return 1;
    }

    /** uri_parse_dec_octet. */
    private int decOctet() {
        int octet = 0;
        int count = 0;
        while (cur < end && isDigit(at(cur))) {
            octet = octet * 10 + (at(cur) - '0');
            if (octet > 255) {
                return -1;
            }
            cur++;
            count++;
        }
        return count > 0 ? 1 : 0;
    }

    /** uri_do_parse_host_name: labels of alphanumerics and '-', percent escapes allowed. */
    private int parseHostName(StringBuilder name) {
        int first = cur;
        int[] pc = new int[1];
        int part = cur;
        while (true) {
            int offset = cur;
            int ch = at(cur);
            int pch = ch;
            if (cur >= end) {
                break;
            }
            int ret = pct(pc);
            if (ret < 0) {
                return -1;
            } else if (ret > 0) {
                ch = pc[0];
                if (!isAlnum(ch)) {
                    if (rules.hostPctChecked()) {
                        error = "Invalid percent encoding in hostname";
                    }
                    return -1;
                }
                name.append((char) ch);
                part = cur;
            } else {
                if (!isAlnum(at(cur))) {
                    break;
                }
                cur++;
            }
            if (cur < end) {
                do {
                    offset = cur;
                    ret = pct(pc);
                    if (ret < 0) {
                        return -1;
                    } else if (ret > 0) {
                        ch = pc[0];
                        if (!isAlnum(ch) && ch != '-') {
                            if (rules.hostPctChecked()) {
                                error = "Invalid percent encoding in hostname";
                                return -1;
                            }
                            // before 2.4.0 the escape, already read, ends the label (%2E is a dot)
                            break;
                        }
                        if (offset > part) {
                            name.append(text(part, offset));
                        }
                        name.append((char) ch);
                        part = cur;
                    } else {
                        ch = at(cur);
                        if (!isAlnum(ch) && ch != '-') {
                            break;
                        }
                        cur++;
                    }
                    pch = ch;
                } while (cur < end);
                if (!isAlnum(pch)) {
                    error = "Invalid domain label in hostname";
                    return -1;
                }
            }
            if (cur > part) {
                name.append(text(part, cur));
            }
            if (cur >= end || ch != '.') {
                break;
            }
            name.append('.');
            if (cur == offset) {
                cur++;
            }
            part = cur;
        }
        if (cur == first) {
            return 0;
        }
        if (name.length() > 0 && name.charAt(name.length() - 1) == '.') {
            name.setLength(name.length() - 1);
        }
        return 1;
    }

    /** uri_parse_path: '/'-separated segments of pchar and percent escapes. */
    private int parsePath() {
        int pbegin = cur;
        if (cur < end && at(cur) == '/') {
            cur++;
        }
        if (parseSegment() < 0) {
            return -1;
        }
        while (cur < end && at(cur) == '/') {
            cur++;
            if (parseSegment() < 0) {
                return -1;
            }
        }
        if (cur == pbegin) {
            return 0;
        }
        if (cur < end && at(cur) != '?' && at(cur) != '#') {
            error = invalidChar("Path");
            return -1;
        }
        return 1;
    }

    /** uri_parse_path_segment. */
    private int parseSegment() {
        int first = cur;
        if (chars(PCHAR) < 0) {
            return -1;
        }
        if (cur < end && at(cur) != '/' && at(cur) != '?' && at(cur) != '#') {
            error = invalidChar("Path");
            return -1;
        }
        return cur == first ? 0 : 1;
    }

    /** uri_parse_query. */
    private int parseQuery() {
        if (cur >= end || at(cur) != '?') {
            return 0;
        }
        cur++;
        if (chars(QCHAR) < 0) {
            return -1;
        }
        if (cur < end && at(cur) != '#') {
            error = invalidChar("Query");
            return -1;
        }
        return 1;
    }

    /** uri_parse_fragment. */
    private int parseFragment() {
        if (cur >= end || at(cur) != '#') {
            return 0;
        }
        cur++;
        if (chars(QCHAR) < 0) {
            return -1;
        }
        if (cur < end) {
            error = invalidChar("Fragment");
            return -1;
        }
        return 1;
    }

    /**
     * The run of characters of class {@code cls} (pchar for a path segment, qchar for a query or
     * fragment) and percent escapes from the position: -1 for a bad escape, else 0.
     */
    private int chars(int cls) {
        int[] ch = new int[1];
        while (cur < end) {
            if (at(cur) == '%') {
                int ret = pct(ch);
                if (ret < 0) {
                    return -1;
                }
                if (ret > 0) {
                    continue;
                }
            }
            int c = at(cur);
            if ((c & 0x80) != 0 || (LOOKUP[c] & cls) == 0) {
                break;
            }
            cur++;
        }
        return 0;
    }

    private String invalidChar(String component) {
        String text = component + " component contains invalid character";
        return rules.namesCharacter() ? text + " " + sanitize(at(cur)) : text;
    }

    /** uri-util.h uri_char_sanitize. */
    private static String sanitize(int c) {
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("<0x%02x>", c);
    }

    /** A byte as {@code %c} prints it (raw; a lone non-ASCII byte cannot be kept in a Java string). */
    private String raw(byte[] data, int i) {
        return new String(data, i, 1, StandardCharsets.UTF_8);
    }

    /** uri_parse_pct_encoded at the parser's position, bounded by the URL's end. */
    private int pct(int[] ch) {
        int[] p = {cur};
        int ret = pctEncoded(s, p, end, ch);
        cur = p[0];
        return ret;
    }

    private int pctEncoded(byte[] data, int[] p, int pend) {
        return pctEncoded(data, p, pend, new int[1]);
    }

    /** uri_parse_pct_encoded_data; {@code pend} -1: no end but the NUL. */
    private int pctEncoded(byte[] data, int[] p, int pend, int[] ch) {
        if (data[p[0]] != '%' || (pend >= 0 && p[0] >= pend)) {
            return 0;
        }
        p[0]++;
        if (data[p[0]] == 0 || data[p[0] + 1] == 0 || (pend >= 0 && p[0] + 1 >= pend)) {
            error = "Unexpected URI boundary after '%'";
            return -1;
        }
        int hi = hex(data[p[0]] & 0xff);
        if (hi < 0) {
            error = "Expecting hex digit after '%', but found "
                    + (rules.namesCharacter() ? sanitize(data[p[0]] & 0xff) : "'" + raw(data, p[0]) + "'");
            return -1;
        }
        p[0]++;
        int lo = hex(data[p[0]] & 0xff);
        if (lo < 0) {
            error = "Expecting hex digit after '%" + (char) (data[p[0] - 1] & 0xff) + "', but found "
                    + (rules.namesCharacter() ? sanitize(data[p[0]] & 0xff) : "'" + raw(data, p[0]) + "'");
            return -1;
        }
        p[0]++;
        ch[0] = (hi << 4) | lo;
        if (!allowPctNul && ch[0] == 0) {
            error = "Percent encoding is not allowed to encode NUL character";
            return -1;
        }
        return 1;
    }

    /** A hex digit's value, or -1 (for 0-255 Character.digit knows only the ASCII ones). */
    private static int hex(int c) {
        return Character.digit(c, 16);
    }

    // C locale ctype
    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlnum(int c) {
        return isAlpha(c) || isDigit(c);
    }
}
