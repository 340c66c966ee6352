package org.dovelua.stubs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * A stub endpoint: a real HTTP/1.1 server on loopback (MockWebServer) answering through
 * {@link #handle}. It answers {@code Expect: 100-continue} with {@code 100 Continue}, as the
 * web servers in front of Nauthilus and Nextcloud do, so Dovecot 2.3's synchronous payloads flow.
 */
public abstract class StubServer implements AutoCloseable {
    private final MockWebServer server = new MockWebServer();
    private HttpUrl url;

    /** Starts listening on 127.0.0.1 and returns the base URL to route to. */
    public final synchronized HttpUrl start() {
        if (url != null) {
            return url;
        }
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                // MockWebServer queues every request it reads for takeRequest(), which nothing
                // here calls: a long-lived instance kept them all, bodies included (issue 17)
                while (server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
                    // drop it: what a case asserts on is the router's HttpExchange
                }
                return handle(request);
            }

            @Override
            public MockResponse peek() {
                return new MockResponse().setSocketPolicy(SocketPolicy.EXPECT_CONTINUE);
            }
        });
        // MockWebServer writes a response's head and body separately; with Nagle on, the body
        // waits for the client's delayed ACK (40 ms on Linux) on every request
        server.setServerSocketFactory(new NoDelayServerSocketFactory());
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        url = HttpUrl.parse("http://127.0.0.1:" + server.getPort() + "/");
        return url;
    }

    /** Server sockets whose accepted connections send at once (TCP_NODELAY). */
    private static final class NoDelayServerSocketFactory extends javax.net.ServerSocketFactory {
        @Override
        public java.net.ServerSocket createServerSocket() throws IOException {
            return new java.net.ServerSocket() {
                @Override
                public java.net.Socket accept() throws IOException {
                    java.net.Socket s = super.accept();
                    s.setTcpNoDelay(true);
                    return s;
                }
            };
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port) throws IOException {
            throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port, int backlog) throws IOException {
            throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress)
                throws IOException {
            throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
        }
    }

    /** The answer to one request. */
    protected abstract MockResponse handle(RecordedRequest request);

    /** Forgets what earlier requests changed (ordered responses, counters), as if just started. */
    public void reset() {
        // stateless stubs have nothing to forget
    }

    @Override
    public void close() {
        try {
            server.shutdown();
        } catch (IOException e) {
            // already gone
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
    static MockResponse response(int status, String reason, String body, String... headers) {
        MockResponse r = new MockResponse().setStatus("HTTP/1.1 " + status + " " + reason);
        r.getHeaders();
        r.setHeaders(okhttp3.Headers.of(headers));
        if (body != null) {
            r.setBody(body);
        } else {
            r.setHeader("Content-Length", "0");
        }
        return r;
    }
}
