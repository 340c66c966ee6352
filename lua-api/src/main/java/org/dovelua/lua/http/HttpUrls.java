package org.dovelua.lua.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;

/**
 * The URLs dovelua sends with OkHttp: its parse of each (remembered), and for one lib-http's
 * {@code http_url_parse()} accepts ({@link HttpUrlParser}) the OkHttp URL it goes to.
 */
public final class HttpUrls {
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

    /**
     * Null when {@code http_url_parse()} accepts {@code url} with {@code flags}, else its error
     * text ({@link HttpUrlParser}).
     */
    static String parseError(String url, HttpUrlParser.Rules rules, HttpUrlParser.Flag... flags) {
        return HttpUrlParser.parse(url, rules, flags).error();
    }

    /**
     * Where a URL {@code http_url_parse()} accepted is sent: OkHttp's parse of it, or, for what
     * lib-http takes and OkHttp does not (an empty port, no scheme before {@code //}, an IPv4
     * address or a scope id in brackets), a URL built from lib-http's parts. A scope id is
     * dropped (OkHttp has none); null only if OkHttp refuses even the parts.
     */
    static HttpUrl sendable(String url, HttpUrlParser.Url parsed) {
        HttpUrl u = parse(HttpUrlParser.asCString(url));
        if (u != null && u.isHttps() == parsed.https()) {
            return u;
        }
        String host = parsed.host();
        if (parsed.ipLiteral()) {
            host = host.substring(1, host.length() - 1);
            int scope = host.indexOf('%');
            if (scope >= 0) {
                host = host.substring(0, scope);
            }
        }
        try {
            HttpUrl.Builder b = new HttpUrl.Builder().scheme(parsed.https() ? "https" : "http").host(host);
            if (parsed.port() > 0) {
                b.port(parsed.port());
            }
            b.encodedPath(parsed.path() == null ? "/" : parsed.path());
            if (parsed.query() != null) {
                b.encodedQuery(parsed.query());
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
