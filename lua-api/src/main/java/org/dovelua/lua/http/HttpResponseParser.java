package org.dovelua.lua.http;

import java.nio.charset.StandardCharsets;

/**
 * lib-http's status-line parser ({@code http_response_parse} in src/lib-http/http-response-parser.c,
 * 2.3.19), run over the bytes a response actually began with, for its exact 9007 error texts:
 * OkHttp's own parser accepts other lines (a status line without a reason phrase) and reports
 * only the line, where lib-http quotes the first 20 bytes it had from the point it failed.
 */
final class HttpResponseParser {
    private HttpResponseParser() {
    }

    /**
     * The error lib-http gives for the status line starting at {@code from} in {@code received},
     * or null when lib-http accepts it (or would wait for more bytes than there are).
     */
    static String statusLineError(byte[] received, int from) {
        int end = received.length;
        int p = from;
        // HTTP-version = "HTTP/" DIGIT "." DIGIT (http_message_parse_version)
        if (end - p < 8) {
            return null;
        }
        if (!startsWith(received, p, "HTTP/") || !digit(received[p + 5]) || received[p + 6] != '.'
                || !digit(received[p + 7])) {
            return "Invalid HTTP version in response: " + sanitize(received, p);
        }
        p += 8;
        if (p == end) {
            return null;
        }
        if (received[p] != ' ') {
            return "Expected ' ' after response version, but found " + sanitize(received, p);
        }
        p++;
        // status-code = 3DIGIT, 100..599 (http_response_parse_status)
        if (end - p < 3) {
            return null;
        }
        if (!digit(received[p]) || !digit(received[p + 1]) || !digit(received[p + 2])) {
            return "Invalid HTTP status code in response";
        }
        int status = (received[p] - '0') * 100 + (received[p + 1] - '0') * 10 + (received[p + 2] - '0');
        if (status < 100 || status >= 600) {
            return "Invalid HTTP status code in response";
        }
        p += 3;
        if (p == end) {
            return null;
        }
        if (received[p] != ' ') {
            return "Expected ' ' after response status code, but found " + sanitize(received, p);
        }
        p++;
        // reason-phrase = *( HTAB / SP / VCHAR / obs-text )
        while (p < end && isText(received[p])) {
            p++;
        }
        if (p == end) {
            return null;
        }
        if (received[p] == '\r') {
            p++;
            if (p == end) {
                return null;
            }
        }
        if (received[p] != '\n') {
            return "Expected line end after response, but found " + sanitize(received, p);
        }
        return null;
    }

    /** Where the final response starts: after any 1xx interim responses (100 Continue). */
    static int finalResponseStart(byte[] received) {
        int p = 0;
        while (p + 12 <= received.length && startsWith(received, p, "HTTP/") && received[p + 9] == '1'
                && received[p + 8] == ' ') {
            int blank = indexOf(received, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), p);
            if (blank < 0) {
                return p;
            }
            p = blank + 4;
        }
        return p;
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** {@code _reply_sanitize}: up to 20 bytes from {@code from}, printable runs quoted. */
    static String sanitize(byte[] b, int from) {
        StringBuilder sb = new StringBuilder();
        boolean open = false;
        for (int i = from; i < b.length && i < from + 20; i++) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                if (!open) {
                    sb.append('`');
                    open = true;
                }
                sb.append((char) c);
            } else {
                if (open) {
                    sb.append('\'');
                    open = false;
                }
                sb.append(c == 0x0a ? "<LF>" : c == 0x0d ? "<CR>" : String.format("<0x%02x>", c));
            }
        }
        if (open) {
            sb.append('\'');
        }
        return sb.toString();
    }

    private static boolean startsWith(byte[] b, int p, String s) {
        if (p + s.length() > b.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[p + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** {@code http_char_is_text}: HTAB, SP, VCHAR, obs-text. */
    private static boolean isText(byte b) {
        int c = b & 0xff;
        return c == '\t' || c == ' ' || (c >= 0x21 && c <= 0x7e) || c >= 0x80;
    }
}
