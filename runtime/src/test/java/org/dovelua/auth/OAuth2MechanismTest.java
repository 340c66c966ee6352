package org.dovelua.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.dovelua.api.Dovelua;
import org.dovelua.api.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 2.4's OAUTHBEARER/XOAUTH2 through doveadm auth test -A with an oauth2 { } of local JWT
 * validation: the passdb lookup after a valid token, the JSON failure object each release sends,
 * and the settings Dovecot refuses before it starts.
 */
class OAuth2MechanismTest {
    private static final byte[] SECRET = "mech-secret".getBytes(StandardCharsets.US_ASCII);
    private static final String SCRIPT = String.join("\n",
            "function auth_passdb_lookup(req)",
            "  if req.user == 'carol' then return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, 'no' end",
            "  return dovecot.auth.PASSDB_RESULT_OK, {password = 'x', seen = 'yes'}",
            "end",
            "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, {uid = '1000'} end", "");

    @TempDir
    Path dir;

    static String jwt(String email) {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        String data = b.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b.encodeToString(("{\"sub\":\"" + email + "\",\"email\":\"" + email + "\",\"exp\":4102444800}")
                        .getBytes(StandardCharsets.UTF_8));
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
            return data + "." + b.encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Result authTest(String version, String oauth2, String mech, String user, String token) throws Exception {
        Files.writeString(dir.resolve("auth.lua"), SCRIPT);
        Path key = dir.resolve("keys/default/HS256/default");
        Files.createDirectories(key.getParent());
        Files.writeString(key, Base64.getEncoder().encodeToString(SECRET));
        String conf = String.join("\n", "dovecot_config_version = " + version, "auth_debug = yes",
                "auth_mechanisms = plain oauthbearer xoauth2", oauth2,
                "passdb lua {", "  lua_file = /etc/dovecot/auth.lua", "}",
                "userdb lua {", "  lua_file = /etc/dovecot/auth.lua", "}", "");
        try (Dovelua d = Dovelua.builder().config(Files.writeString(dir.resolve("dovecot.conf"), conf))
                .mount("/etc/dovecot", dir).version(version).authVerbose(true).build()) {
            // doveadm's own client mechanism (lib-sasl), as `doveadm auth test -A MECH` runs it
            return d.run(new org.dovelua.api.Command.AuthTest(user, token, java.util.List.of(), mech, null));
        }
    }

    private static final String LOCAL = String.join("\n", "oauth2 {", "  introspection_mode = local",
            "  oauth2_local_validation {", "    dict fs {", "      fs posix {", "        prefix = /etc/dovecot/keys/",
            "      }", "    }", "  }", "}");

    /**
     * The JSON object the server answered the client with: auth_debug's CONT line (2.4.1), the
     * FAIL's resp= since lib-sasl (Since.FAILURE_DATA_IN_FAIL).
     */
    private static String challenge(Result r) {
        String line = r.logs().stream().filter(l -> l.contains("client passdb out: CONT")
                || l.contains("client passdb out: FAIL") && l.contains("\tresp=")).findFirst().orElseThrow();
        String data = line.contains("\tresp=") ? line.substring(line.lastIndexOf("resp=") + 5)
                : line.substring(line.lastIndexOf('\t') + 1);
        return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
    }

    @Test
    void aValidTokenLooksThePassdbsUpForTheUsersFields() throws Exception {
        Result r = authTest("2.4.1", LOCAL, "OAUTHBEARER", "alice", jwt("alice"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.fieldLines()).containsExactly("user=alice", "token=" + jwt("alice"), "seen=yes");
        assertThat(authTest("2.4.5", LOCAL, "XOAUTH2", "alice", jwt("alice")).fieldLines())
                .containsExactly("user=alice", "seen=yes");
    }

    @Test
    void anUnknownUserInThePassdbsStillSucceeds() throws Exception {
        // oauth2_verify_callback(): USER_UNKNOWN is a success (2.4.1 as such, lib-sasl mapped to OK)
        assertThat(authTest("2.4.1", LOCAL, "OAUTHBEARER", "carol", jwt("carol")).exitCode()).isZero();
        assertThat(authTest("2.4.5", LOCAL, "OAUTHBEARER", "carol", jwt("carol")).exitCode()).isZero();
    }

    @Test
    void anotherUsersTokenFails241PlainlyAndLibSaslWithInvalidToken() throws Exception {
        Result r241 = authTest("2.4.1", LOCAL, "OAUTHBEARER", "alice", jwt("bob"));
        assertThat(r241.exitCode()).isEqualTo(77);
        assertThat(r241.logs()).contains("auth(alice,sasl:oauthbearer): Info: oauthbearer: oauth2 failed: Local"
                + " validation failed: Username 'alice' did not match 'bob'");
        Result r245 = authTest("2.4.5", LOCAL, "OAUTHBEARER", "alice", jwt("bob"));
        assertThat(r245.exitCode()).isEqualTo(75);
        assertThat(r245.stdout()).isEqualTo("extra fields:\n  code=temp_fail\n");
        assertThat(challenge(r245)).isEqualTo("{\"status\":\"invalid_token\",\"scope\":\"\"}");
    }

    @Test
    void theFailureObjectPerRelease() throws Exception {
        Result r241 = authTest("2.4.1", LOCAL, "XOAUTH2", "alice", "not-a-jwt");
        assertThat(r241.exitCode()).isEqualTo(75);
        assertThat(r241.stdout()).isEmpty();
        assertThat(challenge(r241)).isEqualTo("{\"schemes\":\"bearer\",\"status\":\"401\",\"scope\":\"mail\","
                + "\"openid-configuration\":\"\"}");
        assertThat(challenge(authTest("2.4.3", LOCAL, "XOAUTH2", "alice", "not-a-jwt")))
                .isEqualTo("{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"mail\"}");
    }

    @Test
    void settingsTheCheckRefusesKeepDovecotDown() throws Exception {
        Result r = authTest("2.4.1", "oauth2 {\n  introspection_mode = get\n}", "OAUTHBEARER", "alice", "t");
        assertThat(r.exitCode()).isEqualTo(75);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.logs()).isEmpty();
        assertThat(r.stderr()).contains("Need at least one of oauth2_tokeninfo_url or oauth2_introspection_url");
    }

    @Test
    void localValidationWithoutADictPanicsTheAuthProcess() throws Exception {
        Result r = authTest("2.4.1", "oauth2 {\n  introspection_mode = local\n}", "OAUTHBEARER", "alice", jwt("alice"));
        assertThat(r.logs()).contains("auth: Panic: file oauth2-jwt.c: line 590 (oauth2_try_parse_jwt): assertion"
                + " failed: (set->key_dict != NULL)");
    }
}
