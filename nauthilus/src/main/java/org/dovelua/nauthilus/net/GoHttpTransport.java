package org.dovelua.nauthilus.net;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.dovelua.lua.http.HttpExchange;
import org.dovelua.lua.http.HttpRouter;

/**
 * Go's {@code http.Client.Do} (net/http client.go) as the gopher-lua HTTP modules use it, over OkHttp
 * and dovelua's {@link HttpRouter}: a stubbed URL reaches its stub, any other fails as an unresolvable
 * host (with the router's hint). Errors carry Go's {@code url.Error} text ({@code Post "URL": cause}).
 * Redirects are followed here, each hop routed, as client.go's {@code redirectBehavior} does (at most 10).
 */
public final class GoHttpTransport {
    /** A failed exchange: Go's url.Error text. */
    public static final class GoHttpError extends Exception {
        GoHttpError(String message) {
            super(message, null, false, false);
        }
    }

    /** A response: status, headers in order (name, value), body, and the URL that answered. */
    public record GoResponse(int status, List<Map.Entry<String, String>> headers, byte[] body, String url) {
    }

    private final HttpRouter router;
    /** Made by the first request, not with the module: building it reads the JVM's trust store (see HttpClientLib). */
    private OkHttpClient client;

    public GoHttpTransport(HttpRouter router) {
        this.router = router;
    }

    private synchronized OkHttpClient client() {
        if (client == null) {
            client = new OkHttpClient.Builder().followRedirects(false).followSslRedirects(false)
                    .retryOnConnectionFailure(false).addInterceptor(router.interceptor()).build();
        }
        return client;
    }

    /** Closes the idle connections this transport kept. */
    public synchronized void close() {
        if (client != null) {
            client.connectionPool().evictAll();
        }
    }

    public HttpRouter router() {
        return router;
    }

    /**
     * One request. {@code timeout} null or zero: none (gluahttp's default client has none).
     * Headers are set in order; Go's transport adds {@code User-Agent: Go-http-client/1.1} unless set.
     */
    public GoResponse send(String method, String url, List<Map.Entry<String, String>> headers, byte[] body,
            Duration timeout) throws GoHttpError {
        HttpUrl u = HttpUrl.parse(url);
        String op = goMethod(method);
        if (u == null) {
            // client.go send: a URL without an http(s) scheme has no transport
            throw new GoHttpError(op + " \"" + url + "\": unsupported protocol scheme \"" + scheme(url) + "\"");
        }
        OkHttpClient c = timeout == null || timeout.isZero() ? client()
                : client().newBuilder().callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build();
        String m = method.toUpperCase(Locale.ROOT);
        byte[] b = body;
        for (int hop = 0; ; hop++) {
            Request.Builder rb = new Request.Builder().url(u);
            boolean ua = false;
            for (Map.Entry<String, String> h : headers) {
                rb.header(h.getKey(), h.getValue());
                ua |= h.getKey().equalsIgnoreCase("User-Agent");
            }
            if (!ua) {
                rb.header("User-Agent", "Go-http-client/1.1"); // net/http request.go defaultUserAgent
            }
            RequestBody rbody = b == null ? (okhttp3.internal.http.HttpMethod.requiresRequestBody(m)
                    ? RequestBody.create(new byte[0], (MediaType) null) : null) : RequestBody.create(b, (MediaType) null);
            if (rbody != null && !okhttp3.internal.http.HttpMethod.permitsRequestBody(m)) {
                rbody = null; // OkHttp refuses a GET/HEAD body; Go would send it
            }
            rb.method(m, rbody);
            Request req = rb.build();
            try (Response res = c.newCall(req).execute()) {
                byte[] payload = res.body() == null ? new byte[0] : res.body().bytes();
                List<Map.Entry<String, String>> hs = new ArrayList<>();
                for (int i = 0; i < res.headers().size(); i++) {
                    hs.add(Map.entry(res.headers().name(i), res.headers().value(i)));
                }
                router.record(new HttpExchange(m, u.toString(), List.copyOf(headers), b == null ? new byte[0] : b,
                        res.code(), res.message(), hs, payload));
                String location = res.header("Location");
                int code = res.code();
                if (location != null && (code == 301 || code == 302 || code == 303 || code == 307 || code == 308)) {
                    if (hop == 9) {
                        // client.go defaultCheckRedirect
                        throw new GoHttpError(op + " \"" + u.resolve(location) + "\": stopped after 10 redirects");
                    }
                    HttpUrl next = u.resolve(location);
                    if (next == null) {
                        return new GoResponse(code, hs, payload, u.toString());
                    }
                    if (code != 307 && code != 308 && !m.equals("GET") && !m.equals("HEAD")) {
                        m = "GET"; // client.go redirectBehavior: 301/302/303 turn into a GET without body
                        b = null;
                    }
                    u = next;
                    continue;
                }
                return new GoResponse(code, hs, payload, u.toString());
            } catch (HttpRouter.NoRoute e) {
                // net/http's dial error for a name that does not resolve (net/lookup.go, cgo resolver's text)
                throw new GoHttpError(op + " \"" + u + "\": dial tcp: lookup " + u.host() + ": no such host");
            } catch (ConnectException e) {
                throw new GoHttpError(op + " \"" + u + "\": dial tcp " + u.host() + ":" + u.port()
                        + ": connect: connection refused");
            } catch (InterruptedIOException e) {
                throw new GoHttpError(op + " \"" + u + "\": context deadline exceeded");
            } catch (IOException e) {
                // net/http's transport: a connection closed before a response is io.EOF ("EOF");
                // OkHttp says "unexpected end of stream on <its URL>"
                String why = String.valueOf(e.getMessage());
                throw new GoHttpError(op + " \"" + u + "\": " + (why.startsWith("unexpected end of stream") ? "EOF" : why));
            }
        }
    }

    /** url.Error's Op: the method with only its first letter upper case ({@code Post}). */
    static String goMethod(String method) {
        String m = method.toUpperCase(Locale.ROOT);
        return m.isEmpty() ? "" : m.charAt(0) + m.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String scheme(String url) {
        int i = url.indexOf(':');
        return i < 0 ? "" : url.substring(0, i).toLowerCase(Locale.ROOT);
    }
}
