package org.dovelua.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.dovelua.lua.http.HttpExchange;

/** Compares the requests a script sent with a case's {@code expect: http:}. */
final class HttpCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpCheck() {
    }

    static void check(List<HttpExpect> expected, List<HttpExchange> actual, List<Mismatch> out) {
        if (expected.size() != actual.size()) {
            StringBuilder want = new StringBuilder();
            expected.forEach(x -> want.append(x.method() == null ? "*" : x.method()).append(' ')
                    .append(x.url() == null ? "*" : x.url()).append('\n'));
            StringBuilder got = new StringBuilder();
            actual.forEach(x -> got.append(x.method()).append(' ').append(x.url()).append('\n'));
            out.add(new Mismatch("http requests (" + expected.size() + " expected, " + actual.size() + " sent)",
                    want.length() == 0 ? "(none)\n" : want.toString(), got.length() == 0 ? "(none)\n" : got.toString()));
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            one(expected.get(i), actual.get(i), "http request " + (i + 1) + " (line " + expected.get(i).at().line() + ")", out);
        }
    }

    private static void one(HttpExpect e, HttpExchange a, String what, List<Mismatch> out) {
        if (e.method() != null && !e.method().equals(a.method())) {
            out.add(new Mismatch(what + " method", e.method(), a.method()));
        }
        if (e.url() != null && !e.url().equals(a.url())) {
            out.add(new Mismatch(what + " url", e.url(), a.url()));
        }
        if (e.headers() != null) {
            for (Map.Entry<String, String> h : e.headers().entrySet()) {
                String v = a.requestHeader(h.getKey());
                if (!h.getValue().equals(v)) {
                    out.add(new Mismatch(what + " header " + h.getKey(), h.getValue(), v == null ? "(absent)" : v));
                }
            }
        }
        if (e.absentHeaders() != null) {
            for (String h : e.absentHeaders()) {
                String v = a.requestHeader(h);
                if (v != null) {
                    out.add(new Mismatch(what + " header " + h, "(absent)", v));
                }
            }
        }
        if (e.body() != null && !e.body().equals(a.requestBodyText())) {
            out.add(new Mismatch(what + " body", e.body(), a.requestBodyText()));
        }
        if (e.json() != null) {
            JsonNode body;
            try {
                body = JSON.readTree(a.requestBodyText());
            } catch (JsonProcessingException ex) {
                body = null;
            }
            if (body == null || body.isMissingNode()) {
                out.add(new Mismatch(what + " json", e.json().toPrettyString(),
                        "(not JSON) " + a.requestBodyText()));
            } else {
                List<String> path = firstDifference(e.json(), body, List.of());
                if (path != null) {
                    JsonNode got = body.at(pointer(path));
                    out.add(new Mismatch(what + " json at " + (path.isEmpty() ? "the top" : String.join(".", path)),
                            e.json().at(pointer(path)).toPrettyString(),
                            got.isMissingNode() ? "(absent)" : got.toPrettyString()));
                }
            }
        }
        if (e.status() != null && e.status() != a.status()) {
            out.add(new Mismatch(what + " status", String.valueOf(e.status()), a.status() + " " + a.reason()));
        }
    }

    /**
     * The keys and indexes leading to the first place where {@code actual} does not contain
     * {@code expected}, or null: objects are subsets, lists equal in length and item by item,
     * numbers compared by value ({@code 1} and {@code 1.0} agree).
     */
    static List<String> firstDifference(JsonNode expected, JsonNode actual, List<String> path) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return path;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode a = actual.get(f.getKey());
                List<String> sub = with(path, f.getKey());
                if (a == null) {
                    return sub;
                }
                List<String> d = firstDifference(f.getValue(), a, sub);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return path;
            }
            for (int i = 0; i < expected.size(); i++) {
                List<String> d = firstDifference(expected.get(i), actual.get(i), with(path, Integer.toString(i)));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0 ? null : path;
        }
        return expected.equals(actual) ? null : path;
    }

    private static List<String> with(List<String> path, String step) {
        List<String> p = new java.util.ArrayList<>(path);
        p.add(step);
        return p;
    }

    /** A JSON pointer to {@code path}, escaping {@code ~} and {@code /}. */
    private static com.fasterxml.jackson.core.JsonPointer pointer(List<String> path) {
        StringBuilder sb = new StringBuilder();
        for (String step : path) {
            sb.append('/').append(step.replace("~", "~0").replace("/", "~1"));
        }
        return com.fasterxml.jackson.core.JsonPointer.compile(sb.toString());
    }
}
