package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** types.go recordModuleCall / validateModuleCalls and DBMock's texts; runner.go's validation order. */
class ExpectedCallsTest {
    @TempDir
    Path dir;

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void anEmptyListChecksNothing() throws Exception {
        ExpectedCalls c = ExpectedCalls.forModule("util", json("[]"));
        assertThat(c.record("anything", "x")).isNull();
        assertThat(c.validateComplete()).isNull();
    }

    @Test
    void strictOrderedCaseInsensitive() throws Exception {
        ExpectedCalls c = ExpectedCalls.forModule("context",
                json("[{\"method\":\" Context_GET \",\"arg_contains\":\"USER\"},{\"method\":\"context_set\"}]"));
        assertThat(c.record("context_get", "username")).isNull();
        assertThat(c.record("context_set", "whatever")).isNull();
        assertThat(c.validateComplete()).isNull();
    }

    @Test
    void unexpectedCall() throws Exception {
        ExpectedCalls c = ExpectedCalls.forModule("redis", json("[{\"method\":\"redis_get\"}]"));
        assertThat(c.record("redis_get", "default,k")).isNull();
        assertThat(c.record("redis_set", "default,\"k\"")).isEqualTo(
                "unexpected redis call #2: method=redis_set args=\"default,\\\"k\\\"\"");
    }

    @Test
    void methodMismatchIsStickyAndValidationRepeatsIt() throws Exception {
        ExpectedCalls c = ExpectedCalls.forModule("context", json("[{\"method\":\"Context_Set\"},{\"method\":\"x\"}]"));
        String err = c.record("context_get", "k");
        assertThat(err).isEqualTo("context call #1 method mismatch: expected=Context_Set got=context_get");
        assertThat(c.record("context_set", "k")).isEqualTo(err);
        assertThat(c.validateComplete()).isEqualTo(err);
    }

    @Test
    void argsMismatch() throws Exception {
        ExpectedCalls c = ExpectedCalls.forModule("util", json("[{\"method\":\"getenv\",\"arg_contains\":\"HOME\"}]"));
        assertThat(c.record("getenv", "PATH")).isEqualTo(
                "util call #1 args mismatch: expected to contain \"HOME\", got \"PATH\"");
    }

    @Test
    void missingExpectedCall() throws Exception {
        ExpectedCalls c = ExpectedCalls.forModule("prometheus",
                json("[{\"method\":\"increment_counter\"},{\"method\":\"set_gauge\",\"arg_contains\":\"g\"}]"));
        c.record("increment_counter", "");
        assertThat(c.validateComplete()).isEqualTo("missing expected prometheus call #2: method=set_gauge arg_contains=\"g\"");
    }

    @Test
    void dbTexts() throws Exception {
        ExpectedCalls c = ExpectedCalls.forDb(json("[{\"method\":\"query\",\"query_contains\":\"FROM users\"},"
                + "{\"method\":\"close\"}]"));
        assertThat(c.validateComplete()).isEqualTo("missing expected db call #1: method=query query_contains=\"FROM users\"");
        assertThat(c.record("query", "select * from USERS")).isNull();
        assertThat(c.lastMatched().path("query_contains").asText()).isEqualTo("FROM users");
        ExpectedCalls q = ExpectedCalls.forDb(json("[{\"method\":\"query\",\"query_contains\":\"x\"}]"));
        assertThat(q.record("query", "y")).isEqualTo("db call #1 query mismatch: expected to contain \"x\", got \"y\"");
        ExpectedCalls u = ExpectedCalls.forDb(json("[{\"method\":\"open\"}]"));
        u.record("open", "");
        assertThat(u.record("exec", "DELETE")).isEqualTo("unexpected db call #2: method=exec query=\"DELETE\"");
    }

    @Test
    void contextMismatchRaisesInLuaAndFailsTheRun() {
        LuaTestRun r = LuaTestRun.inline(dir, "local ctx = require('nauthilus_context')\n"
                + "function nauthilus_call_action(r) ctx.context_get('a'); ctx.context_get('b') end", "action",
                "{\"context\":{\"expected_calls\":[{\"method\":\"context_get\",\"arg_contains\":\"a\"}]}}");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.result().errors).hasSize(2);
        assertThat(r.result().errors.get(0)).startsWith("action execution failed: ")
                .contains("unexpected context call #2: method=context_get args=\"b\"");
        assertThat(r.result().errors.get(1)).isEqualTo("unexpected context call #2: method=context_get args=\"b\"");
    }

    @Test
    void utilMismatchIsIgnoredAtCallTimeAndFailsAtValidation() {
        LuaTestRun r = LuaTestRun.inline(dir, "local u = require('nauthilus_util')\n"
                + "function nauthilus_call_action(r) u.log_info(r, 'x'); return true end", "action",
                "{\"util\":{\"expected_calls\":[{\"method\":\"log_error\"}]}}");
        assertThat(r.result().actionResult).isTrue();
        assertThat(r.result().errors).containsExactly("util call #1 method mismatch: expected=log_error got=log_info");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void callsAtLoadTimeCountAndValidationFollowsRunnerOrder() {
        LuaTestRun r = LuaTestRun.inline(dir, "local u = require('nauthilus_util')\nlocal p = require('nauthilus_prometheus')\n"
                + "u.getenv('A')\nfunction nauthilus_call_action(r) return true end", "action",
                "{\"util\":{\"expected_calls\":[{\"method\":\"getenv\"},{\"method\":\"is_table\"}]},"
                        + "\"prometheus\":{\"expected_calls\":[{\"method\":\"set_gauge\"}]},"
                        + "\"context\":{\"expected_calls\":[{\"method\":\"context_get\"}]}}");
        assertThat(r.result().errors).containsExactly(
                "missing expected context call #1: method=context_get arg_contains=\"\"",
                "missing expected prometheus call #1: method=set_gauge arg_contains=\"\"",
                "missing expected util call #2: method=is_table arg_contains=\"\"");
    }

    @Test
    void theValidationOrderIsRunnerGos() {
        assertThat(TestRunner.VALIDATION_ORDER).containsExactly("db", "context", "redis", "policy", "i18n", "ldap",
                "backend", "backend_result", "http_request", "http_response", "http_client", "dns", "opentelemetry",
                "brute_force", "psnet", "prometheus", "util", "cache", "misc", "password", "soft_whitelist", "mail");
    }
}
