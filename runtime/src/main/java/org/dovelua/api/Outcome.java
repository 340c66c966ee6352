package org.dovelua.api;

import java.util.List;

/** The parts of a {@link Result} that depend on the command: exit code, result name, fields, users. */
record Outcome(int exitCode, String result, List<String> fieldLines, List<String> users) {
    static Outcome of(int exitCode, String result, List<String> fieldLines) {
        return new Outcome(exitCode, result, fieldLines, List.of());
    }

    /** {@code PASS}/{@code USER} → found, {@code NOTFOUND} → not_found, {@code FAIL} → failed. */
    static String lookupResult(String status) {
        switch (status) {
            case "PASS":
            case "USER":
                return "found";
            case "NOTFOUND":
                return "not_found";
            default:
                return "failed";
        }
    }
}
