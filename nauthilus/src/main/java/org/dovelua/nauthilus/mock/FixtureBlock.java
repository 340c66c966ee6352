package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.nauthilus.GoValues;

/**
 * Reads one mock block the way Nauthilus's Go structs see it after encoding/json
 * (server/testing/luatest/types.go): a key matches its field exactly or, failing that, case-
 * insensitively; an absent or null field is the Go zero value. Every mock struct is created even
 * when the fixture has no block (mocks.go, ensureResetMock), so an absent block reads as zeros.
 */
final class FixtureBlock {
    private FixtureBlock() {
    }

    /** The field's node, or null when absent or JSON null (a Go nil). */
    static JsonNode field(JsonNode block, String name) {
        if (block == null || !block.isObject()) {
            return null;
        }
        JsonNode exact = block.get(name);
        if (exact == null) {
            Iterator<Map.Entry<String, JsonNode>> it = block.fields();
            while (it.hasNext() && exact == null) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equalsIgnoreCase(name)) {
                    exact = e.getValue();
                }
            }
        }
        return exact == null || exact.isNull() ? null : exact;
    }

    static String string(JsonNode block, String name) {
        return text(field(block, name));
    }

    static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : "";
    }

    static boolean bool(JsonNode block, String name) {
        JsonNode n = field(block, name);
        return n != null && n.asBoolean(false);
    }

    /** A Go {@code *bool}: null when absent. */
    static Boolean optionalBool(JsonNode block, String name) {
        JsonNode n = field(block, name);
        return n == null ? null : n.asBoolean(false);
    }

    static long integer(JsonNode block, String name) {
        JsonNode n = field(block, name);
        return n != null && n.isNumber() ? n.asLong() : 0;
    }

    /** A Go {@code *int64}: null when absent. */
    static Long optionalInteger(JsonNode block, String name) {
        JsonNode n = field(block, name);
        return n != null && n.isNumber() ? n.asLong() : null;
    }

    /** A Go {@code []string}; null when absent (a nil slice). */
    static List<String> stringList(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        node.forEach(v -> out.add(text(v)));
        return out;
    }

    /** A Go {@code map[string]string}; null when absent (a nil map). */
    static Map<String, String> stringMap(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), text(e.getValue())));
        return out;
    }

    /** A Go {@code map[string]any}; null when absent. */
    static Map<String, Object> anyMap(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) (Map<?, ?>) GoValues.fromJson(node);
        return m;
    }

    /** The block's {@code expected_calls} entries, or an empty list. */
    static List<JsonNode> array(JsonNode block, String name) {
        JsonNode n = field(block, name);
        List<JsonNode> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(out::add);
        }
        return out;
    }
}
