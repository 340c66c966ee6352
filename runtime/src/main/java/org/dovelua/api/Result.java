package org.dovelua.api;

import java.util.List;
import java.util.Map;
import org.dovelua.lua.http.HttpExchange;
import org.dovelua.lua.sandbox.ExecCall;

/**
 * What one doveadm-style command answered: its exit code and output as {@code doveadm} prints
 * them, the outcome's name, the reply's fields and the auth log lines the request produced.
 *
 * @param command the doveadm command line this stands for, e.g. {@code auth test alice}
 * @param exitCode doveadm's exit code (0, 67 user unknown, 75 temporary failure, 77 denied, 78 config)
 * @param stdout what doveadm prints on stdout, byte for byte
 * @param stderr what doveadm and dovelua print on stderr, log lines included
 * @param result for {@code auth test} the passdb result ({@code ok}, {@code password_mismatch},
 *     {@code user_unknown}, {@code user_disabled}, {@code pass_expired}, {@code internal_failure});
 *     for lookups {@code found}, {@code not_found} or {@code failed}; for the iteration {@code ok}
 *     or {@code failed}
 * @param fields the reply's fields in order (a field without a value maps to the empty string)
 * @param fieldLines the reply's fields as the auth server sent them, {@code key=value} each
 * @param users the users the iteration listed: those a mask matches, as doveadm prints them (empty for the other commands)
 * @param logs the auth log lines of this request, as {@code auth-worker: Info: lua(alice): ...}
 * @param http the HTTP exchanges the scripts made while answering, in order
 * @param exec the commands the scripts started ({@code io.popen}, {@code os.execute}), in order
 */
public record Result(String command, int exitCode, String stdout, String stderr, String result,
        Map<String, String> fields, List<String> fieldLines, List<String> users, List<String> logs,
        List<HttpExchange> http, List<ExecCall> exec) {
    public Result {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        fieldLines = List.copyOf(fieldLines);
        users = List.copyOf(users);
        logs = List.copyOf(logs);
        http = List.copyOf(http);
        exec = List.copyOf(exec);
    }

    /** A result without HTTP exchanges. */
    public Result(String command, int exitCode, String stdout, String stderr, String result,
            Map<String, String> fields, List<String> fieldLines, List<String> users, List<String> logs) {
        this(command, exitCode, stdout, stderr, result, fields, fieldLines, users, logs, List.of(), List.of());
    }

    /** The value of one field, or null when the reply has no such field. */
    public String field(String name) {
        return fields.get(name);
    }

    /** Whether any log line contains {@code text}. */
    public boolean logged(String text) {
        return logs.stream().anyMatch(l -> l.contains(text));
    }
}
