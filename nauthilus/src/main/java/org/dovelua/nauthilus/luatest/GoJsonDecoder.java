package org.dovelua.nauthilus.luatest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.dovelua.nauthilus.GoJsonSyntax;

/**
 * Go's {@code json.Unmarshal} into the fixture struct (runner.go {@code loadMockData}), on a Jackson
 * tree: unknown keys are dropped, a key matches its field exactly or else case-insensitively (the
 * first field in declaration order), {@code null} leaves a field unset, and the first value of the
 * wrong JSON type in document order fails with Go's {@code UnmarshalTypeError} text
 * ({@code json: cannot unmarshal number into Go struct field ContextMock.context.username of type string}).
 * The result is the fixture re-keyed with the canonical (json tag) names, typed-container nulls
 * replaced by Go zero values.
 */
final class GoJsonDecoder {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GoJsonDecoder() {
    }

    /** Go's decoding of {@code text} into {@code MockData}; the message of the exception is Go's error text. */
    static ObjectNode decode(byte[] text) throws FixtureException {
        String syntax = GoJsonSyntax.check(text); // decode.go Unmarshal: checkValid first
        if (syntax != null) {
            throw new FixtureException(syntax);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new FixtureException(syntaxError(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new FixtureException("unexpected end of JSON input");
        }
        if (root.isNull()) {
            return NODES.objectNode();
        }
        if (!root.isObject()) {
            // no field context at the top: "Go value of type"
            throw new FixtureException("json: cannot unmarshal " + jsonKind(root) + " into Go value of type "
                    + GoType.MOCK_DATA.name);
        }
        return (ObjectNode) convert(root, GoType.MOCK_DATA, null, new ArrayList<>());
    }

    /** Go's {@code SyntaxError} texts, as far as a Jackson failure tells them (see report: approximate). */
    private static String syntaxError(java.io.IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("end-of-input") || m.contains("No content to map")) {
            return "unexpected end of JSON input";
        }
        int q = m.indexOf("character ('");
        if (q >= 0) {
            char c = m.charAt(q + "character ('".length());
            if (m.contains("Trailing token")) {
                return "invalid character '" + c + "' after top-level value";
            }
            return "invalid character '" + c + "' looking for beginning of value";
        }
        if (m.contains("Trailing token")) {
            return "invalid character after top-level value";
        }
        return "invalid JSON: " + m.lines().findFirst().orElse(m);
    }

    static String jsonKind(JsonNode n) {
        if (n.isTextual()) {
            return "string";
        }
        if (n.isNumber()) {
            return "number";
        }
        if (n.isBoolean()) {
            return "bool";
        }
        if (n.isArray()) {
            return "array";
        }
        return "object";
    }

    /** One value into a Go type. {@code struct} is the innermost struct being decoded (error context), {@code path} the field stack. */
    private static JsonNode convert(JsonNode n, GoType t, GoType struct, List<String> path) throws FixtureException {
        switch (t.kind) {
            case ANY:
                return n;
            case STRING:
                if (!n.isTextual()) {
                    throw typeError(jsonKind(n), t, struct, path);
                }
                return n;
            case BOOL:
                if (!n.isBoolean()) {
                    throw typeError(jsonKind(n), t, struct, path);
                }
                return n;
            case INT:
            case INT64:
                if (!n.isNumber()) {
                    throw typeError(jsonKind(n), t, struct, path);
                }
                // decode.go literalStore: strconv.ParseInt(item) — "1.0" and overflows fail as "number <text>"
                if (!n.isIntegralNumber() || n.bigIntegerValue().bitLength() > 63) {
                    throw typeError("number " + numberText(n), t, struct, path);
                }
                return NODES.numberNode(n.longValue());
            case FLOAT64:
                if (!n.isNumber()) {
                    throw typeError(jsonKind(n), t, struct, path);
                }
                return NODES.numberNode(n.doubleValue());
            case SLICE: {
                if (!n.isArray()) {
                    throw typeError(jsonKind(n), t, struct, path);
                }
                ArrayNode out = NODES.arrayNode();
                for (JsonNode item : n) {
                    out.add(item.isNull() ? zero(t.elem) : convert(item, t.elem, struct, path));
                }
                return out;
            }
            case MAP: {
                if (!n.isObject()) {
                    throw typeError(jsonKind(n), t, struct, path);
                }
                ObjectNode out = NODES.objectNode();
                Iterator<Map.Entry<String, JsonNode>> it = n.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    out.set(e.getKey(), e.getValue().isNull() ? zero(t.elem) : convert(e.getValue(), t.elem, struct, path));
                }
                return out;
            }
            case STRUCT: {
                if (!n.isObject()) {
                    throw typeError(jsonKind(n), t, struct, path);
                }
                ObjectNode out = NODES.objectNode();
                Iterator<Map.Entry<String, JsonNode>> it = n.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String field = fieldFor(t, e.getKey());
                    if (field == null) {
                        continue; // unknown keys are ignored
                    }
                    if (e.getValue().isNull()) {
                        out.remove(field); // null: pointer/slice/map nil, scalar untouched
                        continue;
                    }
                    path.add(field);
                    out.set(field, convert(e.getValue(), t.fields.get(field), t, path));
                    path.remove(path.size() - 1);
                }
                return out;
            }
            default:
                throw new IllegalStateException(t.kind.name());
        }
    }

    /** decode.go object(): an exact name match first, else the first field whose name folds to the key. */
    private static String fieldFor(GoType t, String key) {
        if (t.fields.containsKey(key)) {
            return key;
        }
        for (String f : t.fields.keySet()) {
            if (f.equalsIgnoreCase(key)) {
                return f;
            }
        }
        return null;
    }

    private static String numberText(JsonNode n) {
        if (n.isBigDecimal()) {
            return n.decimalValue().toString();
        }
        return n.asText();
    }

    private static JsonNode zero(GoType t) {
        switch (t.kind) {
            case STRING:
                return NODES.textNode("");
            case BOOL:
                return NODES.booleanNode(false);
            case INT:
            case INT64:
                return NODES.numberNode(0L);
            case FLOAT64:
                return NODES.numberNode(0.0);
            case STRUCT:
                return NODES.objectNode();
            default:
                return NODES.nullNode();
        }
    }

    /** {@code UnmarshalTypeError.Error()} with decode.go's addErrorContext (innermost struct, full field path). */
    private static FixtureException typeError(String value, GoType t, GoType struct, List<String> path) {
        if (struct == null) {
            return new FixtureException("json: cannot unmarshal " + value + " into Go value of type " + t.name);
        }
        return new FixtureException("json: cannot unmarshal " + value + " into Go struct field "
                + struct.simpleName() + "." + String.join(".", path) + " of type " + t.name);
    }
}
