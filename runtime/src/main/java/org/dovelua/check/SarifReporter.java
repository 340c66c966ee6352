package org.dovelua.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code --sarif}: SARIF 2.1.0 (OASIS, sarif-schema-2.1.0.json), what code-scanning views read:
 * one run, the rule registry as {@code tool.driver.rules}, each finding a result pointing at its
 * file, line and column.
 */
public final class SarifReporter {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SarifReporter() {
    }

    /** A path below the working directory stays relative (code-scanning resolves it in the checkout); others are file: URIs. */
    static String uri(String file) {
        java.nio.file.Path p = java.nio.file.Path.of(file);
        return p.isAbsolute() ? p.toUri().toString() : file.replace('\\', '/');
    }

    public static void print(List<Finding> findings, PrintWriter out) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "2.1.0");
        root.put("$schema", SCHEMA);
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "dovelua check");
        driver.put("informationUri", Rule.DOCS);
        ArrayNode rules = driver.putArray("rules");
        for (Rule r : Rule.all()) {
            ObjectNode o = rules.addObject();
            o.put("id", r.id());
            o.putObject("shortDescription").put("text", r.summary());
            o.put("helpUri", r.helpUri());
            o.putObject("defaultConfiguration").put("level", r.severity().word());
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : findings) {
            ObjectNode o = results.addObject();
            o.put("ruleId", f.rule().id());
            o.put("ruleIndex", f.rule().ordinal());
            o.put("level", f.severity().word());
            o.putObject("message").put("text", f.message());
            ObjectNode loc = o.putArray("locations").addObject().putObject("physicalLocation");
            loc.putObject("artifactLocation").put("uri", uri(f.file()));
            ObjectNode region = loc.putObject("region");
            region.put("startLine", f.line());
            region.put("startColumn", f.column());
        }
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }
}
