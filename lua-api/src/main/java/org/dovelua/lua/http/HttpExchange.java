package org.dovelua.lua.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request a script submitted and the response it saw, as the script saw them: the URL it
 * asked for (before routing), the headers on the wire in Dovecot's order, and either a real HTTP
 * status or one of lib-http's internal 9xxx statuses with its reason text. The response body kept
 * here is its first {@value #KEPT_RESPONSE_BODY} bytes ({@code responseBodyLength} is what the
 * script got): a router keeps a window of exchanges, which must not keep every big body (issue 17).
 */
public record HttpExchange(String method, String url, List<Map.Entry<String, String>> requestHeaders,
        byte[] requestBody, int status, String reason, List<Map.Entry<String, String>> responseHeaders,
        byte[] responseBody, long responseBodyLength) {

    /** The most response body bytes an exchange keeps. */
    public static final int KEPT_RESPONSE_BODY = 64 * 1024;

    public HttpExchange {
        if (responseBody.length > KEPT_RESPONSE_BODY) {
            responseBody = java.util.Arrays.copyOf(responseBody, KEPT_RESPONSE_BODY);
        }
    }

    /** An exchange whose whole response body is {@code responseBody} (kept up to the limit). */
    public HttpExchange(String method, String url, List<Map.Entry<String, String>> requestHeaders,
            byte[] requestBody, int status, String reason, List<Map.Entry<String, String>> responseHeaders,
            byte[] responseBody) {
        this(method, url, requestHeaders, requestBody, status, reason, responseHeaders, responseBody,
                responseBody.length);
    }

    /** The first request header named {@code name} (case-insensitive), or null. */
    public String requestHeader(String name) {
        return first(requestHeaders, name);
    }

    /** The first response header named {@code name} (case-insensitive), or null. */
    public String responseHeader(String name) {
        return first(responseHeaders, name);
    }

    public String requestBodyText() {
        return new String(requestBody, StandardCharsets.UTF_8);
    }

    public String responseBodyText() {
        return new String(responseBody, StandardCharsets.UTF_8);
    }

    private static String first(List<Map.Entry<String, String>> headers, String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** The trace printed by {@code --trace-http}: {@code >} lines sent, {@code <} lines received. */
    public String trace() {
        StringBuilder sb = new StringBuilder();
        sb.append("> ").append(method).append(' ').append(url).append('\n');
        requestHeaders.forEach(h -> sb.append("> ").append(h.getKey()).append(": ").append(h.getValue()).append('\n'));
        if (requestBody.length > 0) {
            sb.append(">\n");
            body(sb, "> ", requestBodyText());
        }
        sb.append("< ").append(status).append(' ').append(reason).append('\n');
        responseHeaders.forEach(h -> sb.append("< ").append(h.getKey()).append(": ").append(h.getValue()).append('\n'));
        if (responseBody.length > 0) {
            sb.append("<\n");
            body(sb, "< ", responseBodyText());
            if (responseBodyLength > responseBody.length) {
                sb.append("< (").append(responseBodyLength).append(" bytes in all; the first ")
                        .append(responseBody.length).append(" are kept)\n");
            }
        }
        return sb.toString();
    }

    private static void body(StringBuilder sb, String prefix, String text) {
        for (String line : text.split("\n", -1)) {
            sb.append(prefix).append(line).append('\n');
        }
    }
}
