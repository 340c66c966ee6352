package org.dovelua.stubs;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            String msg = e.getOriginalMessage();
            if (e.getCause() instanceof IllegalArgumentException iae) {
                msg = iae.getMessage();
            }
            throw new StubFileException(where + ": " + msg.replaceAll("\\s+\\(class [^)]*\\)", "")
                    .replaceAll(" \\(for Object starting at .*", ""));
        } catch (IOException e) {
            throw new StubFileException(file + ": " + e.getMessage());
        }
    }

    /**
     * Starts the stub named by {@code kind} ({@code static}, {@code nauthilus}, {@code nextcloud})
     * from {@code file}.
     */
    public static StubServer load(String kind, Path file) throws StubFileException {
        switch (kind.toLowerCase(Locale.ROOT)) {
            case "static":
                return new StaticStub(read(file, StaticStub.Spec.class));
            case "nauthilus":
                return new NauthilusStub(read(file, NauthilusStub.Spec.class));
            case "nextcloud":
                return new NextcloudStub(read(file, NextcloudStub.Spec.class));
            default:
                throw new StubFileException("unknown stub kind '" + kind + "' (use static, nauthilus or nextcloud)");
        }
    }
}
