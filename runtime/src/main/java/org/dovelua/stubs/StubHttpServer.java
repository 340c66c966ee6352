package org.dovelua.stubs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small HTTP/1.1 server on loopback for the stub endpoints: persistent connections, bodies by
 * {@code Content-Length} or chunked, {@code 100 Continue} for {@code Expect: 100-continue} (as the
 * web servers in front of Nauthilus and Nextcloud answer, so Dovecot 2.3's synchronous payloads
 * flow), and the misbehaviours a stub may ask for. It replaces OkHttp's MockWebServer, a test tool
 * whose JUnit 4 base class users of dovelua-junit got on their classpath (issue 18).
 */
final class StubHttpServer implements AutoCloseable {
    /** Longest request line or header line read; a longer one ends the connection. */
    private static final int MAX_LINE = 64 * 1024;

    private final Function<StubRequest, StubResponse> handler;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    StubHttpServer(Function<StubRequest, StubResponse> handler) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "dovelua-stub-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(s);
            Thread t = new Thread(() -> serve(s), "dovelua-stub-conn-" + server.getLocalPort());
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket s) {
        try (s) {
            // the head and the body go out in one write, but a 100 Continue must not wait for an ACK
            s.setTcpNoDelay(true);
            Input in = new Input(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (!closed) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                if (requestLine.isEmpty()) {
                    continue; // a stray CRLF between requests (RFC 9112 2.2)
                }
                String[] parts = requestLine.split(" ", 3);
                if (parts.length != 3) {
                    out.write(simple(400, "Bad Request"));
                    return;
                }
                List<String[]> headers = headers(in);
                boolean expectContinue = "100-continue".equalsIgnoreCase(value(headers, "Expect"));
                if (expectContinue) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                byte[] body = body(in, headers);
                StubRequest request = new StubRequest(parts[0], parts[1], headers, body, port());
                StubResponse response = handler.apply(request);
                switch (response.policy()) {
                    case DISCONNECT_AFTER_REQUEST:
                        return;
                    case NO_RESPONSE:
                        // holds the connection, silent, until the client or close() ends it
                        while (in.read() >= 0) {
                            // discard
                        }
                        return;
                    default:
                        break;
                }
                if (response.headersDelayMs() > 0) {
                    Thread.sleep(response.headersDelayMs());
                }
                out.write(encode(response));
                out.flush();
                if ("close".equalsIgnoreCase(value(headers, "Connection")) || parts[2].equals("HTTP/1.0")) {
                    return;
                }
            }
        } catch (IOException | BadRequest e) {
            // the client went away or sent what no server answers: the connection ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(s);
        }
    }

    private static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    private static byte[] encode(StubResponse r) {
        StringBuilder head = new StringBuilder(r.statusLine()).append("\r\n");
        for (String[] h : r.headerLines()) {
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] b = r.bodyBytes();
        byte[] all = new byte[h.length + b.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }

    private static byte[] simple(int status, String reason) {
        return ("HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String value(List<String[]> headers, String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    private static List<String[]> headers(Input in) throws IOException, BadRequest {
        List<String[]> headers = new ArrayList<>();
        while (true) {
            String l = line(in);
            if (l == null) {
                throw new BadRequest("connection closed inside the head");
            }
            if (l.isEmpty()) {
                return headers;
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest("header line without a name: " + l);
            }
            headers.add(new String[] {l.substring(0, colon).trim(), l.substring(colon + 1).trim()});
        }
    }

    private static byte[] body(Input in, List<String[]> headers) throws IOException, BadRequest {
        String te = value(headers, "Transfer-Encoding");
        if (te != null && te.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                if (size == null) {
                    throw new BadRequest("connection closed inside a chunked body");
                }
                int semi = size.indexOf(';');
                int n;
                try {
                    n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new BadRequest("bad chunk size: " + size);
                }
                if (n == 0) {
                    headers(in); // trailers
                    return out.toByteArray();
                }
                out.write(exactly(in, n));
                line(in);
            }
        }
        String length = value(headers, "Content-Length");
        if (length == null) {
            return new byte[0];
        }
        try {
            return exactly(in, Integer.parseInt(length.trim()));
        } catch (NumberFormatException e) {
            throw new BadRequest("bad Content-Length: " + length);
        }
    }

    private static byte[] exactly(Input in, int n) throws IOException, BadRequest {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new BadRequest("connection closed inside the body");
        }
        return b;
    }

    /**
     * The connection's bytes through a buffer of its own: BufferedInputStream and
     * ByteArrayOutputStream lock on every byte, which was an eighth of the stub's time.
     */
    private static final class Input {
        private final InputStream in;
        private final byte[] buf = new byte[8192];
        private int pos;
        private int lim;

        Input(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            if (pos == lim && !fill()) {
                return -1;
            }
            return buf[pos++] & 0xff;
        }

        private boolean fill() throws IOException {
            int n = in.read(buf, 0, buf.length);
            pos = 0;
            lim = Math.max(n, 0);
            return n > 0;
        }

        /** As InputStream.readNBytes: up to {@code n} bytes, fewer only at the end of the stream. */
        byte[] readNBytes(int n) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(n, 8192));
            int left = n;
            while (left > 0) {
                if (pos == lim && !fill()) {
                    break;
                }
                int k = Math.min(left, lim - pos);
                out.write(buf, pos, k);
                pos += k;
                left -= k;
            }
            return out.toByteArray();
        }
    }

    /** A line without its CRLF (or LF), as UTF-8 (as MockWebServer read them); null at end of stream. */
    private static String line(Input in) throws IOException, BadRequest {
        byte[] sb = new byte[128];
        int size = 0;
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = size > 0 && sb[size - 1] == '\r' ? size - 1 : size;
                return new String(sb, 0, len, StandardCharsets.UTF_8);
            }
            if (size >= MAX_LINE) {
                throw new BadRequest("line longer than " + MAX_LINE + " bytes");
            }
            if (size == sb.length) {
                sb = java.util.Arrays.copyOf(sb, Math.min(sb.length * 2, MAX_LINE));
            }
            sb[size++] = (byte) c;
        }
        if (size > 0) {
            throw new BadRequest("connection closed inside a line");
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
