package org.dovelua.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a plugin run must give; null parts are not checked.
 *
 * @param returns the callback's return values by this kind's names ({@link PluginReturns}), JSON as written
 * @param success whether the run succeeds (the test mode's exit code 0)
 * @param errors texts that some run error must contain, each (a callback error, a failed expected_calls)
 * @param status the status messages ({@code nauthilus_builtin.status_message_set}), exactly and in order
 * @param logsContain texts that some log line must contain, each
 * @param logsMatch regular expressions that some log line must match, each
 * @param context request-context keys and their values after the run (null: not set)
 * @param redis Redis keys and their contents after the run (null: no such key)
 * @param calls per fixture block, the module calls made, in order ({@code method}, {@code args} substring)
 * @param http the HTTP requests the plugin sent through dovelua's router (glua_http, http, tcp), as a
 *     doveadm case's {@code http:} checks them; null: not checked
 */
public record PluginExpect(Map<String, JsonNode> returns, Boolean success, List<String> errors, List<String> status,
        List<String> logsContain, List<Pattern> logsMatch, Map<String, JsonNode> context, Map<String, JsonNode> redis,
        Map<String, List<Call>> calls, List<HttpExpect> http) {
    /** One expected module call: the method (case-insensitive) and a text its arguments contain (or null). */
    public record Call(String method, String args) {
    }
}
