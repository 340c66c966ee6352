package org.dovelua.conformance.differential;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code -Ddifferential.record=true}: rewrites a case file's runs with what real Dovecot answers
 * now, the only way expected values are produced. Keeps each run's {@code sleep}, {@code args},
 * {@code fields_as_set} and {@code divergence}, and the case's keys in a fixed order.
 */
public final class Recorder {
    private static final List<String> CASE_KEYS =
            List.of("description", "dovecot_version", "script", "config", "base", "http", "redis", "dict_server", "files",
                    "env", "real_env",
                    "allow_exec", "one_auth_process", "runs", "divergence");

    private Recorder() {
    }

    /** Rewrites the case file; the verified-recordings cache then gets a marker for the new file. */
    public static void record(DifferentialCase c, DovecotRoot root, VerifiedRecordings verified) throws Exception {
        ObjectNode node = c.node();
        List<Outcome> got = RealRuns.run(c, root);
        ArrayNode runs = (ArrayNode) node.get("runs");
        for (int i = 0; i < runs.size(); i++) {
            ObjectNode old = (ObjectNode) runs.get(i);
            Outcome o = got.get(i);
            ObjectNode run = CaseFiles.YAML.createObjectNode();
            if (old.has("sleep")) {
                run.set("sleep", old.get("sleep"));
            }
            run.set("args", old.get("args"));
            run.put("exit", o.exit());
            run.put("stdout", o.stdout());
            ArrayNode log = run.putArray("log");
            o.log().forEach(log::add);
            if (c.dictServer().isObject()) {
                ArrayNode wire = run.putArray("wire");
                o.wire().forEach(wire::add);
            }
            for (String k : List.of("fields_as_set", "divergence")) {
                if (old.has(k)) {
                    run.set(k, old.get(k));
                }
            }
            runs.set(i, run);
        }
        ObjectNode ordered = CaseFiles.YAML.createObjectNode();
        for (String k : CASE_KEYS) {
            if (node.has(k)) {
                ordered.set(k, node.get(k));
            }
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!ordered.has(k)) {
                ordered.set(k, node.get(k));
            }
        });
        CaseFiles.write(c.file(), ordered);
        DifferentialCase written = CaseFiles.read(c.file());
        if (RealRuns.agree(written, got)) {
            verified.markVerified(written, root);
        }
    }
}
