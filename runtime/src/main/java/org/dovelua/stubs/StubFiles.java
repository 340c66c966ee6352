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
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
        String msg = e.getOriginalMessage();
        if (e.getCause() instanceof IllegalArgumentException iae) {
            msg = iae.getMessage();
        }
        return msg.replaceAll("\\s+\\(class [^)]*\\)", "").replaceAll(" \\(for Object starting at .*", "");
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
        Class<?> type = specType(kind);
        try {
            return create(YAML.treeToValue(spec, type));
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
