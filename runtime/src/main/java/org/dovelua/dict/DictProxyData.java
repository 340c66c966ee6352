package org.dovelua.dict;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data file of a built-in dict server (docs/dict-proxy.md): YAML or JSON with
 * {@code mode} ({@code async}, Dovecot's own dict server: {@code *n}, {@code +n\t} and timings;
 * {@code in_order}: bare replies, as the docs' Perl example server), {@code keys} (full key →
 * answer) and optional {@code iterate} (path → answer, for an iteration's faults). An answer is a
 * string (the value), or one of {@code value}, {@code values} (an {@code M} reply),
 * {@code fail} (an {@code F} reply with that text), {@code drop: true} (close the connection),
 * {@code slow: true} (never answer), {@code reply} (raw lines sent as they are). Errors name the
 * file, line and column.
 */
public final class DictProxyData implements DictServerBackend {
    /** The file's top level. */
    public static final class Spec {
        public String mode = "async";
        public LinkedHashMap<String, Answer> keys = new LinkedHashMap<>();
        public LinkedHashMap<String, Answer> iterate = new LinkedHashMap<>();

        public void setMode(String m) {
            if (!m.equals("async") && !m.equals("in_order")) {
                throw new IllegalArgumentException("mode must be async or in_order, not '" + m + "'");
            }
            mode = m;
        }
    }

    /** How the server answers one key or one iteration path. */
    @JsonDeserialize(using = AnswerReader.class)
    public record Answer(String value, List<String> values, String fail, boolean drop, boolean slow, List<String> reply) {
        public static Answer of(String value) {
            return new Answer(value, null, null, false, false, null);
        }

        /** A row of an iteration: a plain value or values (faults are not rows). */
        boolean isRow() {
            return value != null || values != null;
        }
    }

    private static final Set<String> ANSWER_KEYS = Set.of("value", "values", "fail", "drop", "slow", "reply");

    /** An answer: a string, or a mapping with exactly one of the {@link #ANSWER_KEYS}. */
    static final class AnswerReader extends JsonDeserializer<Answer> {
        @Override
        public Answer deserialize(JsonParser p, DeserializationContext c) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return Answer.of(p.getText());
            }
            if (p.currentToken().isScalarValue()) {
                // a YAML number or boolean as a value: its text, as a dict stores strings
                return Answer.of(p.getText());
            }
            JsonNode n = c.readTree(p);
            if (!n.isObject()) {
                throw new JsonMappingException(p, "an answer is a string or a mapping with one of "
                        + String.join(", ", new java.util.TreeSet<>(ANSWER_KEYS)), at);
            }
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                if (!ANSWER_KEYS.contains(k)) {
                    throw new JsonMappingException(p, "unknown key '" + k + "' (expected one of: "
                            + String.join(", ", new java.util.TreeSet<>(ANSWER_KEYS)) + ")", at);
                }
            }
            if (names.size() != 1) {
                throw new JsonMappingException(p, "an answer has exactly one of value, values, fail, drop, slow,"
                        + " reply; this one has " + names, at);
            }
            String k = names.get(0);
            JsonNode v = n.get(k);
            switch (k) {
                case "value":
                case "fail":
                    if (!v.isValueNode() || v.isNull()) {
                        throw new JsonMappingException(p, k + " must be a string", at);
                    }
                    return k.equals("value") ? Answer.of(v.asText()) : new Answer(null, null, v.asText(), false, false, null);
                case "drop":
                case "slow":
                    if (!v.isBoolean() || !v.asBoolean()) {
                        throw new JsonMappingException(p, k + " must be true", at);
                    }
                    return new Answer(null, null, null, k.equals("drop"), k.equals("slow"), null);
                default:
                    List<String> lines = strings(v);
                    if (lines == null || (k.equals("reply") && lines.isEmpty())) {
                        throw new JsonMappingException(p, k + " must be a string or a list of strings", at);
                    }
                    return k.equals("values") ? new Answer(null, lines, null, false, false, null)
                            : new Answer(null, null, null, false, false, lines);
            }
        }

        private static List<String> strings(JsonNode v) {
            List<String> out = new ArrayList<>();
            if (v.isValueNode() && !v.isNull()) {
                out.add(v.asText());
                return out;
            }
            if (!v.isArray()) {
                return null;
            }
            for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
                JsonNode e = it.next();
                if (!e.isValueNode() || e.isNull()) {
                    return null;
                }
                out.add(e.asText());
            }
            return out;
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Spec spec;

    private DictProxyData(Spec spec) {
        this.spec = spec;
    }

    public static DictProxyData of(Spec spec) {
        return new DictProxyData(spec);
    }

    /** Reads a data file; the exception's message names {@code file:line:column}. */
    public static DictProxyData read(Path file) throws IllegalArgumentException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": No such file");
        }
        try {
            Spec s = YAML.readValue(file.toFile(), Spec.class);
            if (s == null) {
                throw new IllegalArgumentException(file + ":1:1: empty dict data file");
            }
            return new DictProxyData(s);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? file.toString() : file + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            String msg = e.getOriginalMessage();
            if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
                msg = "unknown key '" + u.getPropertyName() + "' (expected one of: iterate, keys, mode)";
            } else if (e.getCause() instanceof IllegalArgumentException iae) {
                msg = iae.getMessage();
            }
            throw new IllegalArgumentException(where + ": " + msg);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /** A data file answers for any name: the fixture was chosen by its name already. */
    @Override
    public Source open(String dictName, String listener) {
        return new Source() {
            @Override
            public Answer lookup(String key, String username) {
                return key(key);
            }

            @Override
            public Listing iterate(String path, String username) {
                Answer fault = iterateFault(path);
                return new Listing(fault == null ? rows(path) : List.of(), fault);
            }
        };
    }

    @Override
    public boolean async() {
        return spec.mode.equals("async");
    }

    /** The answer for a lookup key, or null (not found). */
    public Answer key(String key) {
        return spec.keys.get(key);
    }

    /** A fault set for an iteration of {@code path}, or null (answer with the rows). */
    public Answer iterateFault(String path) {
        return spec.iterate.get(path);
    }

    /**
     * dict-file.c's non-recursive iteration, as the auth driver asks for it (flags 0): the keys
     * under {@code path} with no further {@code /}, in the file's order, with their values.
     */
    public List<Map.Entry<String, List<String>>> rows(String path) {
        List<Map.Entry<String, List<String>>> rows = new ArrayList<>();
        for (Map.Entry<String, Answer> e : spec.keys.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(path) && k.indexOf('/', path.length()) < 0 && e.getValue().isRow()) {
                Answer a = e.getValue();
                rows.add(Map.entry(k, a.values != null ? a.values : List.of(a.value)));
            }
        }
        return rows;
    }
}
