package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.dovelua.cases.JsonSchemas.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case file and stub file the repository ships as an example (the worked examples that
 * {@code dovelua init} packs, the JUnit user project, the stub fixtures, and the README's blocks)
 * is accepted by its JSON Schema, as it is by the Java reader.
 */
class JsonSchemaExamplesTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /**
     * Where examples live. conformance-tests/src/test/resources/differential/*.yaml are not case or
     * stub files (the differential harness's own format, read by its tests) and are not searched.
     */
    private static final List<Path> PLACES = List.of(ROOT.resolve("scripts"),
            ROOT.resolve("junit/src/it/user-project/src/test"), ROOT.resolve("runtime/src/test/resources/http"));

    /** Every YAML file under {@link #PLACES}, classified: case files by name, stub files by use. */
    static Map<Path, Kind> examples() throws Exception {
        List<Path> all = new ArrayList<>();
        for (Path place : PLACES) {
            try (Stream<Path> s = Files.walk(place)) {
                s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).forEach(all::add);
            }
        }
        Map<Path, Kind> out = new TreeMap<>();
        for (Path f : all) {
            if (CaseFiles.isCaseFileName(f.getFileName().toString())) {
                out.put(f, Kind.CASES);
                usedStubs(f, out);
            }
        }
        // the stub fixtures of runtime's own tests are named after their kind (StubsTest loads them so)
        for (Path f : all) {
            if (f.getParent().equals(ROOT.resolve("runtime/src/test/resources/http"))) {
                out.put(f, Kind.ofStub(f.getFileName().toString().replace(".yaml", "")));
            }
        }
        List<Path> unclassified = new ArrayList<>(all);
        unclassified.removeAll(out.keySet());
        // dict data files (dicts:) are read by RedisSeed and DictProxyData, tested in org.dovelua.dict;
        // they have no schema yet
        for (Path f : all) {
            if (CaseFiles.isCaseFileName(f.getFileName().toString())) {
                Path dir = f.getParent();
                JsonSchemas.json(f).path("dicts").elements().forEachRemaining(v -> {
                    if (v.isTextual()) {
                        unclassified.remove(dir.resolve(v.asText()).normalize());
                    }
                });
            }
        }
        assertThat(unclassified).as("YAML files that are neither case files nor used as a stub by one").isEmpty();
        return out;
    }

    /** The stub files a case file names in {@code stubs:} and {@code exec:}, with their kinds. */
    private static void usedStubs(Path caseFile, Map<Path, Kind> out) throws Exception {
        JsonNode doc = JsonSchemas.json(caseFile);
        Path dir = caseFile.getParent();
        for (Iterator<JsonNode> it = doc.path("stubs").elements(); it.hasNext();) {
            JsonNode v = it.next();
            if (v.isTextual()) {
                String[] kindFile = v.asText().split(":", 2);
                out.put(dir.resolve(kindFile[1]).normalize(), Kind.ofStub(kindFile[0]));
            } else {
                var only = v.fields().next();
                if (only.getValue().isTextual()) {
                    out.put(dir.resolve(only.getValue().asText()).normalize(), Kind.ofStub(only.getKey()));
                }
            }
        }
        for (Iterator<JsonNode> it = doc.path("exec").elements(); it.hasNext();) {
            JsonNode v = it.next();
            if (v.isTextual()) {
                out.put(dir.resolve(v.asText()).normalize(), Kind.EXEC);
            }
        }
    }

    static Stream<Arguments> exampleFiles() throws Exception {
        return examples().entrySet().stream().map(e -> Arguments.of(ROOT.relativize(e.getKey()), e.getValue()));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("exampleFiles")
    void everyExampleFileIsValid(Path file, Kind kind) throws Exception {
        Path f = ROOT.resolve(file);
        assertThat(JsonSchemas.readerError(kind, f)).as("the Java reader on %s", file).isNull();
        assertThat(JsonSchemas.schemaErrors(kind, JsonSchemas.json(f))).as("the %s schema on %s", kind, file).isEmpty();
    }

    @Test
    void theExamplesCoverEveryKind() throws Exception {
        assertThat(examples().values()).contains(Kind.values());
    }

    /** The README's YAML blocks that are whole files: the case file and the four stub files. */
    static Stream<Arguments> readmeBlocks() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        return Stream.of(
                Arguments.of("# login.cases.yaml", Kind.CASES),
                Arguments.of("# checkpw-right.yaml", Kind.EXEC),
                Arguments.of("responses:\n", Kind.STATIC),
                Arguments.of("users:\n  alice: [app-pass-1", Kind.NEXTCLOUD),
                Arguments.of("version: 3 ", Kind.NAUTHILUS))
                .map(a -> {
                    String opening = "```yaml\n" + a.get()[0];
                    int start = readme.indexOf(opening);
                    assertThat(start).as("README block starting %s", a.get()[0]).isNotNegative();
                    start += "```yaml\n".length();
                    return Arguments.of(a.get()[0], a.get()[1], readme.substring(start, readme.indexOf("```", start)));
                });
    }

    @ParameterizedTest(name = "README block {0}")
    @MethodSource("readmeBlocks")
    void everyReadmeFileBlockIsValid(String opening, Kind kind, String yaml) throws Exception {
        assertThat(JsonSchemas.schemaErrors(kind, JsonSchemas.json(yaml))).as("README block %s", opening).isEmpty();
    }

    /**
     * cases.schema.json carries each stub schema under its own {@code $id} (so editors resolve the
     * inline-stub {@code $ref}s without fetching): those copies are the published files, exactly.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Kind.class, names = "CASES", mode =
            org.junit.jupiter.params.provider.EnumSource.Mode.EXCLUDE)
    void theCaseSchemaEmbedsEachStubSchemaAsPublished(Kind kind) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode cases = read(json, Kind.CASES);
        assertThat(cases.path("$defs").path(kind.schema)).isEqualTo(read(json, kind));
    }

    /** Each schema is a valid draft 2020-12 schema, with a stable {@code $id} under {@link JsonSchemas#BASE}. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Kind.class)
    void eachSchemaIsAValidDraft202012Schema(Kind kind) throws Exception {
        JsonNode schema = read(new ObjectMapper(), kind);
        assertThat(schema.path("$id").asText()).isEqualTo(JsonSchemas.BASE + kind.schema + ".schema.json");
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        var meta = com.networknt.schema.JsonSchemaFactory.getInstance(
                com.networknt.schema.SpecVersion.VersionFlag.V202012).getSchema(
                com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(schema)).isEmpty();
    }

    private static JsonNode read(ObjectMapper json, Kind kind) throws Exception {
        try (InputStream in = JsonSchemas.class.getClassLoader().getResourceAsStream(kind.resource())) {
            assertThat(in).as(kind.resource()).isNotNull();
            return json.readTree(in);
        }
    }
}
