package org.dovelua.lua.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/** {@code http_url_parse()} (src/lib-http/http-url.c) for absolute URLs, with its error texts. */
public final class HttpUrls {
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):(.*)", Pattern.DOTALL);

    /**
     * OkHttp's parse of the URLs scripts use, by text: a script asks for the same few URLs on
     * every request, and each parse canonicalises the host through {@code IDN} (6% of a bridge
     * request's CPU, measured with JFR). {@link HttpUrl} is immutable; the memo forgets
     * everything once it holds {@value #MEMO_SIZE} URLs, so a script making URLs per user
     * cannot grow it.
     */
    static final int MEMO_SIZE = 256;
    private static final Map<String, HttpUrl> MEMO = new ConcurrentHashMap<>();

    private HttpUrls() {
    }

    static int memoSize() {
        return MEMO.size();
    }

    /** {@link HttpUrl#parse}, remembered (null for what OkHttp cannot parse; that is not remembered). */
    public static HttpUrl parse(String url) {
        HttpUrl u = MEMO.get(url);
        if (u == null) {
            u = HttpUrl.parse(url);
            if (u != null) {
                if (MEMO.size() >= MEMO_SIZE) {
                    MEMO.clear();
                }
                MEMO.put(url, u);
            }
        }
        return u;
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
        if (parse(url) == null) {
            return "Invalid URL";
        }
        return null;
    }
}
