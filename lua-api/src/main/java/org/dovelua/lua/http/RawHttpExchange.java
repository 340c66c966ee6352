package org.dovelua.lua.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.HttpUrl;

/**
 * One HTTP/1.1 exchange on its own connection, for what OkHttp refuses to send: a GET or HEAD
 * with a payload, which lib-http sends like any other request (Expect, Content-Length, body;
 * seen on 2.3.19). The header block is Dovecot's, written as given.
 */
final class RawHttpExchange {
    /** How long lib-http waits for {@code 100 Continue} before sending the payload anyway. */
    private static final int CONTINUE_WAIT_MS = 2000;
    private static final int HEAD_LIMIT = 64 * 1024;

    /**
     * The response, or {@code badResponse}: lib-http's parser error (9007) for its status line, or
     * for a Content-Length above the payload ceiling.
     */
    record Response(int status, String reason, List<Map.Entry<String, String>> headers,
            ResponsePayload.Read payload, String badResponse) {
    }

    private RawHttpExchange() {
    }

    /** The request line and header block lib-http writes (http_client_request_send_real), with the blank line. */
    static String head(String method, HttpUrl requestUrl, List<Map.Entry<String, String>> wire) {
        StringBuilder head = new StringBuilder();
        String query = requestUrl.encodedQuery();
        head.append(method).append(' ').append(requestUrl.encodedPath()).append(query == null ? "" : "?" + query)
                .append(" HTTP/1.1\r\n");
        for (Map.Entry<String, String> h : wire) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /**
     * @param target where to connect (a stub's loopback URL or the request's own)
     * @param requestUrl the URL whose path and query go on the request line
     * @param payload the body, or null to send none
     * @param absoluteTimeoutMs {@code request_absolute_timeout_msecs}, 0 for none
     * @param ceiling the most payload bytes kept ({@link HttpRouter#maxResponsePayload})
     */
    static Response send(HttpUrl target, HttpUrl requestUrl, String method, List<Map.Entry<String, String>> wire,
            byte[] payload, long connectTimeoutMs, long requestTimeoutMs, long absoluteTimeoutMs, long ceiling)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true); // as lib-http (http-client-connection.c)
            socket.connect(new InetSocketAddress(target.host(), target.port()), (int) connectTimeoutMs);
            if (target.isHttps()) {
                socket = ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, target.host(),
                        target.port(), true);
            }
            OutputStream out = socket.getOutputStream();
            TimedInput timed = new TimedInput(socket, requestTimeoutMs,
                    absoluteTimeoutMs == 0 ? 0 : System.nanoTime() + absoluteTimeoutMs * 1_000_000);
            InputStream in = new BufferedInputStream(timed);
            boolean expect = false;
            for (Map.Entry<String, String> h : wire) {
                expect |= h.getKey().equalsIgnoreCase("Expect") && h.getValue().equalsIgnoreCase("100-continue");
            }
            out.write(head(method, requestUrl, wire).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] responseHead = null;
            if (expect) {
                timed.idleMs = requestTimeoutMs == 0 ? CONTINUE_WAIT_MS : Math.min(CONTINUE_WAIT_MS, requestTimeoutMs);
                try {
                    responseHead = readHead(in);
                } catch (SocketTimeoutException e) {
                    responseHead = null; // no 100 Continue: send the payload anyway
                }
                timed.idleMs = requestTimeoutMs;
            }
            boolean continued = responseHead != null && HttpResponseParser.statusLineError(responseHead, 0) == null
                    && status(responseHead) == 100;
            if (payload != null && (responseHead == null || continued)) {
                out.write(payload);
                out.flush();
            }
            if (continued) {
                responseHead = null;
            }
            while (true) {
                if (responseHead == null) {
                    responseHead = readHead(in);
                }
                String bad = HttpResponseParser.statusLineError(responseHead, 0);
                if (bad != null) {
                    return new Response(0, "", List.of(), ResponsePayload.Read.EMPTY, bad);
                }
                int status = status(responseHead);
                if (status < 0) {
                    throw new EOFException("connection closed inside the response head");
                }
                if (status >= 200) {
                    return response(responseHead, status, method, in, requestTimeoutMs, ceiling);
                }
                responseHead = null; // another interim response
            }
        } finally {
            socket.close();
        }
    }

    /**
     * The socket's input with lib-http's two timeouts: {@code idleMs} without input is a
     * {@link SocketTimeoutException} (the request timeout); passing the absolute deadline is a plain
     * {@link InterruptedIOException}, as OkHttp's call timeout is on the other path.
     */
    private static final class TimedInput extends FilterInputStream {
        private final Socket socket;
        private final long deadline;
        long idleMs;

        TimedInput(Socket socket, long idleMs, long deadline) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.idleMs = idleMs;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long wait = idleMs;
            boolean absolute = false;
            if (deadline != 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new InterruptedIOException("timeout");
                }
                absolute = wait == 0 || left <= wait;
                wait = absolute ? left : wait;
            }
            socket.setSoTimeout((int) Math.min(wait, Integer.MAX_VALUE));
            try {
                return super.read(b, off, len);
            } catch (SocketTimeoutException e) {
                if (absolute) {
                    throw new InterruptedIOException("timeout");
                }
                throw e;
            }
        }
    }

    /** Bytes up to and including the blank line ending a response head. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int lfs = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (b.size() == 0) {
                    throw new EOFException("connection closed before a response");
                }
                return b.toByteArray();
            }
            b.write(c);
            if (c == '\n') {
                lfs++;
                if (lfs == 2) {
                    return b.toByteArray();
                }
            } else if (c != '\r') {
                lfs = 0;
            }
            if (b.size() > HEAD_LIMIT) {
                throw new ProtocolException("response head too large");
            }
        }
    }

    /** The status code of a head lib-http's parser accepted; -1 when the head is cut short. */
    private static int status(byte[] head) {
        if (head.length < 12) {
            return -1;
        }
        return (head[9] - '0') * 100 + (head[10] - '0') * 10 + (head[11] - '0');
    }

    private static Response response(byte[] head, int status, String method, InputStream in, long requestTimeoutMs,
            long ceiling) throws IOException {
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r?\n");
        String statusLine = lines[0];
        String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(Map.entry(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip()));
            }
        }
        if (method.equalsIgnoreCase("HEAD") || status == 204 || status == 304) {
            return new Response(status, reason, headers, ResponsePayload.Read.EMPTY, null);
        }
        boolean chunked = "chunked".equalsIgnoreCase(header(headers, "Transfer-Encoding"));
        InputStream body;
        if (chunked) {
            body = new ChunkedInput(in);
        } else if (header(headers, "Content-Length") != null) {
            long length = Long.parseLong(header(headers, "Content-Length").strip());
            if (length > ceiling) {
                return new Response(status, reason, headers, ResponsePayload.Read.EMPTY, ResponsePayload.TOO_LARGE);
            }
            body = new LimitedInput(in, length);
        } else {
            body = in;
        }
        return new Response(status, reason, headers, ResponsePayload.read(body, chunked, ceiling, requestTimeoutMs),
                null);
    }

    private static String header(List<Map.Entry<String, String>> headers, String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return h.getValue();
            }
        }
        return null;
    }

    /** A Content-Length body: ends after {@code left} bytes (or earlier, at the connection's end). */
    private static final class LimitedInput extends FilterInputStream {
        private long left;

        LimitedInput(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** A chunked body, decoded as it is read (the trailers are skipped at its end). */
    private static final class ChunkedInput extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        ChunkedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String sizeLine = line(in);
                int semi = sizeLine.indexOf(';');
                left = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
                if (left == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("connection closed inside a chunked body");
            }
            left -= n;
            if (left == 0) {
                line(in);
            }
            return n;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed inside a chunked body");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
