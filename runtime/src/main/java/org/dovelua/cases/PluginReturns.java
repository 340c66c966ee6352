package org.dovelua.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.nauthilus.luatest.CallbackKind;
import org.dovelua.nauthilus.luatest.TestResult;

/**
 * The return values of each plugin kind, by the names a plugin case's {@code expect:} gives them,
 * read from the run (server/testing/luatest/runner.go executeCallback: what each kind's entry
 * function returns and how the runner takes it).
 */
final class PluginReturns {
    /** What a return value is, for reading the case file and printing the value. */
    enum Type {
        BOOLEAN("true or false"), NUMBER("a whole number"), TEXT("a string"), TEXTS("a list of strings"),
        JSON("any JSON value");

        final String expected;

        Type(String expected) {
            this.expected = expected;
        }
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final ObjectMapper MAPPER = new ObjectMapper();

    private PluginReturns() {
    }

    /** The names the kind's return values have in {@code expect:}, with their types. */
    static Map<String, Type> of(CallbackKind kind) {
        Map<String, Type> m = new LinkedHashMap<>();
        switch (kind) {
            case SUBJECT -> { // return reject (bool), result (number)
                m.put("reject", Type.BOOLEAN);
                m.put("result", Type.NUMBER);
            }
            case ENVIRONMENT -> { // return triggered, abort (bools), result (number)
                m.put("triggered", Type.BOOLEAN);
                m.put("abort", Type.BOOLEAN);
                m.put("result", Type.NUMBER);
            }
            case ACTION -> m.put("result", Type.BOOLEAN); // bool, or a number where 0 is ok
            case BACKEND -> { // return code, then the result table or nauthilus_backend_result userdata
                m.put("authenticated", Type.BOOLEAN);
                m.put("user_found", Type.BOOLEAN);
                m.put("account_field", Type.TEXT);
                m.put("display_name_field", Type.TEXT);
                m.put("unique_user_id_field", Type.TEXT);
            }
            case HOOK -> m.put("answer", Type.JSON); // a table (the hook's JSON answer) or nil
            case CACHE_FLUSH -> { // return additional keys, account name
                m.put("keys", Type.TEXTS);
                m.put("account", Type.TEXT);
            }
            // production's other backend commands (backend/lua.go handleReturnTypes): the return code, and
            // for two of them the data
            case BACKEND_LIST_ACCOUNTS -> {
                m.put("code", Type.NUMBER);
                m.put("accounts", Type.TEXTS);
            }
            case BACKEND_GET_WEBAUTHN_CREDENTIALS -> {
                m.put("code", Type.NUMBER);
                m.put("credentials", Type.TEXTS);
            }
            default -> m.put("code", Type.NUMBER);
        }
        return m;
    }

    /** What the run returned under {@code name}; a JSON null when the kind's value was not produced. */
    static JsonNode actual(CallbackKind kind, String name, TestResult r) {
        Object v = switch (kind) {
            case SUBJECT -> name.equals("reject") ? r.subjectRejected : r.subjectResult;
            case ENVIRONMENT -> name.equals("triggered") ? r.environmentTriggered
                    : name.equals("abort") ? r.environmentAbort : r.environmentResult;
            case ACTION -> r.actionResult;
            case BACKEND -> switch (name) {
                case "authenticated" -> r.backendAuthenticated;
                case "user_found" -> r.backendUserFound;
                case "account_field" -> r.backendAccountField;
                case "display_name_field" -> r.backendDisplayName;
                default -> r.backendUniqueUserId;
            };
            case HOOK -> r.hookAnswer;
            case CACHE_FLUSH -> name.equals("keys") ? r.cacheFlushAdditionalKeys : r.cacheFlushAccountName;
            default -> switch (name) { // production's other backend commands
                case "accounts" -> r.backendAccounts;
                case "credentials" -> r.webAuthnCredentials;
                default -> r.backendReturnCode;
            };
        };
        return json(v);
    }

    /** A Go value (GoValues: null, Boolean, Double, String, List, Map) or a Java scalar as JSON. */
    static JsonNode json(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof Long l) {
            return F.numberNode(l);
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15 ? F.numberNode(d.longValue())
                    : F.numberNode(d);
        }
        if (v instanceof String s) {
            return F.textNode(s);
        }
        if (v instanceof List<?> list) {
            var a = F.arrayNode();
            list.forEach(x -> a.add(json(x)));
            return a;
        }
        if (v instanceof Map<?, ?> map) {
            var o = F.objectNode();
            // encoding/json writes a map's keys sorted
            new java.util.TreeMap<String, Object>(keys(map)).forEach((k, x) -> o.set(k, json(x)));
            return o;
        }
        return F.textNode(String.valueOf(v)); // another Go value: its %v text, as GoToLuaValue gives it
    }

    private static Map<String, Object> keys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, x) -> out.put(k instanceof Double d ? json(d).asText() : String.valueOf(k), x));
        return out;
    }

    /** A value as a failure prints it: JSON text, {@code (none)} for null. */
    static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "(none)";
        }
        return n.isTextual() ? n.asText() : n.toString();
    }

    /** JSON equality where numbers compare by value (YAML's 1 is the run's 1.0). */
    static boolean same(JsonNode expected, JsonNode actual) {
        return expected.equals((a, b) -> {
            if (a.isNumber() && b.isNumber()) {
                return a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
            }
            return a.equals(b) ? 0 : 1;
        }, actual);
    }
}
