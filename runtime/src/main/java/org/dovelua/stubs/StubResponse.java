package org.dovelua.stubs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stub endpoint answers: a status line, header lines in order and a body, or a misbehaviour
 * (dropping the connection, never answering). As the stub servers always did, {@code Content-Length}
 * is the last header, set by {@link #body}.
 */
public final class StubResponse {
    /** How the connection is treated instead of (or besides) answering. */
    public enum Policy { ANSWER, DISCONNECT_AFTER_REQUEST, NO_RESPONSE }

    private String statusLine = "HTTP/1.1 200 OK";
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private long headersDelayMs;
    private Policy policy = Policy.ANSWER;

    public StubResponse() {
        headers.add(new String[] {"Content-Length", "0"});
    }

    public StubResponse status(String line) {
        this.statusLine = line;
        return this;
    }

    /** Replaces every header of that name (any case) by one at the end. */
    public StubResponse header(String name, String value) {
        headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        headers.add(new String[] {name, value});
        return this;
    }

    /** Replaces all headers by {@code nameValues} (name, value, name, value, ...). */
    public StubResponse headers(String... nameValues) {
        headers.clear();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            headers.add(new String[] {nameValues[i], nameValues[i + 1]});
        }
        return this;
    }

    public StubResponse body(byte[] bytes) {
        this.body = bytes.clone();
        return header("Content-Length", Integer.toString(bytes.length));
    }

    public StubResponse body(String utf8) {
        return body(utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits this long before sending the head (a slow backend). */
    public StubResponse headersDelay(long millis) {
        this.headersDelayMs = millis;
        return this;
    }

    public StubResponse policy(Policy p) {
        this.policy = p;
        return this;
    }

    String statusLine() {
        return statusLine;
    }

    List<String[]> headerLines() {
        return headers;
    }

    byte[] bodyBytes() {
        return body;
    }

    long headersDelayMs() {
        return headersDelayMs;
    }

    Policy policy() {
        return policy;
    }
}
