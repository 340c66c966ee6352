package org.dovelua.stubs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code static}: canned responses from a YAML file. Responses with a {@code match} answer every
 * request they match (first match wins); the others are used in order, the last one repeating.
 * An {@code action} provokes lib-http's internal statuses: {@code drop} (9005 connection lost),
 * {@code timeout} (no answer: 9008 after the client's request timeout), {@code bad_response} (9007).
 * {@code %HTTP%} in a header value is the base URL the request was sent to ({@code http://} and its
 * {@code Host} header), for an absolute {@code Location}: lib-http refuses a relative one
 * ({@code Invalid redirect location: Relative HTTP URL not allowed}, seen on 2.3.19 and 2.4.1).
 */
public final class StaticStub extends StubServer {
    /** The file: {@code responses: [...]}. */
    public static final class Spec {
        /** Empty values are mistakes (not NullPointerExceptions later), here and below. */
        @com.fasterxml.jackson.annotation.JsonSetter(nulls = com.fasterxml.jackson.annotation.Nulls.FAIL, contentNulls = com.fasterxml.jackson.annotation.Nulls.FAIL)
        public List<Resp> responses = new ArrayList<>();
    }

    /** Which requests a response answers; absent fields match anything. */
    public static final class Match {
        public String method;
        /** A path prefix, e.g. {@code /api/v1}; the query string is ignored. */
        public String path;
        /** The whole request body, byte for byte (UTF-8), e.g. a form a client must send exactly. */
        public String body;
        /** Headers the request must carry with exactly these values (names ignoring case). */
        public Map<String, String> headers;

        boolean matches(StubRequest r) {
            String p = r.path();
            return (method == null || method.equalsIgnoreCase(r.method()))
                    && (path == null || (p != null && p.startsWith(path)))
                    && (body == null || body.equals(r.bodyUtf8()))
                    && (headers == null || headers.entrySet().stream()
                            .allMatch(h -> h.getValue().equals(r.header(h.getKey()))));
        }
    }

    /** One canned response. */
    public static final class Resp {
        public Match match;
        public int status = 200;
        public String reason;
        @com.fasterxml.jackson.annotation.JsonSetter(nulls = com.fasterxml.jackson.annotation.Nulls.FAIL)
        public Map<String, String> headers = new LinkedHashMap<>();
        @com.fasterxml.jackson.annotation.JsonSetter(nulls = com.fasterxml.jackson.annotation.Nulls.FAIL)
        public String body = "";
        public long delayMs;
        public String action;
        /** The raw status line, replacing status and reason (to provoke lib-http's parser errors). */
        public String statusLine;

        public void setStatus(int s) {
            if (s < 100 || s > 999) {
                throw new IllegalArgumentException("status must be a 3-digit HTTP status, not " + s);
            }
            status = s;
        }

        public void setDelayMs(long d) {
            if (d < 0) {
                throw new IllegalArgumentException("delay_ms must not be negative");
            }
            delayMs = d;
        }

        @com.fasterxml.jackson.annotation.JsonSetter(nulls = com.fasterxml.jackson.annotation.Nulls.FAIL)
        public void setAction(String a) {
            String l = a.toLowerCase(Locale.ROOT);
            if (!List.of("drop", "timeout", "bad_response").contains(l)) {
                throw new IllegalArgumentException("action must be drop, timeout or bad_response, not '" + a + "'");
            }
            action = l;
        }
    }

    private final List<Resp> matched = new ArrayList<>();
    private final List<Resp> ordered = new ArrayList<>();
    private int next;

    StaticStub(Spec spec) {
        for (Resp r : spec.responses) {
            (r.match != null ? matched : ordered).add(r);
        }
    }

    @Override
    public synchronized void reset() {
        next = 0;
    }

    @Override
    protected synchronized StubResponse handle(StubRequest request) {
        Resp chosen = null;
        for (Resp r : matched) {
            if (r.match.matches(request)) {
                chosen = r;
                break;
            }
        }
        if (chosen == null && !ordered.isEmpty()) {
            chosen = ordered.get(Math.min(next, ordered.size() - 1));
            next++;
        }
        if (chosen == null) {
            return response(404, "Not Found", "no static stub response matches " + request.method() + " "
                    + request.target() + "\n", "Content-Type", "text/plain");
        }
        return build(chosen, request);
    }

    private static StubResponse build(Resp r, StubRequest request) {
        if ("drop".equals(r.action)) {
            return new StubResponse().policy(StubResponse.Policy.DISCONNECT_AFTER_REQUEST);
        }
        if ("timeout".equals(r.action)) {
            return new StubResponse().policy(StubResponse.Policy.NO_RESPONSE);
        }
        List<String> h = new ArrayList<>();
        String host = request.header("Host");
        r.headers.forEach((k, v) -> {
            h.add(k);
            h.add(host == null ? v : v.replace("%HTTP%", "http://" + host));
        });
        StubResponse m = response(r.status, r.reason != null ? r.reason : reason(r.status), r.body,
                h.toArray(new String[0]));
        if ("bad_response".equals(r.action)) {
            m.status("garbage");
        } else if (r.statusLine != null) {
            m.status(r.statusLine);
        }
        if (r.delayMs > 0) {
            m.headersDelay(r.delayMs);
        }
        return m;
    }
}
