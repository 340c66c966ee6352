package org.dovelua.nauthilus.luatest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * runner.go {@code validateOutput}: the fixture's {@code expected_output} against the result.
 * "Optional" fields are compared only when the run produced them, "required" ones fail as
 * {@code expected X, got <nil>} when it did not; {@code *_contain} are substring checks; and
 * {@code error_expected} as upstream has it (true can never pass, false fails any run with errors).
 */
final class ExpectedOutput {
    private ExpectedOutput() {
    }

    static void validate(TestResult r, JsonNode e) {
        // validateScalarExpectedOutput, in runner.go's order
        optional(r, "subject result", num(e, "subject_result"), r.subjectResult);
        optional(r, "subject rejection", bool(e, "subject_rejected"), r.subjectRejected);
        optional(r, "environment trigger", bool(e, "environment_triggered"), r.environmentTriggered);
        optional(r, "environment abort", bool(e, "environment_abort"), r.environmentAbort);
        optional(r, "environment result", num(e, "environment_result"), r.environmentResult);
        optional(r, "action result", bool(e, "action_result"), r.actionResult);
        optional(r, "backend result", bool(e, "backend_result"), r.backendResult);
        optional(r, "backend return code", num(e, "backend_return_code"), r.backendReturnCode);
        required(r, "used backend address", str(e, "used_backend_address"), r.usedBackendAddress);
        required(r, "backend authenticated", bool(e, "backend_authenticated"), r.backendAuthenticated);
        required(r, "backend user_found", bool(e, "backend_user_found"), r.backendUserFound);
        required(r, "backend account_field", str(e, "backend_account_field"), r.backendAccountField);
        required(r, "backend display_name", str(e, "backend_display_name"), r.backendDisplayName);
        required(r, "backend unique_user_id", str(e, "backend_unique_user_id"), r.backendUniqueUserId);
        required(r, "cache flush account name", str(e, "cache_flush_account_name"), r.cacheFlushAccountName);
        required(r, "used backend port", num(e, "used_backend_port"), r.usedBackendPort);

        // validateCacheFlushExpectedOutput (a nil slice checks nothing; [] is not nil)
        if (e.has("cache_flush_additional_keys")) {
            List<String> want = strings(e, "cache_flush_additional_keys");
            List<String> got = r.cacheFlushAdditionalKeys == null ? List.of() : r.cacheFlushAdditionalKeys;
            if (want.size() != got.size()) {
                r.fail("cache flush additional keys mismatch: expected " + want.size() + " keys, got " + got.size());
            } else {
                for (int i = 0; i < want.size(); i++) {
                    if (!want.get(i).equals(got.get(i))) {
                        r.fail("cache flush additional key mismatch at index " + i + ": expected " + want.get(i)
                                + ", got " + got.get(i));
                    }
                }
            }
        }
        contains(r, r.statusMessages, strings(e, "status_message_contain"), strings(e, "status_message_not_contain"),
                "expected status message not found: ", "unexpected status message found: ");
        contains(r, r.logs, strings(e, "logs_contain"), strings(e, "logs_not_contain"),
                "expected log not found: ", "unexpected log found: ");
        // validateErrorExpectedOutput
        boolean errorExpected = e.path("error_expected").asBoolean(false);
        if (errorExpected && r.errors.isEmpty()) {
            r.fail("expected error but none occurred");
        } else if (!errorExpected && !r.errors.isEmpty()) {
            r.success = false;
        }
    }

    private static Long num(JsonNode e, String k) {
        return e.path(k).isNumber() ? e.path(k).asLong() : null;
    }

    private static Boolean bool(JsonNode e, String k) {
        return e.path(k).isBoolean() ? e.path(k).asBoolean() : null;
    }

    private static String str(JsonNode e, String k) {
        return e.path(k).isTextual() ? e.path(k).asText() : null;
    }

    private static List<String> strings(JsonNode e, String k) {
        List<String> out = new ArrayList<>();
        e.path(k).forEach(n -> out.add(n.asText("")));
        return out;
    }

    private static void optional(TestResult r, String label, Object expected, Object actual) {
        if (expected == null || actual == null) {
            return;
        }
        mismatch(r, label, expected, actual);
    }

    private static void required(TestResult r, String label, Object expected, Object actual) {
        if (expected == null) {
            return;
        }
        if (actual == null) {
            r.fail(label + " mismatch: expected " + expected + ", got <nil>");
            return;
        }
        mismatch(r, label, expected, actual);
    }

    private static void mismatch(TestResult r, String label, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            r.fail(label + " mismatch: expected " + expected + ", got " + actual);
        }
    }

    private static void contains(TestResult r, List<String> values, List<String> required, List<String> forbidden,
            String missing, String unexpected) {
        for (String want : required) {
            if (values.stream().noneMatch(v -> v.contains(want))) {
                r.fail(missing + want);
            }
        }
        for (String not : forbidden) {
            if (values.stream().anyMatch(v -> v.contains(not))) {
                r.fail(unexpected + not);
            }
        }
    }
}
