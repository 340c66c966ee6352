package org.dovelua.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dovelua.stubs.ExecStubFile;
import org.dovelua.stubs.StubFileException;
import org.dovelua.stubs.StubFiles;

/**
 * The published JSON Schemas (runtime's {@code org/dovelua/schema/}, loaded from the classpath by
 * their {@code $id}s as a user's tool would load them from the jar), and the Java reader of the same
 * kind of file, so tests can ask both whether a file is acceptable.
 */
final class JsonSchemas {
    static final String BASE = "https://dovelua.invalid/schema/1/";

    /** The kinds of files dovelua reads from YAML, each with its schema and its reader. */
    enum Kind {
        CASES("cases"), STATIC("stub-static"), NEXTCLOUD("stub-nextcloud"), NAUTHILUS("stub-nauthilus"),
        EXEC("exec-stub");

        final String schema;

        Kind(String schema) {
            this.schema = schema;
        }

        String resource() {
            return "org/dovelua/schema/" + schema + ".schema.json";
        }

        /** The kind a case file's {@code stubs:} calls {@code name} ({@code static}, ...). */
        static Kind ofStub(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private static final Map<Kind, JsonSchema> SCHEMAS = new EnumMap<>(Kind.class);

    private JsonSchemas() {
    }

    static synchronized JsonSchema schema(Kind kind) {
        // a factory per schema: one that had read cases.schema.json would answer a stub schema's $id
        // with the copy embedded there, and the published file would go untested
        return SCHEMAS.computeIfAbsent(kind, k -> JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaMappers(m -> m.mapPrefix(BASE, "classpath:org/dovelua/schema/")))
                .getSchema(SchemaLocation.of(BASE + k.schema + ".schema.json")));
    }

    /** What the schema says is wrong with {@code doc}; empty when it accepts it. */
    static List<String> schemaErrors(Kind kind, JsonNode doc) {
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : schema(kind).validate(doc)) {
            out.add(m.getMessage());
        }
        return out;
    }

    /** A YAML file as the JSON an editor's schema check sees: the same tree the case file reader reads. */
    static JsonNode json(Path yaml) throws CaseFileException {
        return YamlJson.of(YamlTree.read(yaml));
    }

    static JsonNode json(String yaml) throws CaseFileException {
        return YamlJson.of(YamlTree.read(Path.of("inline.yaml"), yaml));
    }

    /**
     * What the Java reader of {@code kind} says is wrong with {@code file} (as {@code dovelua test}
     * and {@code --stub}/{@code --exec} read it); null when it accepts the file.
     *
     * @throws IllegalStateException when the reader fails with something other than its own error
     *     (a crash is not a refusal with a place and a reason)
     */
    static String readerError(Kind kind, Path file) {
        try {
            switch (kind) {
                case CASES:
                    CaseFile.read(file);
                    break;
                case EXEC:
                    ExecStubFile.load("*", file);
                    break;
                default:
                    StubFiles.load(kind.name().toLowerCase(java.util.Locale.ROOT), file).close();
                    break;
            }
            return null;
        } catch (CaseFileException | StubFileException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            throw new IllegalStateException(file + ": the " + kind + " reader crashed: " + e, e);
        }
    }
}
