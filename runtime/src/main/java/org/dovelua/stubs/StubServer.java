package org.dovelua.stubs;

import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.HttpUrl;

/** A stub endpoint: a real HTTP/1.1 server on loopback ({@link StubHttpServer}) answering through {@link #handle}. */
public abstract class StubServer implements AutoCloseable {
    private StubHttpServer server;
    private HttpUrl url;

    /** Starts listening on 127.0.0.1 and returns the base URL to route to. */
    public final synchronized HttpUrl start() {
        if (url != null) {
            return url;
        }
        try {
            server = new StubHttpServer(this::handle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        url = HttpUrl.parse("http://127.0.0.1:" + server.port() + "/");
        return url;
    }

    /** The answer to one request. */
    protected abstract StubResponse handle(StubRequest request);

    /** Forgets what earlier requests changed (ordered responses, counters), as if just started. */
    public void reset() {
        // stateless stubs have nothing to forget
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
    }

    /** The reason phrase a typical server sends for {@code status}. */
    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 207 -> "Multi-Status";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }

    /** A response with headers in the given order and a UTF-8 body (no body when null). */
    static StubResponse response(int status, String reason, String body, String... headers) {
        StubResponse r = new StubResponse().status("HTTP/1.1 " + status + " " + reason).headers(headers);
        return body != null ? r.body(body) : r.header("Content-Length", "0");
    }
}
