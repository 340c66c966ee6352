package org.dovelua.lua.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/** {@code http_url_parse()} (src/lib-http/http-url.c) for absolute URLs, with its error texts. */
final class HttpUrls {
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):(.*)", Pattern.DOTALL);

    private HttpUrls() {
    }

    /** Null when {@code url} is a valid absolute http(s) URL, else http-url.c's error text. */
    static String parseError(String url) {
        Matcher m = SCHEME.matcher(url);
        if (!m.matches()) {
            return "Relative HTTP URL not allowed";
        }
        String scheme = m.group(1).toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "Not an HTTP URL";
        }
        if (!m.group(2).startsWith("//")) {
            return "Absolute HTTP URL requires `//' after `" + m.group(1) + ":'";
        }
        String rest = m.group(2).substring(2);
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String authority = rest.substring(0, end);
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostPort.isEmpty() || hostPort.startsWith(":")) {
            return "HTTP URL does not allow empty host identifier";
        }
        if (HttpUrl.parse(url) == null) {
            return "Invalid URL";
        }
        return null;
    }
}
