package org.dovelua.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.dovelua.version.Since;

/** {@code dovelua migrate --json}: the report as one JSON object. */
public final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {
    }

    public static ObjectNode of(MigrationReport r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("from", r.from().toString());
        o.put("to", r.to().toString());
        o.put("changed", r.changed());
        ArrayNode files = o.putArray("files");
        for (FileReport f : r.files()) {
            ObjectNode fo = files.addObject();
            fo.put("file", f.file().toString());
            if (f.notCompared() != null) {
                fo.put("not_compared", f.notCompared());
                continue;
            }
            if (f.config() != null) {
                ObjectNode c = fo.putObject("config");
                c.put("source", f.config().source().toString());
                c.put("converted", f.config().text());
                c.put("complete", f.config().complete());
                c.put("load_error", f.config().loadError());
                strings(c.putArray("notes"), f.config().notes());
                c.put("used", f.convertedConfigUsed());
            }
            strings(fo.putArray("candidates"), f.candidates().stream().map(Since::name).toList());
            ArrayNode cases = fo.putArray("cases");
            for (CaseChange c : f.cases()) {
                ObjectNode co = cases.addObject();
                co.put("name", c.testCase().name());
                co.put("line", c.testCase().at().line());
                co.put("status", c.skipped() ? "skipped" : c.changed() ? "changed" : "same");
                co.put("passed_from", c.passedFrom());
                co.put("passed_to", c.passedTo());
                strings(co.putArray("unstable"), c.unstable().stream().map(Aspect::label).toList());
                ArrayNode changes = co.putArray("changes");
                for (CaseChange.AspectChange a : c.changes()) {
                    ObjectNode ao = changes.addObject();
                    ao.put("aspect", a.aspect().label());
                    strings(ao.putArray("from"), a.from());
                    strings(ao.putArray("to"), a.to());
                    ObjectNode at = ao.putObject("attribution");
                    at.put("kind", a.attribution().kind().name().toLowerCase(java.util.Locale.ROOT));
                    strings(at.putArray("rows"), a.attribution().rows().stream().map(Since::name).toList());
                }
            }
        }
        ObjectNode rows = o.putObject("rules");
        r.rows().forEach((row, n) -> {
            ObjectNode ro = rows.putObject(row.name());
            ro.put("since", row.since().toString());
            ro.put("rule", row.rule());
            ro.put("source", row.source());
            ro.put("cases", n);
            ro.put("edit", MigrationHints.hint(row));
        });
        return o;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
