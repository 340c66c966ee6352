package org.dovelua.lua.http;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.dovelua.lua.Hints;

/**
 * The sandbox's network: maps URL prefixes ({@code scheme://host[:port][/path]}) to stub servers
 * on loopback. An OkHttp application interceptor rewrites a matched URL to its stub (an
 * {@code https://} URL reaches a plain-HTTP loopback server, so no DNS and no certificates); an
 * unmatched URL fails as an unresolvable host does, unless the network is allowed. Every
 * exchange a script makes is recorded here.
 */
public final class HttpRouter {
    /** Raised for an unmatched URL; lib-http reports it as 9002 "Failed to lookup host". */
    public static final class NoRoute extends UnknownHostException {
        public NoRoute(String host) {
            super(host);
        }
    }

    private record Route(String scheme, String host, int port, String path, HttpUrl target, boolean stub) {
        boolean matches(HttpUrl url) {
            if (!url.scheme().equals(scheme) || !url.host().equalsIgnoreCase(host) || url.port() != port) {
                return false;
            }
            String p = url.encodedPath();
            return p.equals(path) || p.startsWith(path.endsWith("/") ? path : path + "/");
        }
    }

    private final List<Route> routes = new ArrayList<>();
    /**
     * The most recent exchanges, for tests and debugging; bounded, because a long-lived instance
     * answering many requests with bodies would otherwise keep every body (issue 17). Each request's
     * own exchanges reach the API through {@link #onExchange}.
     */
    private final java.util.ArrayDeque<HttpExchange> exchanges = new java.util.ArrayDeque<>();
    static final int KEPT_EXCHANGES = 256;
    private final Hints hints;
    private boolean allowNetwork;
    /**
     * dovelua's ceiling on one response payload. lib-http has none (the response parser is made
     * with max_payload_size 0, http-response-parser.c; http-message-parser.c has "FIXME: enforce
     * max payload size (relevant to http-client only)"), and dlua appends the payload to a string
     * until the server stops: an endless body grows the auth worker until vsz_limit kills it. Here
     * it would fill the JVM heap shared by every state, so reading stops at this ceiling, failing
     * as lib-http's own max payload size would (see {@link ResponsePayload}).
     */
    private volatile long maxResponsePayload = DEFAULT_MAX_RESPONSE_PAYLOAD;
    /** Far above any auth API's answer, far below the heap the states share. */
    public static final long DEFAULT_MAX_RESPONSE_PAYLOAD = 16L * 1024 * 1024;
    private Consumer<HttpExchange> listener = ex -> { };
    /** What {@link #resolve} answered for a URL with a stub, until the routes change; at most {@value #KEPT_RESOLVED}. */
    private final Map<HttpUrl, HttpUrl> resolved = new ConcurrentHashMap<>();
    private static final int KEPT_RESOLVED = 256;

    public HttpRouter(Consumer<String> hintSink) {
        this.hints = new Hints(hintSink);
    }

    /** A router with no routes that drops hints (every URL fails as unreachable). */
    public static HttpRouter offline() {
        return new HttpRouter(h -> { });
    }

    /**
     * Sends URLs under {@code prefix} to {@code target} (a loopback base URL such as
     * {@code http://127.0.0.1:4711}); the request path and query are kept as they are.
     */
    public HttpRouter route(String prefix, HttpUrl target) {
        return route(prefix, target, false);
    }

    /**
     * Like {@link #route}, to one of dovelua's stubs (MockWebServer, which refuses a body on GET
     * and HEAD: such a request reaches the stub without it, and is recorded with it).
     */
    public HttpRouter routeStub(String prefix, HttpUrl target) {
        return route(prefix, target, true);
    }

    private HttpRouter route(String prefix, HttpUrl target, boolean stub) {
        HttpUrl p = HttpUrl.parse(prefix);
        if (p == null) {
            throw new IllegalArgumentException("not an http(s) URL prefix: " + prefix
                    + " (expected scheme://host[:port][/path])");
        }
        String path = p.encodedPath();
        synchronized (routes) {
            routes.add(new Route(p.scheme(), p.host().toLowerCase(Locale.ROOT), p.port(), path, target, stub));
            resolved.clear();
            // longest prefix first
            routes.sort((a, b) -> Integer.compare(b.path.length(), a.path.length()));
        }
        return this;
    }

    /** {@code --allow-network}: unmatched URLs go to the real network. */
    public HttpRouter allowNetwork(boolean allow) {
        this.allowNetwork = allow;
        return this;
    }

