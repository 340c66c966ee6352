package org.dovelua.stubs;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads stub files (YAML) into their spec classes; errors carry {@code file:line:column}. */
public final class StubFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a whole number is written as one, as in case files: not "200" (a string) nor 1.5 (cut to 1)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    static {
        YAML.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Integer).setCoercion(
                com.fasterxml.jackson.databind.cfg.CoercionInputShape.String,
                com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
        // true or false, not a number (brute_force: 7 was true)
        YAML.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Boolean).setCoercion(
                com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
                com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
    }

    private StubFiles() {
    }

    static <T> T read(Path file, Class<T> type) throws StubFileException {
        if (!Files.isRegularFile(file)) {
            throw new StubFileException(file + ": No such file");
        }
        try {
            T t = YAML.readValue(file.toFile(), type);
            if (t == null) {
                throw new StubFileException(file + ":1:1: empty stub file");
            }
            return t;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? file.toString() : file + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new StubFileException(where + ": " + message(e));
        } catch (IOException e) {
            throw new StubFileException(file + ": " + e.getMessage());
        }
    }

    private static String message(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            java.util.Collections.sort(known);
            return "unknown key '" + u.getPropertyName() + "' (expected one of: " + String.join(", ", known) + ")";
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null) {
            return wrongType(m);
        }
        String msg = e.getOriginalMessage();
        if (e.getCause() instanceof IllegalArgumentException iae) {
            msg = iae.getMessage();
        }
        return msg.replaceAll("\\s+\\(class [^)]*\\)", "").replaceAll(" \\(for Object starting at .*", "");
    }

    /**
     * A value of the wrong type in the words case files use ({@code status: expected a whole number,
     * found a string "abc"}), not Jackson's ("Cannot deserialize value of type `int`...").
     */
    private static String wrongType(com.fasterxml.jackson.databind.exc.MismatchedInputException m) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                key.append(key.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                key.append('[').append(r.getIndex()).append(']');
            }
        }
        String found;
        if (m instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f) {
            found = f.getValue() instanceof String str ? "a string \"" + str + "\""
                    : f.getValue() instanceof Number n ? "a number (" + n + ")" : "'" + f.getValue() + "'";
        } else {
            String original = m.getOriginalMessage();
            found = m instanceof com.fasterxml.jackson.databind.exc.InvalidNullException
                    || original.contains("`null`") ? "an empty value"
                    : original.contains("from Integer") || original.contains("from Floating-point") ? "a number"
                    : original.contains("from String") ? "a string"
                    : original.contains("String value") ? coercedString(original)
                    : original.contains("from Array") ? "a list"
                    : original.contains("from Object") ? "a mapping"
                    : original.contains("from Boolean") ? "true or false" : "something else";
        }
        return (key.length() == 0 ? "" : key + ": ") + "expected " + expected(m.getTargetType()) + ", found " + found;
    }

    /** The text a refused coercion quotes ({@code Cannot coerce String value ("abc") to `int` value}). */
    private static String coercedString(String original) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("String value \\(\"(.*?)\"\\)").matcher(original);
        return m.find() ? "a string \"" + m.group(1) + "\"" : "a string";
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "a mapping";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "a mapping"; // a spec record
    }

    /** Says where an inline spec's node is ({@code file:line:column}) from its path of keys and indexes. */
    @FunctionalInterface
    public interface Locator {
        String at(List<Object> path);
    }

    /**
     * Starts the stub named by {@code kind} from a spec written inline (in a case file); errors
     * are placed by {@code where}.
     */
    public static StubServer load(String kind, JsonNode spec, Locator where) throws StubFileException {
        return create(convert(spec, specType(kind), where));
    }

    /** An inline spec as its spec class; errors are placed by {@code where}. */
    static <T> T convert(JsonNode spec, Class<T> type, Locator where) throws StubFileException {
        try {
            return YAML.treeToValue(spec, type);
        } catch (JsonProcessingException e) {
            List<Object> path = new ArrayList<>();
            if (e instanceof JsonMappingException m) {
                for (JsonMappingException.Reference r : m.getPath()) {
                    path.add(r.getFieldName() != null ? r.getFieldName() : (Object) r.getIndex());
                }
            }
            throw new StubFileException(where.at(path) + ": " + message(e));
        }
    }

    /**
     * Starts the stub named by {@code kind} ({@code static}, {@code nauthilus}, {@code nextcloud})
     * from {@code file}.
     */
    public static StubServer load(String kind, Path file) throws StubFileException {
        return create(read(file, specType(kind)));
    }

    /** The stub kinds, as {@code --stub} and case files name them. */
    public static final List<String> KINDS = List.of("static", "nauthilus", "nextcloud");

    private static Class<?> specType(String kind) throws StubFileException {
        switch (kind.toLowerCase(Locale.ROOT)) {
            case "static":
                return StaticStub.Spec.class;
            case "nauthilus":
                return NauthilusStub.Spec.class;
            case "nextcloud":
                return NextcloudStub.Spec.class;
            default:
                throw new StubFileException("unknown stub kind '" + kind + "' (use static, nauthilus or nextcloud)");
        }
    }

    private static StubServer create(Object spec) {
        if (spec instanceof StaticStub.Spec s) {
            return new StaticStub(s);
        }
        if (spec instanceof NauthilusStub.Spec s) {
            return new NauthilusStub(s);
        }
        return new NextcloudStub((NextcloudStub.Spec) spec);
    }
}
