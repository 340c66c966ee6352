package org.dovelua.cases;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a case's answer must be; null (or empty) parts are not checked.
 *
 * @param result the result name ({@code ok}, {@code password_mismatch}, {@code found}, ...)
 * @param exit doveadm's exit code
 * @param fields the reply's fields, exactly (names and values; not their order)
 * @param fieldsSubset fields the reply must have with these values (others may be there too)
 * @param absentFields fields the reply must not have
 * @param logsContain texts that some log line must contain, each
 * @param logsMatch regular expressions that some log line must match (find), each
 * @param stdout doveadm's stdout, exactly
 * @param users the iteration's users, exactly and in order
 * @param http the HTTP requests the scripts sent, exactly as many and in order (null: not checked)
 * @param exec the commands the scripts started, exactly as many and in order (null: not checked)
 */
public record Expect(String result, Integer exit, Map<String, String> fields, Map<String, String> fieldsSubset,
        List<String> absentFields, List<String> logsContain, List<Pattern> logsMatch, String stdout,
        List<String> users, List<HttpExpect> http, List<ExecExpect> exec) {

    /** An expectation without exec checks. */
    public Expect(String result, Integer exit, Map<String, String> fields, Map<String, String> fieldsSubset,
            List<String> absentFields, List<String> logsContain, List<Pattern> logsMatch, String stdout,
            List<String> users, List<HttpExpect> http) {
        this(result, exit, fields, fieldsSubset, absentFields, logsContain, logsMatch, stdout, users, http, null);
    }

    /** An expectation without HTTP checks. */
    public Expect(String result, Integer exit, Map<String, String> fields, Map<String, String> fieldsSubset,
            List<String> absentFields, List<String> logsContain, List<Pattern> logsMatch, String stdout,
            List<String> users) {
        this(result, exit, fields, fieldsSubset, absentFields, logsContain, logsMatch, stdout, users, null);
    }
}
