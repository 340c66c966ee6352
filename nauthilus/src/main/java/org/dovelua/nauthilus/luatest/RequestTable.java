package org.dovelua.nauthilus.luatest;

import com.fasterxml.jackson.databind.JsonNode;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The {@code request} table a run passes to the entry function. Test mode's ({@link #create}) is
 * runner.go {@code createRequestTable}. Production's ({@link #production}) is
 * lualib/request.go {@code CommonRequest.SetupRequest}: every key, present with "", false or 0 when
 * unset, filled from the same {@code context} block. The test request table to the entry function (runner.go
 * {@code createRequestTable}); it differs from production: {@code client_host} (not
 * {@code client_hostname}), {@code brute_force_count} (not {@code brute_force_counter}), and it is
 * empty without a {@code context} block.
 */
final class RequestTable {
    private RequestTable() {
    }

    /** SetupRequest's string keys (setRequestConnectionFields, ...Identity..., ...Auth..., ...IDP..., ...Outcome..., ...XSSL...). */
    private static final String[] PRODUCTION_STRINGS = {"service", "session", "external_session", "client_ip",
            "client_port", "client_net", "client_hostname", "client_id", "user_agent", "local_ip", "local_port",
            "username", "account", "account_field", "unique_user_id", "display_name", "password",
            "webauthn_credential", "webauthn_old_credential", "protocol", "method", "oidc_cid", "saml_entity_id",
            "grant_type", "oidc_client_name", "redirect_uri", "mfa_method", "brute_force_bucket", "environment",
            "ssl", "ssl_session_id", "ssl_client_verify", "ssl_client_dn", "ssl_client_cn", "ssl_issuer",
            "ssl_client_not_before", "ssl_client_not_after", "ssl_subject_dn", "ssl_issuer_dn",
            "ssl_client_subject_dn", "ssl_client_issuer_dn", "ssl_protocol", "ssl_cipher", "ssl_serial",
            "ssl_fingerprint", "redis_prefix"};
    /** setRequestFlags, health_check, mfa_completed. */
    private static final String[] PRODUCTION_FLAGS = {"debug", "repeating", "rwp", "user_found", "authenticated",
            "no_auth", "environment_rejected", "environment_stage_expected", "subject_stage_expected", "health_check",
            "mfa_completed"};
    /** Numbers: brute_force_counter, auth_login_attempt, latency, http_status. */
    private static final String[] PRODUCTION_NUMBERS = {"brute_force_counter", "auth_login_attempt", "latency",
            "http_status"};
    /** setRequestSliceFields: always a (possibly empty) list. */
    private static final String[] PRODUCTION_LISTS = {"requested_scopes", "user_groups", "allowed_client_scopes",
            "allowed_client_grant_types"};

    /**
     * SetupRequest over the fixture's {@code context}: its keys under production's names
     * ({@code client_host} -> {@code client_hostname}, {@code brute_force_count} ->
     * {@code brute_force_counter}); everything else the fixture cannot say keeps its zero value.
     * {@code status_message} is set only when the context has one (a nil *string otherwise);
     * {@code totp_recovery_codes} never (only when codes are set). The log level is {@code debug}
     * with the debug flag, else {@code info}; the format is {@code default} (requestLogSettings).
     */
    static LuaTable production(MockData data) {
        JsonNode c = data.block("context");
        LuaTable t = new LuaTable();
        for (String k : PRODUCTION_FLAGS) {
            t.rawset(k, LuaValue.valueOf(c.path(k).asBoolean(false)));
        }
        for (String k : PRODUCTION_NUMBERS) {
            t.rawset(k, LuaValue.valueOf(0.0));
        }
        t.rawset("brute_force_counter", LuaValue.valueOf((double) c.path("brute_force_count").asLong(0)));
        for (String k : PRODUCTION_STRINGS) {
            t.rawset(k, c.path(k).asText(""));
        }
        t.rawset("client_hostname", c.path("client_host").asText(""));
        for (String k : PRODUCTION_LISTS) {
            t.rawset(k, new LuaTable());
        }
        if (c.has("status_message")) {
            t.rawset("status_message", c.path("status_message").asText(""));
        }
        LuaValue level = LuaValue.valueOf(c.path("debug").asBoolean(false) ? "debug" : "info");
        LuaValue format = LuaValue.valueOf("default");
        LuaTable logging = new LuaTable(); // setRequestLoggingFields: nested and at top level
        logging.rawset("log_format", format);
        logging.rawset("log_level", level);
        t.rawset("logging", logging);
        t.rawset("log_format", format);
        t.rawset("log_level", level);
        return t;
    }

    static LuaTable create(MockData data) {
        LuaTable t = new LuaTable();
        if (!data.has("context")) {
            return t;
        }
        JsonNode c = data.block("context");
        for (String k : new String[] {"username", "password", "client_ip", "client_port", "client_host", "client_id",
                "local_ip", "local_port", "service", "protocol", "user_agent", "session"}) {
            t.set(k, c.path(k).asText(""));
        }
        for (String k : new String[] {"debug", "no_auth", "authenticated", "user_found"}) {
            t.set(k, LuaValue.valueOf(c.path(k).asBoolean(false)));
        }
        for (String k : new String[] {"account", "unique_user_id", "display_name", "status_message"}) {
            t.set(k, c.path(k).asText(""));
        }
        t.set("brute_force_count", LuaValue.valueOf((double) c.path("brute_force_count").asLong(0)));
        t.set("log_level", c.path("debug").asBoolean(false) ? "debug" : "info");
        t.set("log_format", "json");
        LuaTable logging = new LuaTable(); // "Keep old nested shape for backwards compatibility."
        logging.set("log_level", t.get("log_level"));
        logging.set("log_format", t.get("log_format"));
        t.set("logging", logging);
        return t;
    }
}
