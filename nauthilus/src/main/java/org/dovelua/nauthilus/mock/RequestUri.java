package org.dovelua.nauthilus.mock;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * mocks.go requestQueryParam: {@code url.ParseRequestURI(path).Query().Get(param)}, or "" when
 * Go's net/url rejects the path. Ported: parse (control bytes, empty, getScheme, the "?" cut,
 * "invalid URI for request", the path's escapes) and ParseQuery (pairs with ";" or a bad escape
 * are dropped, "+" is a space).
 */
final class RequestUri {
    private RequestUri() {
    }

    /** url.ParseRequestURI(raw).Path: before the "?", unescaped ("+" stays); "" when Go rejects it. */
    static String path(String rawUrl) {
        if (rawQuery(rawUrl) == null && !rawUrl.isEmpty()) {
            return "";
        }
        int q = rawUrl.indexOf('?');
        String p = q < 0 ? rawUrl : rawUrl.substring(0, q);
        int scheme = p.indexOf("://");
        if (!p.startsWith("/") && scheme >= 0) { // an absolute URL: the path after the host
            int slash = p.indexOf('/', scheme + 3);
            p = slash < 0 ? "" : p.substring(slash);
        }
        String path = unescape(p, false);
        return path == null ? "" : path;
    }

    static String queryParam(String rawUrl, String param) {
        String query = rawQuery(rawUrl);
        if (query == null) {
            return "";
        }
        for (String part : query.split("&", -1)) {
            if (part.contains(";") || part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = unescape(eq < 0 ? part : part.substring(0, eq), true);
            String value = unescape(eq < 0 ? "" : part.substring(eq + 1), true);
            if (key != null && value != null && key.equals(param)) {
                return value;
            }
        }
        return "";
    }

    /** net/url parse(rawURL, viaRequest=true): the RawQuery, or null on an error. */
    private static String rawQuery(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return null; // invalid control character in URL
            }
        }
        if (raw.isEmpty()) {
            return null; // empty url
        }
        if (raw.equals("*")) {
            return "";
        }
        String scheme = "";
        String rest = raw;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                continue;
            }
            if (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    break;
                }
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    return null; // missing protocol scheme
                }
                scheme = raw.substring(0, i);
                rest = raw.substring(i + 1);
            }
            break;
        }
        String query = "";
        if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
            rest = rest.substring(0, rest.length() - 1);
        } else {
            int q = rest.indexOf('?');
            if (q >= 0) {
                query = rest.substring(q + 1);
                rest = rest.substring(0, q);
            }
        }
        if (!rest.startsWith("/")) {
            return scheme.isEmpty() ? null : query; // invalid URI for request / opaque
        }
        String path = rest;
        if (!scheme.isEmpty() && rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            path = slash < 0 ? "" : rest.substring(slash);
        }
        return unescape(path, false) == null ? null : query;
    }

    /** net/url unescape: %XX must be two hex digits; in a query component "+" is a space. */
    static String unescape(String s, boolean queryComponent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '%') {
                if (i + 2 >= bytes.length || hex(bytes[i + 1]) < 0 || hex(bytes[i + 2]) < 0) {
                    return null;
                }
                out.write(hex(bytes[i + 1]) << 4 | hex(bytes[i + 2]));
                i += 2;
            } else if (b == '+' && queryComponent) {
                out.write(' ');
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
