package org.dovelua.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.dovelua.nauthilus.luatest.CallbackKind;
import org.dovelua.nauthilus.luatest.TestResult;
import org.dovelua.nauthilus.redis.RedisContents;

/** Compares a plugin run with its case's {@link PluginExpect}; each unmet expectation is one {@link Mismatch}. */
final class PluginCheck {
    private PluginCheck() {
    }

    static List<Mismatch> check(CallbackKind kind, PluginExpect e, PluginRun.Left left) {
        List<Mismatch> out = new ArrayList<>();
        TestResult r = left.result();
        // a run that fails is a failed case unless the case says it must fail
        boolean wantSuccess = e.success() != null ? e.success() : e.errors() == null;
        if (wantSuccess != r.success) {
            out.add(new Mismatch("success", String.valueOf(wantSuccess), r.success + (r.errors.isEmpty() ? ""
                    : " (" + String.join("; ", r.errors) + ")")));
        }
        if (e.errors() != null) {
            for (String text : e.errors()) {
                if (r.errors.stream().noneMatch(x -> x.contains(text))) {
                    out.add(new Mismatch("errors", "an error containing: " + text,
                            r.errors.isEmpty() ? "(no errors)" : String.join("\n", r.errors) + "\n"));
                }
            }
        }
        e.returns().forEach((name, want) -> {
            JsonNode got = PluginReturns.actual(kind, name, r);
            if (!PluginReturns.same(want, got)) {
                if (want.isContainerNode() || got.isContainerNode()) {
                    out.add(new Mismatch(name, pretty(want), pretty(got)));
                } else {
                    out.add(new Mismatch(name, PluginReturns.text(want), PluginReturns.text(got)));
                }
            }
        });
        if (e.http() != null) {
            HttpCheck.check(e.http(), left.http(), out);
        }
        if (e.status() != null && !e.status().equals(r.statusMessages)) {
            out.add(new Mismatch("status messages", lines(e.status(), "(none)"), lines(r.statusMessages, "(none)")));
        }
        if (e.logsContain() != null) {
            for (String text : e.logsContain()) {
                if (r.logs.stream().noneMatch(l -> l.contains(text))) {
                    out.add(new Mismatch("logs", "a line containing: " + text, lines(r.logs, "(no log lines)")));
                }
            }
        }
        if (e.logsMatch() != null) {
            for (Pattern p : e.logsMatch()) {
                if (r.logs.stream().noneMatch(l -> p.matcher(l).find())) {
                    out.add(new Mismatch("logs", "a line matching: " + p.pattern(), lines(r.logs, "(no log lines)")));
                }
            }
        }
        if (e.context() != null) {
            e.context().forEach((k, want) -> {
                JsonNode got = left.context().get(k);
                if (!PluginReturns.same(want, got)) {
                    out.add(new Mismatch("context " + k, PluginReturns.text(want), PluginReturns.text(got)));
                }
            });
        }
        if (e.redis() != null) {
            e.redis().forEach((k, want) -> redis(k, want, left.redis().get(k), out));
        }
        if (e.calls() != null) {
            e.calls().forEach((block, want) -> calls(block, want, left.calls().get(block), out));
        }
        return out;
    }

    private static String pretty(JsonNode n) {
        try {
            Object sorted = PluginReturns.MAPPER.treeToValue(n, Object.class);
            return PluginReturns.MAPPER.copy().configure(com.fasterxml.jackson.databind.SerializationFeature
                    .ORDER_MAP_ENTRIES_BY_KEYS, true).writerWithDefaultPrettyPrinter().writeValueAsString(sorted) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            return n + "\n";
        }
    }

    private static String lines(List<String> l, String none) {
        return l.isEmpty() ? none + "\n" : String.join("\n", l) + "\n";
    }

    /** One key's contents, written as the case file writes them, against what the run left. */
    private static void redis(String key, JsonNode want, RedisContents.Value got, List<Mismatch> out) {
        String what = "redis key " + key;
        if (want.isNull()) {
            if (got != null) {
                out.add(new Mismatch(what, "(no such key)", show(got)));
            }
            return;
        }
        if (got == null) {
            out.add(new Mismatch(what, expected(want, null), "(no such key)"));
            return;
        }
        String expected = expected(want, got.type());
        String actual = show(got);
        if (!expected.equals(actual)) {
            out.add(new Mismatch(what, expected, actual));
        }
    }

    /** The expectation in {@link #show}'s form; a bare list takes the actual key's type (list or set). */
    private static String expected(JsonNode want, String actualType) {
        if (want.isObject() && want.size() == 1) {
            String t = want.fieldNames().next();
            JsonNode inner = want.get(t);
            if (List.of("hash", "list", "set", "zset").contains(t) && inner.isContainerNode()) {
                return typed(t, inner);
            }
        }
        if (want.isObject()) {
            return typed("hash", want);
        }
        if (want.isArray()) {
            return typed("set".equals(actualType) ? "set" : "list", want);
        }
        return "string " + want.asText();
    }

    private static String typed(String type, JsonNode inner) {
        StringBuilder sb = new StringBuilder(type);
        switch (type) {
            case "hash" -> new TreeMap<String, String>(fieldsOf(inner)).forEach((f, v) -> sb.append("\n  ").append(f)
                    .append(": ").append(v));
            case "zset" -> {
                List<Map.Entry<String, String>> members = new ArrayList<>(fieldsOf(inner).entrySet());
                members.sort((a, b) -> Double.compare(Double.parseDouble(a.getValue()), Double.parseDouble(b.getValue())));
                members.forEach(m -> sb.append("\n  ").append(m.getKey()).append(": ").append(score(m.getValue())));
            }
            case "set" -> {
                List<String> items = new ArrayList<>();
                inner.forEach(i -> items.add(i.asText()));
                items.stream().sorted().forEach(i -> sb.append("\n  - ").append(i));
            }
            default -> inner.forEach(i -> sb.append("\n  - ").append(i.asText()));
        }
        return sb.append('\n').toString();
    }

    private static Map<String, String> fieldsOf(JsonNode o) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static String score(String s) {
        double d = Double.parseDouble(s);
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    @SuppressWarnings("unchecked")
    private static String show(RedisContents.Value v) {
        return switch (v.type()) {
            case "string" -> "string " + v.value();
            case "hash", "zset" -> typed(v.type(), PluginReturns.MAPPER.valueToTree(v.value()));
            case "list", "set" -> typed(v.type(), PluginReturns.MAPPER.valueToTree(v.value()));
            default -> v.type() + " " + v.value();
        };
    }

    /** types.go's matching (method case-insensitive, args a substring), strict and in order; the diff shows every call. */
    private static void calls(String block, List<PluginExpect.Call> want, List<String> got, List<Mismatch> out) {
        boolean ok = want.size() == got.size();
        for (int i = 0; ok && i < want.size(); i++) {
            String g = got.get(i);
            int sp = g.indexOf(' ');
            String method = g.substring(0, sp);
            String args = g.substring(sp + 1);
            PluginExpect.Call w = want.get(i);
            ok = method.strip().equalsIgnoreCase(w.method().strip()) && (w.args() == null
                    || args.toLowerCase(Locale.ROOT).contains(w.args().toLowerCase(Locale.ROOT)));
        }
        if (!ok) {
            StringBuilder exp = new StringBuilder();
            for (PluginExpect.Call w : want) {
                exp.append(w.method()).append(w.args() == null ? " *" : " *" + w.args() + "*").append('\n');
            }
            out.add(new Mismatch(block + " calls", exp.length() == 0 ? "(none)\n" : exp.toString(),
                    lines(got, "(none)")));
        }
    }
}
