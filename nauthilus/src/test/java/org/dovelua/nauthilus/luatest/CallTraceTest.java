package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --trace-calls}: the traced calls, pasted into the fixture, make a run that passes; one changed fails. */
class CallTraceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = "action_trace_wrapper.lua";
    private static final String FIXTURE = "action_trace_test.json";

    @TempDir
    Path dir;

    @BeforeEach
    void copyPlugin() throws Exception {
        for (String name : new String[] {SCRIPT, FIXTURE}) {
            try (InputStream in = CallTraceTest.class.getResourceAsStream("/calltrace/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
    }

    private record Traced(TestResult result, CallTrace trace) {
    }

    private Traced run(String fixture) throws Exception {
        TestRunner runner = TestRunner.create(SCRIPT, CallbackKind.ACTION, fixture, TestModeModules.standard(), dir);
        CallTrace trace = runner.traceCalls();
        return new Traced(runner.run(), trace);
    }

    /** The fixture with each traced block's expected_calls pasted in (replacing the block's list). */
    private String paste(JsonNode traced, String name) throws Exception {
        ObjectNode fixture = (ObjectNode) JSON.readTree(dir.resolve(FIXTURE).toFile());
        traced.fields().forEachRemaining(e -> {
            ObjectNode block = fixture.has(e.getKey()) ? (ObjectNode) fixture.get(e.getKey()) : fixture.putObject(e.getKey());
            block.set("expected_calls", e.getValue().get("expected_calls"));
        });
        Files.writeString(dir.resolve(name), JSON.writeValueAsString(fixture));
        return name;
    }

    @Test
    void theTraceListsEachBlocksCallsInOrderInTheFixturesShapeDbKeepingItsAnswer() throws Exception {
        Traced t = run(FIXTURE);
        assertThat(t.result().success).as(String.join("\n", t.result().errors)).isTrue();
        assertThat(JSON.readTree(t.trace().json())).isEqualTo(JSON.readTree("""
                {"context": {"expected_calls": [{"method": "context_set", "arg_contains": "seen"}]},
                 "redis": {"expected_calls": [{"method": "redis_incr", "arg_contains": "default,trace:count"}]},
                 "util": {"expected_calls": [{"method": "getenv", "arg_contains": "TRACE_POOL"}]},
                 "db": {"expected_calls": [
                   {"method": "open", "query_contains": ""},
                   {"method": "query", "query_contains": "SELECT name FROM users WHERE login = 'x'",
                    "columns": ["name"], "rows": [["alice"]]}]}}
                """));
        assertThat(t.trace().json()).endsWith("}\n");
    }

    @Test
    void pastedIntoTheFixtureTheTracedCallsPassAndOneChangedCallFailsWithItsMismatch() throws Exception {
        JsonNode traced = run(FIXTURE).trace().toJson();
        Traced pasted = run(paste(traced, "pasted.json"));
        assertThat(pasted.result().success).as(String.join("\n", pasted.result().errors)).isTrue();
        assertThat(pasted.result().logs).contains("[CUSTOM] trace: name=alice count=42");
        // the pasted fixture now checks: the same calls again, so the trace is the same
        assertThat(pasted.trace().toJson()).isEqualTo(traced);

        ObjectNode changed = traced.deepCopy();
        ((ObjectNode) changed.get("redis").get("expected_calls").get(0)).put("arg_contains", "trace:other");
        Traced wrong = run(paste(changed, "changed.json"));
        assertThat(wrong.result().success).isFalse();
        // redis raises at call time, so the callback fails, db's calls are never made, and validation
        // reports in runner.go's order (db, context, redis, ...), then expected_output
        String mismatch = "redis call #1 args mismatch: expected to contain \"trace:other\", got \"default,trace:count\"";
        assertThat(wrong.result().errors).containsExactly(
                "action execution failed: action_trace_wrapper.lua:10: " + mismatch,
                "missing expected db call #1: method=open query_contains=\"\"",
                mismatch,
                "expected log not found: name=alice count=42");
    }

    @Test
    void tracingChangesNoOutcome() throws Exception {
        TestRunner plain = TestRunner.create(SCRIPT, CallbackKind.ACTION, FIXTURE, TestModeModules.standard(), dir);
        TestResult untraced = plain.run();
        TestResult traced = run(FIXTURE).result();
        assertThat(traced.success).isEqualTo(untraced.success);
        assertThat(traced.logs).isEqualTo(untraced.logs);
        assertThat(traced.errors).isEqualTo(untraced.errors);
    }
}
