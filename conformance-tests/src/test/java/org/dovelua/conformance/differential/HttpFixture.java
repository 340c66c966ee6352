package org.dovelua.conformance.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dovelua.stubs.StubFileException;
import org.dovelua.stubs.StubFiles;
import org.dovelua.stubs.StubServer;

/**
 * A case's {@code http:} entry: a static stub (same format as {@code --stub ...=static:FILE}) on a
 * loopback port that both real Dovecot and dovelua talk to; {@code %HTTP%} in the script is its
 * base URL, {@code %HTTP_HOST%} its host and port (for scripts that build the URL themselves),
 * {@code %CLOSED%} a loopback URL where nothing listens, {@code %UNANSWERED%} a loopback URL whose
 * connect never completes (a listener whose accept queue is full: Linux drops further SYNs,
 * net/ipv4/tcp_input.c tcp_conn_request's {@code sk_acceptq_is_full}, so a client's connect times out;
 * cases 502, 503), {@code %HTTPS%} a loopback TLS server ({@link TlsStub}; its certificate in the case
 * directory as {@code tls-ca.pem}).
 */
final class HttpFixture implements AutoCloseable {
    private final StubServer server;
    private final String base;
    private final String closed;
    /** The full listener and the connections that fill its queue (null: the case has no server). */
    private ServerSocket unansweredListener;
    private final List<Socket> queued = new ArrayList<>();
    private String unanswered = "";
    /** {@code %HTTPS%}'s server, made when a script or config names it (null until then). */
    private TlsStub tls;
    private final Path dir;

    HttpFixture(Path dir, JsonNode spec) throws IOException {
        this.dir = dir;
        if (spec.isMissingNode() || spec.isNull()) {
            server = null;
            base = "";
            closed = "";
            return;
        }
        Path file = dir.resolve("http.yaml");
        Files.writeString(file, CaseFiles.YAML.writeValueAsString(spec));
        try {
            server = StubFiles.load("static", file);
        } catch (StubFileException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        base = server.start().toString().replaceAll("/$", "");
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    /** The {@code %UNANSWERED%} listener, made when a script names it: never accepted from, its queue filled. */
    private String unanswered() throws IOException {
        if (unansweredListener == null) {
            unansweredListener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), unansweredListener.getLocalPort());
            for (int i = 0; i < 16; i++) {
                Socket c = new Socket();
                try {
                    c.connect(at, 500);
                } catch (SocketTimeoutException e) {
                    c.close();
                    unanswered = "http://127.0.0.1:" + unansweredListener.getLocalPort();
                    return unanswered;
                }
                queued.add(c);
            }
            throw new IOException("the %UNANSWERED% listener's queue did not fill");
        }
        return unanswered;
    }

    /** Whether the case has a server, so dovelua must be allowed onto the network (loopback only). */
    boolean active() {
        return server != null;
    }

    synchronized String apply(String script) {
        String host = base.replaceFirst("^http://", "");
        String s = script.replace("%HTTP_HOST%", host).replace("%HTTP%", base).replace("%CLOSED%", closed);
        if (s.contains("%HTTPS%")) {
            try {
                if (tls == null) {
                    tls = new TlsStub(dir);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            s = s.replace("%HTTPS%", tls.url());
        }
        if (s.contains("%UNANSWERED%")) {
            try {
                s = s.replace("%UNANSWERED%", unanswered());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return s;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
        for (Socket c : queued) {
            try {
                c.close();
            } catch (IOException e) {
                // closing a queued connection of a listener that goes too
            }
        }
        if (tls != null) {
            tls.close();
        }
        if (unansweredListener != null) {
            try {
                unansweredListener.close();
            } catch (IOException e) {
                // the listener is gone with the case
            }
        }
    }
}
