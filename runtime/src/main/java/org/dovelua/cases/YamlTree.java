package org.dovelua.cases;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a YAML document into {@link YamlNode}s that remember their line and column. */
final class YamlTree {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final Path file;
    private final JsonParser parser;

    private YamlTree(Path file, JsonParser parser) {
        this.file = file;
        this.parser = parser;
    }

    static YamlNode read(Path file) throws CaseFileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CaseFileException(new Location(file, 1, 1), "cannot read the case file: " + e.getMessage());
        }
        return read(file, text);
    }

    static YamlNode read(Path file, String text) throws CaseFileException {
        int tabLine = YamlIndentation.tabLine(text);
        if (tabLine > 0) {
            throw new CaseFileException(new Location(file, tabLine, 1), YamlIndentation.tabMessage(tabLine));
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            YamlTree tree = new YamlTree(file, p);
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new CaseFileException(new Location(file, 1, 1), "the file is empty (expected a mapping with cases:)");
            }
            return tree.node(t);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                // SnakeYAML's problem mark is where the document went wrong; its context says what was open
                String context = m.getContext() == null || m.getContextMark() == null ? ""
                        : " (" + m.getContext() + " at line " + (m.getContextMark().getLine() + 1) + ")";
                String plain = YamlIndentation.explain(text, m.getProblemMark().getLine() + 1, m.getProblem());
                throw new CaseFileException(new Location(file, m.getProblemMark().getLine() + 1,
                        m.getProblemMark().getColumn() + 1), plain != null ? plain : "invalid YAML: " + m.getProblem() + context);
            }
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage().strip();
            int nl = msg.indexOf('\n');
            throw new CaseFileException(l == null ? new Location(file, 1, 1) : at(file, l),
                    "invalid YAML: " + (nl < 0 ? msg : msg.substring(0, nl)).strip());
        } catch (IOException e) {
            throw new CaseFileException(new Location(file, 1, 1), "cannot read the case file: " + e.getMessage());
        }
    }

    private static Location at(Path file, JsonLocation l) {
        return new Location(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    private Location here() {
        return at(file, parser.currentTokenLocation());
    }

    private YamlNode node(JsonToken t) throws IOException, CaseFileException {
        Location at = here();
        switch (t) {
            case START_OBJECT:
                return mapping(at);
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                for (JsonToken n = parser.nextToken(); n != JsonToken.END_ARRAY; n = parser.nextToken()) {
                    items.add(node(n));
                }
                return new YamlNode.Sequence(at, items);
            }
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(at, parser.getText(), YamlNode.Scalar.Type.INT);
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(at, parser.getText(), YamlNode.Scalar.Type.FLOAT);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(at, parser.getText(), YamlNode.Scalar.Type.BOOLEAN);
            case VALUE_NULL:
                return new YamlNode.Scalar(at, "", YamlNode.Scalar.Type.NULL);
            default:
                return new YamlNode.Scalar(at, parser.getText(), YamlNode.Scalar.Type.STRING);
        }
    }

    private YamlNode mapping(Location at) throws IOException, CaseFileException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        for (JsonToken n = parser.nextToken(); n != JsonToken.END_OBJECT; n = parser.nextToken()) {
            Location keyAt = here();
            String key = parser.currentName();
            YamlNode value = node(parser.nextToken());
            YamlNode.Entry before = entries.put(key, new YamlNode.Entry(key, keyAt, value));
            if (before != null) {
                throw new CaseFileException(keyAt, "duplicate key '" + key + "' (first at line " + before.keyAt().line() + ")");
            }
        }
        return new YamlNode.Mapping(at, entries);
    }
}
