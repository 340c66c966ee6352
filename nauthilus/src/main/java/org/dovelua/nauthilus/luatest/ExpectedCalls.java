package org.dovelua.nauthilus.luatest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dovelua.lua.gopher.GoQuote;
import org.dovelua.nauthilus.ModuleCalls;

/**
 * One fixture block's {@code expected_calls} (types.go {@code recordModuleCall} and
 * {@code validateModuleCalls}; for {@code db}, {@code DBMock.RecordCall}/{@code ValidateComplete}):
 * strict and ordered, method and argument substring compared case-insensitively, the first mismatch
 * sticky. An empty list checks nothing.
 */
public final class ExpectedCalls implements ModuleCalls {
    private final String module;
    private final boolean db;
    private final List<JsonNode> expected = new ArrayList<>();
    private int callIndex;
    private int lastMatchedIndex = -1;
    private String runtimeErr = "";
    private final List<Recorded> recorded = new ArrayList<>();

    /** One call a module reported: its method and argument text. */
    public record Recorded(String method, String args) {
    }

    private ExpectedCalls(String module, boolean db, JsonNode list) {
        this.module = module;
        this.db = db;
        if (list != null && list.isArray()) {
            list.forEach(expected::add);
        }
    }

    /** A block's engine; {@code module} is the name in the messages (context, redis, http_client ...). */
    public static ExpectedCalls forModule(String module, JsonNode expectedCalls) {
        return new ExpectedCalls(module, false, expectedCalls);
    }

    /** The db block's engine: {@code query_contains} and the {@code query=} texts of DBMock. */
    public static ExpectedCalls forDb(JsonNode expectedCalls) {
        return new ExpectedCalls("db", true, expectedCalls);
    }

    private String argKey() {
        return db ? "query_contains" : "arg_contains";
    }

    @Override
    public String record(String method, String args) {
        recorded.add(new Recorded(method, args));
        if (!runtimeErr.isEmpty()) {
            return runtimeErr;
        }
        if (expected.isEmpty()) {
            return null;
        }
        if (callIndex >= expected.size()) {
            runtimeErr = "unexpected " + module + " call #" + (callIndex + 1) + ": method=" + method
                    + (db ? " query=" : " args=") + GoQuote.quote(args);
            return runtimeErr;
        }
        JsonNode want = expected.get(callIndex);
        String wantMethod = want.path("method").asText("");
        if (!lower(wantMethod.strip()).equals(lower(method.strip()))) {
            runtimeErr = module + " call #" + (callIndex + 1) + " method mismatch: expected=" + wantMethod + " got=" + method;
            return runtimeErr;
        }
        String contains = want.path(argKey()).asText("");
        if (!contains.isEmpty() && !lower(args).contains(lower(contains))) {
            runtimeErr = module + " call #" + (callIndex + 1) + (db ? " query" : " args")
                    + " mismatch: expected to contain " + GoQuote.quote(contains) + ", got " + GoQuote.quote(args);
            return runtimeErr;
        }
        lastMatchedIndex = callIndex;
        callIndex++;
        return null;
    }

    /** {@code ValidateComplete}: the sticky error, else the first expectation not met, else null. */
    @Override
    public String validateComplete() {
        if (!runtimeErr.isEmpty()) {
            return runtimeErr;
        }
        if (callIndex < expected.size()) {
            JsonNode next = expected.get(callIndex);
            return "missing expected " + module + " call #" + (callIndex + 1) + ": method="
                    + next.path("method").asText("") + " " + argKey() + "=" + GoQuote.quote(next.path(argKey()).asText(""));
        }
        return null;
    }

    /**
     * Every call reported to this block, in order, matched or not (a dovelua addition: the YAML
     * cases' {@code calls:} check shows them; types.go keeps no such list).
     */
    public List<Recorded> recorded() {
        return List.copyOf(recorded);
    }

    /** DBMock.LastMatchedCall: the expectation the last recorded call matched, or null. */
    @Override
    public JsonNode lastMatched() {
        return lastMatchedIndex < 0 || lastMatchedIndex >= expected.size() ? null : expected.get(lastMatchedIndex);
    }

    /** Go's strings.ToLower on the texts compared. */
    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
