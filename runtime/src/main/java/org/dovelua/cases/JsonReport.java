package org.dovelua.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dovelua.api.ResultJson;

/**
 * {@code dovelua test --json-report PATH}: every case's outcome as JSON, for tools that read
 * results rather than JUnit XML: the totals, then per case its file, line, name, status, time,
 * what did not match, and the answer ({@link ResultJson}); unreadable files with their message.
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static void write(Path target, List<CaseOutcome> outcomes, List<JunitXml.Unreadable> unreadable)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("passed", count(outcomes, CaseOutcome.Status.PASSED));
        root.put("failed", count(outcomes, CaseOutcome.Status.FAILED) + unreadable.size());
        root.put("skipped", count(outcomes, CaseOutcome.Status.SKIPPED));
        ArrayNode cases = root.putArray("cases");
        for (CaseOutcome o : outcomes) {
            ObjectNode c = cases.addObject();
            c.put("file", CaseFiles.shown(o.file().file()));
            c.put("line", o.testCase().at().line());
            c.put("name", o.testCase().name());
            c.put("status", o.status().name().toLowerCase(Locale.ROOT));
            c.put("seconds", o.nanos() / 1e9);
            if (o.error() != null) {
                c.put("error", o.error());
            }
            ArrayNode mismatches = c.putArray("mismatches");
            for (Mismatch m : o.mismatches()) {
                mismatches.addObject().put("what", m.what()).put("expected", m.expected()).put("actual", m.actual());
            }
            if (o.result() != null) {
                c.set("answer", ResultJson.of(o.result()));
            }
        }
        ArrayNode bad = root.putArray("unreadable");
        for (JunitXml.Unreadable u : unreadable) {
            bad.addObject().put("file", CaseFiles.shown(u.file())).put("message", u.message());
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(target.toFile(), root);
    }

    private static long count(List<CaseOutcome> outcomes, CaseOutcome.Status s) {
        return outcomes.stream().filter(o -> o.status() == s).count();
    }
}
