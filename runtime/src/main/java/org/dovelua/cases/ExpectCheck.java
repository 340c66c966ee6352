package org.dovelua.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.dovelua.api.Result;

/** Compares a {@link Result} with an {@link Expect}; every unmet expectation is one {@link Mismatch}. */
public final class ExpectCheck {
    private ExpectCheck() {
    }

    public static List<Mismatch> check(Expect e, Result r) {
        List<Mismatch> out = new ArrayList<>();
        if (e.result() != null && !e.result().equals(r.result())) {
            out.add(new Mismatch("result", e.result(), r.result()));
        }
        if (e.exit() != null && e.exit() != r.exitCode()) {
            out.add(new Mismatch("exit code", String.valueOf(e.exit()), String.valueOf(r.exitCode())));
        }
        // exact names and values; order is not compared (a Lua table's order is its hash order)
        if (e.fields() != null && !e.fields().equals(r.fields())) {
            out.add(new Mismatch("fields", lines(e.fields()), lines(r.fields())));
        }
        if (e.fieldsSubset() != null) {
            for (Map.Entry<String, String> f : e.fieldsSubset().entrySet()) {
                String actual = r.fields().get(f.getKey());
                if (!f.getValue().equals(actual)) {
                    out.add(new Mismatch("field " + f.getKey(), f.getValue(), actual == null ? "(no such field)" : actual));
                }
            }
        }
        if (e.absentFields() != null) {
            for (String f : e.absentFields()) {
                if (r.fields().containsKey(f)) {
                    out.add(new Mismatch("field " + f, "(absent)", r.fields().get(f)));
                }
            }
        }
        if (e.logsContain() != null) {
            for (String text : e.logsContain()) {
                if (r.logs().stream().noneMatch(l -> l.contains(text))) {
                    out.add(new Mismatch("logs", "a line containing: " + text, logLines(r)));
                }
            }
        }
        if (e.logsMatch() != null) {
            for (Pattern p : e.logsMatch()) {
                if (r.logs().stream().noneMatch(l -> p.matcher(l).find())) {
                    out.add(new Mismatch("logs", "a line matching: " + p.pattern(), logLines(r)));
                }
            }
        }
        if (e.stdout() != null && !e.stdout().equals(r.stdout())) {
            out.add(new Mismatch("stdout", e.stdout(), r.stdout()));
        }
        if (e.http() != null) {
            HttpCheck.check(e.http(), r.http(), out);
        }
        if (e.exec() != null) {
            ExecCheck.check(e.exec(), r.exec(), out);
        }
        if (e.users() != null && !e.users().equals(r.users())) {
            out.add(new Mismatch("users", String.join("\n", e.users()) + "\n",
                    r.users().isEmpty() ? "(none)\n" : String.join("\n", r.users()) + "\n"));
        }
        return out;
    }

    private static String lines(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(fields).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.length() == 0 ? "(no fields)\n" : sb.toString();
    }

    private static String logLines(Result r) {
        return r.logs().isEmpty() ? "(no log lines)\n" : String.join("\n", r.logs()) + "\n";
    }
}
