package org.dovelua.auth.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.dovelua.auth.config.AuthSettings;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.api.Test;

/**
 * db-oauth2.c db_oauth2_add_extra_fields(): the oauth2_fields templates over the request's table,
 * {@code %{oauth2:NAME}} and 2.4.3's {@code %{token}}, as real 2.4.1 and 2.4.5 answered them
 * (differential cases 486-489).
 */
class OAuth2FieldsTest {
    private static final Map<String, String> REPLY = Map.of("username", "alice", "name", "Alice A");

    private static AuthRequest request(String version) {
        AuthSettings s = new AuthSettings();
        s.version = DovecotVersion.parse(version);
        AuthRequest r = new AuthRequest(s);
        r.user = "alice";
        r.service = "imap";
        return r;
    }

    private static OAuth2Fields fields(AuthRequest r, String... pairs) {
        OAuth2Settings set = new OAuth2Settings();
        for (int i = 0; i < pairs.length; i += 2) {
            set.fields.put(pairs[i], pairs[i + 1]);
        }
        return new OAuth2Fields(r, set, Map.of());
    }

    @Test
    void theReplysFieldsAndTheRequestsVariablesAreSet() {
        AuthRequest r = request("2.4.1");
        assertThat(fields(r, "fullname", "%{oauth2:name}", "home", "/home/%{user}").apply(REPLY, "tok", "alice")).isNull();
        assertThat(r.extraFields.find("fullname")).isEqualTo("Alice A");
        assertThat(r.extraFields.find("home")).isEqualTo("/home/alice");
    }

    @Test
    void theTokenVariableCameWith243() {
        AuthRequest old = request("2.4.1");
        assertThat(fields(old, "t", "%{token}", "u", "%{user}").apply(REPLY, "tok-a", "alice"))
                .isEqualTo("auth_oauth2_fields settings: Failed to parse configuration: Failed to expand oauth2_fields/t"
                        + " setting variables: Unknown variable 'token'");
        assertThat(old.extraFields.find("u")).isNull();
        AuthRequest now = request("2.4.5");
        assertThat(fields(now, "t", "%{token}").apply(REPLY, "tok-a", "alice")).isNull();
        assertThat(now.extraFields.find("t")).isEqualTo("tok-a");
    }

    @Test
    void aFieldTheReplyLacksIsAnErrorSince243AndAPanicBefore() {
        assertThat(fields(request("2.4.5"), "x", "%{oauth2:missing}").apply(REPLY, "tok", "alice"))
                .endsWith("Failed to expand oauth2_fields/x setting variables: oauth2: Field 'missing' not found");
        assertThatThrownBy(() -> fields(request("2.4.1"), "x", "%{oauth2:missing}").apply(REPLY, "tok", "alice"))
                .isInstanceOf(ProcessDeath.class).hasMessage(OAuth2Fields.MISSING_FIELD_PANIC);
    }

    @Test
    void aPassdbFailingAfterwardsRollsBackToBeforeTheFields() {
        AuthRequest r = request("2.4.1");
        r.extraFields.add("before", "1", false);
        fields(r, "fullname", "%{oauth2:name}").apply(REPLY, "tok", "alice");
        r.extraFields.add("token", "tok", false);
        // auth_request_passdb_callback() of a failing credentials lookup: auth_fields_rollback()
        r.extraFields.rollback();
        assertThat(r.extraFields.find("before")).isEqualTo("1");
        assertThat(r.extraFields.find("fullname")).isNull();
        assertThat(r.extraFields.find("token")).isNull();
    }
}
