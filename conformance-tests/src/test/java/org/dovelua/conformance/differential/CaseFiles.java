package org.dovelua.conformance.differential;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The case files, {@code src/test/resources/differential/*.yaml}: finding, reading and writing
 * them. YAML with literal blocks and minimal quotes, so scripts read as they are written.
 */
public final class CaseFiles {
    public static final Path DIR = Path.of("src/test/resources/differential");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private CaseFiles() {
    }

    /** The case files in name order, those whose name starts with {@code only} when it is not empty. */
    public static List<Path> list(Path dir, String only) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> only.isEmpty() || java.util.Arrays.stream(only.split(","))
                            .anyMatch(prefix -> p.getFileName().toString().startsWith(prefix.trim())))
                    .sorted().toList();
        }
    }

    public static DifferentialCase read(Path file) {
        try {
            return new DifferentialCase(file, (ObjectNode) YAML.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    static void write(Path file, ObjectNode content) throws IOException {
        Files.writeString(file, YAML.writeValueAsString(content));
    }
}
