package org.dovelua.lua.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
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

    /** The response, or {@code badStatusLine}: lib-http's parser error for its status line. */
    record Response(int status, String reason, List<Map.Entry<String, String>> headers, byte[] body,
            String badStatusLine) {
    }

    private RawHttpExchange() {
    }

    /**
     * @param target where to connect (a stub's loopback URL or the request's own)
     * @param requestUrl the URL whose path and query go on the request line
     * @param payload the body, or null to send none
     */
    static Response send(HttpUrl target, HttpUrl requestUrl, String method, List<Map.Entry<String, String>> wire,
            byte[] payload, long connectTimeoutMs, long requestTimeoutMs) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true); // as lib-http (http-client-connection.c)
            socket.connect(new InetSocketAddress(target.host(), target.port()), (int) connectTimeoutMs);
            if (target.isHttps()) {
                socket = ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, target.host(),
                        target.port(), true);
            }
            socket.setSoTimeout((int) requestTimeoutMs);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            StringBuilder head = new StringBuilder();
            String query = requestUrl.encodedQuery();
            head.append(method).append(' ').append(requestUrl.encodedPath()).append(query == null ? "" : "?" + query)
                    .append(" HTTP/1.1\r\n");
            boolean expect = false;
            for (Map.Entry<String, String> h : wire) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
                expect |= h.getKey().equalsIgnoreCase("Expect") && h.getValue().equalsIgnoreCase("100-continue");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] responseHead = null;
            if (expect) {
                socket.setSoTimeout((int) (requestTimeoutMs == 0 ? CONTINUE_WAIT_MS
                        : Math.min(CONTINUE_WAIT_MS, requestTimeoutMs)));
                try {
                    responseHead = readHead(in);
                } catch (SocketTimeoutException e) {
                    responseHead = null; // no 100 Continue: send the payload anyway
                }
                socket.setSoTimeout((int) requestTimeoutMs);
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
                    return new Response(0, "", List.of(), new byte[0], bad);
                }
                int status = status(responseHead);
                if (status < 0) {
                    throw new EOFException("connection closed inside the response head");
                }
                if (status >= 200) {
                    return response(responseHead, status, method, in);
                }
                responseHead = null; // another interim response
            }
        } finally {
            socket.close();
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

    private static Response response(byte[] head, int status, String method, InputStream in) throws IOException {
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
        byte[] body;
        if (method.equalsIgnoreCase("HEAD") || status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(header(headers, "Transfer-Encoding"))) {
            body = chunked(in);
        } else if (header(headers, "Content-Length") != null) {
            body = in.readNBytes(Integer.parseInt(header(headers, "Content-Length").strip()));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, reason, headers, body, null);
    }

    private static String header(List<Map.Entry<String, String>> headers, String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return h.getValue();
            }
        }
        return null;
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers
                }
                return b.toByteArray();
            }
            b.write(in.readNBytes(size));
            line(in);
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
