package org.dovelua.stubs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import org.dovelua.lua.http.HttpUrls;

/**
 * One HTTP request as a stub endpoint received it: the request line's method and target, the
 * header lines in order, and the body (de-chunked).
 */
public record StubRequest(String method, String target, List<String[]> headers, byte[] body, int port) {
    /** The first header of that name (any case), or null. */
    public String header(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String[] h : headers) {
            if (h[0].toLowerCase(Locale.ROOT).equals(lower)) {
                return h[1];
            }
        }
        return null;
    }

    /** The body as UTF-8 text. */
    public String bodyUtf8() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The target as a URL on this stub, or null when it is not a path (an absolute form, {@code *}). */
    public HttpUrl url() {
        return target.startsWith("/") ? HttpUrls.parse("http://127.0.0.1:" + port + target) : null;
    }

    /**
     * The target's path, percent-encoded as sent; of an absolute-form target too, which a server
     * must accept (RFC 9112 3.2.2) and lib-http sends after following a redirect (seen on 2.3.19
     * and 2.4.1: {@code GET http://127.0.0.1:PORT/target}, cases 464, 465).
     */
    public String path() {
        HttpUrl u = url();
        if (u == null && (target.startsWith("http://") || target.startsWith("https://"))) {
            u = HttpUrl.parse(target);
        }
        return u == null ? target : u.encodedPath();
    }
}
