package org.dovelua.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.dovelua.lua.http.HttpExchange;
import org.dovelua.lua.sandbox.ExecCall;

/**
 * A {@link Result} as JSON, for {@code --json} and scripts that read dovelua's answers: the
 * command, exit code, result name, fields in the reply's order, the iteration's users, the
 * request's auth log lines and what the scripts reached (HTTP exchanges, commands).
 */
public final class ResultJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultJson() {
    }

    public static ObjectNode of(Result r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("command", r.command());
        o.put("exit", r.exitCode());
        o.put("result", r.result());
        ObjectNode fields = o.putObject("fields");
        r.fields().forEach(fields::put);
        strings(o.putArray("users"), r.users());
        strings(o.putArray("logs"), r.logs());
        ArrayNode http = o.putArray("http");
        for (HttpExchange x : r.http()) {
            ObjectNode h = http.addObject();
            h.put("method", x.method());
            h.put("url", x.url());
            headers(h.putObject("request_headers"), x.requestHeaders());
            h.put("request_body", x.requestBodyText());
            h.put("status", x.status());
            h.put("reason", x.reason());
            headers(h.putObject("response_headers"), x.responseHeaders());
            h.put("response_body", x.responseBodyText());
        }
        ArrayNode exec = o.putArray("exec");
        for (ExecCall c : r.exec()) {
            ObjectNode e = exec.addObject();
            e.put("command", c.command());
            e.put("mode", c.redirect().label());
            e.put("stdin", c.stdin());
            if (c.status() != null) {
                e.put(c.status().what(), c.status().code());
            }
        }
        return o;
    }

    /** One line of JSON (no newline inside), as {@code --json} prints each result. */
    public static String line(Result r) {
        return of(r).toString();
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    /** Headers as an object; a repeated header keeps its values in order, joined as HTTP joins them. */
    private static void headers(ObjectNode o, List<Map.Entry<String, String>> headers) {
        for (Map.Entry<String, String> h : headers) {
            String key = h.getKey().toLowerCase(java.util.Locale.ROOT);
            o.put(key, o.has(key) ? o.get(key).asText() + ", " + h.getValue() : h.getValue());
        }
    }
}
