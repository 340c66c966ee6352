package org.dovelua.nauthilus.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Go structs vadv/gopher-lua-libs {@code telegram} round-trips its values through (telegram/types.go,
 * passport.go, config.go; listed in {@code telegram-types.txt}): {@code json.Unmarshal} into a struct
 * (encoding/json decode.go: keys matched exactly, then case-insensitively; unknown keys dropped; a value of
 * the wrong JSON kind leaves the zero value and records the first {@code UnmarshalTypeError}) and
 * {@code json.Marshal} of it back (encode.go: fields in declaration order, zero values written unless
 * {@code omitempty}, nil pointers and slices as null).
 */
final class TelegramStructs {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** A field; {@code via}: the embedded structs' names it is promoted through ("BaseFile.BaseChat."). */
    record Field(String json, String type, boolean omitEmpty, String via) {
    }

    private static final Map<String, List<Field>> STRUCTS = load();

    private TelegramStructs() {
    }

    private static Map<String, List<Field>> load() {
        Map<String, List<Field>> raw = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                TelegramStructs.class.getResourceAsStream("telegram-types.txt"), StandardCharsets.UTF_8))) {
            List<Field> cur = null;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] p = line.trim().split(" ");
                if (line.startsWith("struct ")) {
                    raw.put(p[1], cur = new ArrayList<>());
                } else {
                    cur.add(new Field(p[0], p[1], p.length > 2, ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<Field>> flat = new LinkedHashMap<>();
        raw.keySet().forEach(name -> flat.put(name, flatten(raw, name)));
        return flat;
    }

    /** Embedded structs ("^ T") promote their fields (encode.go typeFields), the outer one winning. */
    private static List<Field> flatten(Map<String, List<Field>> raw, String name) {
        List<Field> out = new ArrayList<>();
        for (Field f : raw.get(name)) {
            if (f.json.equals("^")) {
                for (Field inner : flatten(raw, f.type)) {
                    if (raw.get(name).stream().noneMatch(o -> o.json.equals(inner.json))) {
                        out.add(new Field(inner.json, inner.type, inner.omitEmpty, f.type + "." + inner.via));
                    }
                }
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /** json.Unmarshal's result: the Go value as json.Marshal would write it, and the first type error. */
    static final class Decoded {
        String error;
    }

    /** Unmarshals {@code in} into a value of Go type {@code type}, rendered as json.Marshal writes it. */
    static JsonNode unmarshal(JsonNode in, String type, Decoded d) {
        return value(in, type, d, type, "");
    }

    private static JsonNode value(JsonNode in, String type, Decoded d, String struct, String path) {
        if (type.startsWith("*")) {
            return in == null || in.isNull() ? NullNode.instance : value(in, type.substring(1), d, struct, path);
        }
        if (type.equals("interface{}") || type.equals("json.RawMessage")) {
            return in == null ? NullNode.instance : in;
        }
        if (type.startsWith("[]")) {
            if (in == null || in.isNull()) {
                return NullNode.instance;
            }
            if (!in.isArray()) {
                return mismatch(d, in, type, struct, path, NullNode.instance);
            }
            ArrayNode a = F.arrayNode();
            in.forEach(e -> a.add(value(e, type.substring(2), d, struct, path)));
            return a;
        }
        List<Field> fields = STRUCTS.get(type);
        if (fields != null) {
            ObjectNode o = F.objectNode();
            boolean isObject = in != null && in.isObject();
            if (in != null && !in.isNull() && !isObject) {
                mismatch(d, in, type, struct, path, null);
            }
            for (Field f : fields) {
                JsonNode v = isObject ? member(in, f.json) : null;
                // decode.go object (Go 1.24+): the error's Field names the embedded structs passed through
                String p = (path.isEmpty() ? "" : path + ".") + f.via + f.json;
                JsonNode out = value(v, f.type, d, type, p);
                if (!(f.omitEmpty && empty(out, f.type))) {
                    o.set(f.json, out);
                }
            }
            return o;
        }
        return scalar(in, type, d, struct, path);
    }

    private static JsonNode scalar(JsonNode in, String type, Decoded d, String struct, String path) {
        JsonNode zero = switch (type) {
            case "int", "int64" -> F.numberNode(0L);
            case "float64" -> F.numberNode(0.0);
            case "bool" -> F.booleanNode(false);
            case "string" -> F.textNode("");
            default -> NullNode.instance;
        };
        if (in == null || in.isNull()) {
            return zero;
        }
        switch (type) {
            case "int", "int64" -> {
                // decode.go literalStore: strconv.ParseInt of the literal; "1.5" is a type error
                if (in.isIntegralNumber() && in.canConvertToLong()) {
                    return F.numberNode(in.longValue());
                }
                return mismatch(d, in, type, struct, path, zero);
            }
            case "float64" -> {
                return in.isNumber() ? F.numberNode(in.doubleValue()) : mismatch(d, in, type, struct, path, zero);
            }
            case "bool" -> {
                return in.isBoolean() ? in : mismatch(d, in, type, struct, path, zero);
            }
            case "string" -> {
                return in.isTextual() ? in : mismatch(d, in, type, struct, path, zero);
            }
            default -> {
                return zero;
            }
        }
    }

    /** decode.go: an exact key first, else the first case-insensitive match (foldName). */
    private static JsonNode member(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v != null) {
            return v;
        }
        var it = o.fields();
        JsonNode found = null;
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                found = e.getValue(); // a later duplicate overwrites, as decoding in order does
            }
        }
        return found;
    }

    /** encode.go isEmptyValue: a pointer or interface is empty only when nil. */
    private static boolean empty(JsonNode v, String type) {
        if (type.startsWith("*") || type.equals("interface{}")) {
            return v.isNull();
        }
        return v.isNull() || (v.isBoolean() && !v.booleanValue()) || (v.isNumber() && v.doubleValue() == 0)
                || (v.isTextual() && v.textValue().isEmpty()) || (v.isArray() && v.isEmpty());
    }

    /** decode.go UnmarshalTypeError.Error(), saved once (d.saveError keeps the first). */
    private static JsonNode mismatch(Decoded d, JsonNode in, String type, String struct, String path, JsonNode zero) {
        if (d.error == null) {
            String what = in.isTextual() ? "string" : in.isBoolean() ? "bool" : in.isArray() ? "array"
                    : in.isObject() ? "object" : "number" + (type.startsWith("int") ? " " + in.toString() : "");
            d.error = path.isEmpty() ? "json: cannot unmarshal " + what + " into Go value of type " + goType(type)
                    : "json: cannot unmarshal " + what + " into Go struct field " + struct + "." + path
                    + " of type " + goType(type);
        }
        return zero;
    }

    /** reflect.Type.String() of a field type: package-qualified struct names. */
    static String goType(String type) {
        if (type.startsWith("*")) {
            return "*" + goType(type.substring(1));
        }
        if (type.startsWith("[]")) {
            return "[]" + goType(type.substring(2));
        }
        return STRUCTS.containsKey(type) ? "telegram." + type : type;
    }
}
