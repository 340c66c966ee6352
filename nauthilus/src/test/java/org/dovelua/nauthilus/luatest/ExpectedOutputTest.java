package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runner.go validateOutput: each expected_output field passing and failing. */
class ExpectedOutputTest {
    @TempDir
    Path dir;

    private TestResult run(String lua, String kind, String expected) {
        return LuaTestRun.inline(dir, lua, kind, "{\"expected_output\": " + expected + "}").result();
    }

    private static final String SUBJECT = "function nauthilus_call_subject(r) return true, 1 end";
    private static final String ENV = "function nauthilus_call_environment(r) return true, false, 0 end";
    private static final String BACKEND = "function nauthilus_backend_verify_password(r) return 0, {authenticated = true,"
            + " user_found = false, account_field = 'a', display_name_field = 'd', unique_user_id_field = 'u'} end";
    private static final String LOGS = "function nauthilus_call_action(r) nauthilus_builtin.custom_log_add('k', 'v');"
            + " nauthilus_builtin.status_message_set('Denied') return true end";

    @Test
    void subjectFields() {
        assertThat(run(SUBJECT, "subject", "{\"subject_result\": 1, \"subject_rejected\": true}").success).isTrue();
        assertThat(run(SUBJECT, "subject", "{\"subject_result\": 0, \"subject_rejected\": false}").errors).containsExactly(
                "subject result mismatch: expected 0, got 1", "subject rejection mismatch: expected false, got true");
    }

    @Test
    void optionalFieldsAreSkippedWhenNotProduced() {
        TestResult r = run(ENV, "environment", "{\"subject_result\": 1, \"action_result\": false, \"backend_result\": true,"
                + " \"backend_return_code\": 3}");
        assertThat(r.success).isTrue();
    }

    @Test
    void environmentFields() {
        assertThat(run(ENV, "environment", "{\"environment_triggered\": true, \"environment_abort\": false,"
                + " \"environment_result\": 0}").success).isTrue();
        assertThat(run(ENV, "environment", "{\"environment_triggered\": false, \"environment_abort\": true,"
                + " \"environment_result\": 1}").errors).containsExactly(
                "environment trigger mismatch: expected false, got true",
                "environment abort mismatch: expected true, got false",
                "environment result mismatch: expected 1, got 0");
    }

    @Test
    void actionResult() {
        assertThat(run(LOGS, "action", "{\"action_result\": true}").success).isTrue();
        assertThat(run(LOGS, "action", "{\"action_result\": false}").errors)
                .containsExactly("action result mismatch: expected false, got true");
    }

    @Test
    void backendFields() {
        assertThat(run(BACKEND, "backend", "{\"backend_result\": true, \"backend_return_code\": 0,"
                + " \"backend_authenticated\": true, \"backend_user_found\": false, \"backend_account_field\": \"a\","
                + " \"backend_display_name\": \"d\", \"backend_unique_user_id\": \"u\"}").success).isTrue();
        assertThat(run(BACKEND, "backend", "{\"backend_result\": false, \"backend_return_code\": 2,"
                + " \"backend_authenticated\": false, \"backend_user_found\": true, \"backend_account_field\": \"x\","
                + " \"backend_display_name\": \"y\", \"backend_unique_user_id\": \"z\"}").errors).containsExactly(
                "backend result mismatch: expected false, got true",
                "backend return code mismatch: expected 2, got 0",
                "backend authenticated mismatch: expected false, got true",
                "backend user_found mismatch: expected true, got false",
                "backend account_field mismatch: expected x, got a",
                "backend display_name mismatch: expected y, got d",
                "backend unique_user_id mismatch: expected z, got u");
    }

    @Test
    void requiredFieldsFailWhenNotProduced() {
        assertThat(run(LOGS, "action", "{\"used_backend_address\": \"h\", \"backend_authenticated\": true,"
                + " \"cache_flush_account_name\": \"a\", \"used_backend_port\": 993}").errors).containsExactly(
                "used backend address mismatch: expected h, got <nil>",
                "backend authenticated mismatch: expected true, got <nil>",
                "cache flush account name mismatch: expected a, got <nil>",
                "used backend port mismatch: expected 993, got <nil>");
    }

    @Test
    void cacheFlushFields() {
        String lua = "function nauthilus_cache_flush(r) return {'k1', 'k2'}, 'acc' end";
        assertThat(run(lua, "cache_flush", "{\"cache_flush_additional_keys\": [\"k1\", \"k2\"],"
                + " \"cache_flush_account_name\": \"acc\"}").success).isTrue();
        assertThat(run(lua, "cache_flush", "{\"cache_flush_additional_keys\": [\"k1\"]}").errors)
                .containsExactly("cache flush additional keys mismatch: expected 1 keys, got 2");
        assertThat(run(lua, "cache_flush", "{\"cache_flush_additional_keys\": [\"k1\", \"x\"],"
                + " \"cache_flush_account_name\": \"b\"}").errors).containsExactly(
                "cache flush account name mismatch: expected b, got acc",
                "cache flush additional key mismatch at index 1: expected x, got k2");
        // [] is not a nil slice: it is compared
        assertThat(run(lua, "cache_flush", "{\"cache_flush_additional_keys\": []}").errors)
                .containsExactly("cache flush additional keys mismatch: expected 0 keys, got 2");
    }

    @Test
    void logsAndStatusMessages() {
        assertThat(run(LOGS, "action", "{\"logs_contain\": [\"[CUSTOM] k: v\", \"[STATUS] Den\"],"
                + " \"logs_not_contain\": [\"nope\"], \"status_message_contain\": [\"Denied\"],"
                + " \"status_message_not_contain\": [\"ok\"]}").success).isTrue();
        assertThat(run(LOGS, "action", "{\"logs_contain\": [\"nope\"], \"logs_not_contain\": [\"k: v\"],"
                + " \"status_message_contain\": [\"ok\"], \"status_message_not_contain\": [\"Denied\"]}").errors)
                .containsExactly("expected status message not found: ok", "unexpected status message found: Denied",
                        "expected log not found: nope", "unexpected log found: k: v");
    }

    @Test
    void errorExpectedCanNeverPass() {
        TestResult ok = run(LOGS, "action", "{\"error_expected\": true}");
        assertThat(ok.errors).containsExactly("expected error but none occurred");
        assertThat(ok.success).isFalse();
        TestResult failing = run("function nauthilus_call_action(r) error('x') end", "action", "{\"error_expected\": true}");
        assertThat(failing.success).isFalse();
        assertThat(failing.errors).hasSize(1);
    }

    @Test
    void noExpectedOutputBlockChecksNothing() {
        TestResult r = LuaTestRun.inline(dir, LOGS, "action", "{}").result();
        assertThat(r.success).isTrue();
    }
}