    /** The most bytes of one response payload a script gets ({@code --http-max-payload}). */
    public HttpRouter maxResponsePayload(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a payload ceiling cannot be negative: " + bytes);
        }
        this.maxResponsePayload = bytes;
        return this;
    }

    public long maxResponsePayload() {
        return maxResponsePayload;
    }

    /** Says once per URL origin that a payload was cut at the ceiling, and how to raise it. */
    void payloadCut(HttpUrl url, String what) {
        String origin = url.scheme() + "://" + url.host() + (url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port());
        hints.once("payload " + origin, url + ": " + what + " dovelua's response payload ceiling of "
                + maxResponsePayload + " bytes (real Dovecot has none); raise it with --http-max-payload BYTES");
    }

    /** Says once per URL origin that the absolute timeout cut a payload (lib-http logs it only as debug). */
    void payloadTimedOut(HttpUrl url, int bytes) {
        String origin = url.scheme() + "://" + url.host() + (url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port());
        hints.once("absolute " + origin, url + ": request_absolute_timeout expired while the response payload was "
                + "read; lib-http ends the request and the script gets the " + bytes + " bytes read so far");
    }

    /** The stub target for {@code url}, or null. */
    public HttpUrl targetFor(HttpUrl url) {
        Route r = routeFor(url);
        return r == null ? null : r.target;
    }

    /** The longest-prefix route for {@code url}, or null. */
    private Route routeFor(HttpUrl url) {
        synchronized (routes) {
            for (Route r : routes) {
                if (r.matches(url)) {
                    return r;
                }
            }
        }
        return null;
    }

    /**
     * The stub for a TCP connection to {@code host:port} (LuaSocket connects before it sends a
     * path): the route of that host and port with the shortest path, whatever its scheme, or null.
     */
    public HttpUrl targetForOrigin(String host, int port) {
        synchronized (routes) {
            for (int i = routes.size() - 1; i >= 0; i--) {
                Route r = routes.get(i);
                if (r.host.equalsIgnoreCase(host) && r.port == port) {
                    return r.target;
                }
            }
        }
        return null;
    }

    /** Whether unmatched hosts go to the real network ({@code --allow-network}). */
    public boolean networkAllowed() {
        return allowNetwork;
    }

    /** Gives {@code text} to the hint sink once per {@code key}. */
    public void hintOnce(String key, String text) {
        hints.once(key, text);
    }

    /** Whether {@code url} goes to one of dovelua's stubs ({@link #routeStub}). */
    public boolean isStub(HttpUrl url) {
        Route r = routeFor(url);
        return r != null && r.stub;
    }

    /** The application interceptor doing the routing. */
    public Interceptor interceptor() {
        return this::intercept;
    }

    private Response intercept(Interceptor.Chain chain) throws IOException {
        Request req = chain.request();
        HttpUrl routed = resolve(req.url());
        return chain.proceed(routed == req.url() ? req : req.newBuilder().url(routed).build());
    }

    /**
     * Where a request for {@code url} goes: its stub (same path and query), or {@code url} itself
     * when the network is allowed.
     *
     * @throws NoRoute for an unmatched URL without network access (with a hint naming the fix)
     */
    public HttpUrl resolve(HttpUrl url) throws NoRoute {
        HttpUrl target = targetFor(url);
        if (target == null) {
            if (allowNetwork) {
                return url;
            }
            String origin = url.scheme() + "://" + url.host() + (url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port());
            hints.once(origin, url + " has no stub, so it fails as an unreachable host: add --stub "
                    + origin + "=KIND:FILE (static, nauthilus or nextcloud), or --allow-network");
            throw new NoRoute(url.host());
        }
        // a script asks for the same few URLs on every request; building one canonicalises its host anew
        HttpUrl routed = resolved.get(url);
        if (routed == null) {
            routed = url.newBuilder().scheme(target.scheme()).host(target.host()).port(target.port()).build();
            if (resolved.size() >= KEPT_RESOLVED) {
                resolved.clear();
            }
            resolved.put(url, routed);
        }
        return routed;
    }

    /** Records one exchange (called by the http client when a request completes). */
    public void record(HttpExchange exchange) {
        synchronized (exchanges) {
            if (exchanges.size() == KEPT_EXCHANGES) {
                exchanges.removeFirst();
            }
            exchanges.addLast(exchange);
        }
        listener.accept(exchange);
    }

    /** Called with each exchange as it completes ({@code --trace-http}). */
    public HttpRouter onExchange(Consumer<HttpExchange> l) {
        this.listener = l;
        return this;
    }

    /** The most recent exchanges (up to {@value #KEPT_EXCHANGES}), in order. */
    public List<HttpExchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }
}
