package org.dovelua.nauthilus.luatest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Go types of the test fixture's struct ({@code server/testing/luatest/types.go}), as far as
 * {@code encoding/json} needs them to accept or reject a value: the kind, the Go type text used in
 * {@code UnmarshalTypeError}, and for structs the fields by JSON name in declaration order.
 */
final class GoType {
    enum Kind { STRING, BOOL, INT, INT64, FLOAT64, ANY, STRUCT, MAP, SLICE }

    final Kind kind;
    final String name;
    final GoType elem;
    final Map<String, GoType> fields;

    private GoType(Kind kind, String name, GoType elem, Map<String, GoType> fields) {
        this.kind = kind;
        this.name = name;
        this.elem = elem;
        this.fields = fields;
    }

    static final GoType STRING = new GoType(Kind.STRING, "string", null, null);
    static final GoType BOOL = new GoType(Kind.BOOL, "bool", null, null);
    static final GoType INT = new GoType(Kind.INT, "int", null, null);
    static final GoType INT64 = new GoType(Kind.INT64, "int64", null, null);
    static final GoType FLOAT64 = new GoType(Kind.FLOAT64, "float64", null, null);
    static final GoType ANY = new GoType(Kind.ANY, "interface {}", null, null);

    static GoType map(GoType elem) {
        return new GoType(Kind.MAP, "map[string]" + elem.name, elem, null);
    }

    static GoType slice(GoType elem) {
        return new GoType(Kind.SLICE, "[]" + elem.name, elem, null);
    }

    /** A struct of package luatest; fields given as name, type pairs. */
    static GoType struct(String simpleName, Object... nameTypePairs) {
        Map<String, GoType> f = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            f.put((String) nameTypePairs[i], (GoType) nameTypePairs[i + 1]);
        }
        return new GoType(Kind.STRUCT, "luatest." + simpleName, null, f);
    }

    String simpleName() {
        return name.substring(name.indexOf('.') + 1);
    }

    private static final GoType SS = map(STRING);
    private static final GoType CALLS = slice(struct("ModuleExpectedCall", "method", STRING, "arg_contains", STRING));

    private static GoType callsOnly(String name) {
        return struct(name, "expected_calls", CALLS);
    }

    /** {@code MockData} (types.go), its 23 blocks in declaration order. */
    static final GoType MOCK_DATA = struct("MockData",
            "context", struct("ContextMock", "username", STRING, "password", STRING, "client_ip", STRING,
                    "client_port", STRING, "client_host", STRING, "client_id", STRING, "local_ip", STRING,
                    "local_port", STRING, "service", STRING, "protocol", STRING, "user_agent", STRING,
                    "session", STRING, "debug", BOOL, "no_auth", BOOL, "authenticated", BOOL, "user_found", BOOL,
                    "account", STRING, "unique_user_id", STRING, "display_name", STRING, "status_message", STRING,
                    "attributes", SS, "brute_force_count", INT, "expected_calls", CALLS),
            "redis", struct("RedisMock", "responses", map(ANY),
                    "initial_data", struct("RedisInitialData", "strings", SS, "hashes", map(SS),
                            "sets", map(slice(STRING)), "lists", map(slice(STRING)),
                            "zsets", map(slice(struct("RedisZSetMember", "member", STRING, "score", FLOAT64))),
                            "hyperloglogs", map(slice(STRING)), "ttl_seconds", map(INT64)),
                    "expected_calls", CALLS),
            "policy", callsOnly("PolicyMock"),
            "i18n", callsOnly("I18NMock"),
            "ldap", struct("LDAPMock", "search_result", map(slice(STRING)), "search_error", STRING,
                    "modify_ok", BOOL, "modify_error", STRING, "endpoint_host", STRING, "endpoint_port", INT,
                    "endpoint_error", STRING, "expected_calls", CALLS),
            "backend", struct("BackendMock", "backend_servers", slice(struct("BackendServerMock",
                            "protocol", STRING, "host", STRING, "port", INT, "request_uri", STRING,
                            "test_username", STRING, "test_password", STRING, "haproxy_v2", BOOL, "tls", BOOL,
                            "tls_skip_verify", BOOL, "deep_check", BOOL)),
                    "expected_calls", CALLS),
            "misc", callsOnly("MiscMock"),
            "password", struct("PasswordMock", "compare_result", BOOL, "policy_result", BOOL,
                    "generated_hash", STRING, "expected_calls", CALLS),
            "soft_whitelist", struct("SoftWhitelistMock", "entries", map(slice(STRING)), "expected_calls", CALLS),
            "mail", struct("MailMock", "send_error", STRING, "expected_calls", CALLS),
            "dns", struct("DNSMock", "lookup_result", map(ANY), "expected_calls", CALLS),
            "opentelemetry", callsOnly("OpenTelemetryMock"),
            "brute_force", struct("BruteForceMock", "is_blocked", BOOL, "increment_by", INT, "expected_calls", CALLS),
            "psnet", struct("PsnetMock", "stats", map(ANY), "expected_calls", CALLS),
            "prometheus", callsOnly("PrometheusMock"),
            "util", struct("UtilMock", "envs", SS, "expected_calls", CALLS),
            "cache", struct("CacheMock", "entries", map(ANY), "expected_calls", CALLS),
            "db", struct("DBMock", "open_error", STRING, "exec_error", STRING, "query_error", STRING,
                    "declarative_mode", BOOL, "expected_calls", slice(struct("DBExpectedCall", "method", STRING,
                            "query_contains", STRING, "rows_affected", INT64, "last_insert_id", INT64,
                            "columns", slice(STRING), "rows", slice(slice(ANY))))),
            "backend_result", struct("BackendResultMock", "authenticated", BOOL, "user_found", BOOL,
                    "account_field", STRING, "totp_secret", STRING, "totp_recovery", slice(STRING),
                    "unique_user_id", STRING, "display_name", STRING, "attributes", SS, "expected_calls", CALLS),
            "http_request", struct("HTTPRequestMock", "method", STRING, "path", STRING, "headers", SS,
                    "body", STRING, "expected_calls", CALLS),
            "http_response", struct("HTTPResponseMock", "status_code", INT, "headers", SS, "body", STRING,
                    "expected_calls", CALLS),
            "http_client", struct("HTTPClientMock", "responses", slice(struct("HTTPClientResponse",
                            "status_code", INT, "headers", SS, "body", STRING, "error", STRING)),
                    "expected_calls", CALLS),
            "expected_output", struct("ExpectedOutputMock", "subject_result", INT, "subject_rejected", BOOL,
                    "environment_triggered", BOOL, "environment_abort", BOOL, "environment_result", INT,
                    "action_result", BOOL, "backend_result", BOOL, "backend_return_code", INT,
                    "backend_authenticated", BOOL, "backend_user_found", BOOL, "backend_account_field", STRING,
                    "backend_display_name", STRING, "backend_unique_user_id", STRING,
                    "cache_flush_additional_keys", slice(STRING), "cache_flush_account_name", STRING,
                    "used_backend_address", STRING, "used_backend_port", INT,
                    "status_message_contain", slice(STRING), "status_message_not_contain", slice(STRING),
                    "logs_contain", slice(STRING), "logs_not_contain", slice(STRING), "error_expected", BOOL));
}
