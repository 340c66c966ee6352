package org.dovelua.auth.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** oauth2-jwt.c's rules, one test each; texts as 2.4.1 (and 2.4.5 where they differ) log them. */
class LocalJwtValidationTest {
    private static final JwtFixtures F = new JwtFixtures(42);
    private static final String HS = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private static LocalJwtValidation v(OAuth2Settings s, boolean v242) {
        return new LocalJwtValidation(s, F.keys(), () -> JwtFixtures.NOW, v242);
    }

    private static LocalJwtValidation v() {
        return v(new OAuth2Settings(), false);
    }

    private static String body(String extra) {
        return "{\"sub\":\"alice\",\"email\":\"alice\",\"exp\":" + JwtFixtures.FUTURE + extra + "}";
    }

    @Test
    void hs256TokenGivesItsClaimsAsFields() throws Exception {
        Map<String, String> f = v().validate(JwtFixtures.hs256(HS, body(",\"iat\":1700000000")));
        assertThat(f).containsExactly(Map.entry("sub", "alice"), Map.entry("email", "alice"),
                Map.entry("exp", "4102444800"), Map.entry("iat", "1700000000"));
    }

    @Test
    void rs256AndEs256TokensVerifyWithPemKeys() throws Exception {
        assertThat(v().validate(F.rs256("{\"alg\":\"RS256\",\"kid\":\"rsakey\"}", body("")))).containsKey("sub");
        assertThat(v().validate(F.es256("{\"alg\":\"ES256\",\"kid\":\"eckey\"}", body("")))).containsKey("sub");
    }

    @Test
    void aChangedSignatureIsRefused() {
        String t = JwtFixtures.hs256(HS, body(""));
        String bad = t.substring(0, t.length() - 2) + (t.endsWith("AA") ? "BA" : "AA");
        assertThatThrownBy(() -> v().validate(bad)).hasMessage("Incorrect JWT signature");
        String rs = F.rs256("{\"alg\":\"RS256\",\"kid\":\"rsakey\"}", body(""));
        String rsBad = rs.substring(0, rs.lastIndexOf('.') + 1) + JwtFixtures.b64u(new byte[256]);
        assertThatThrownBy(() -> v().validate(rsBad)).hasMessage("Bad signature");
    }

    @Test
    void notThreeBlobsOrNoHeaderIsNotAJwt() {
        assertThatThrownBy(() -> v().validate("not-a-jwt")).hasMessage("Not a JWT token");
        assertThatThrownBy(() -> v().validate("a.b.c.d")).hasMessage("Not a JWT token");
        assertThatThrownBy(() -> v().validate("..")).hasMessage("Not a JWT token");
    }

    @Test
    void headerNeedsAlgAndANonEmptyKid() {
        assertThatThrownBy(() -> v().validate(JwtFixtures.hs256("{\"typ\":\"JWT\"}", body(""))))
                .hasMessage("Cannot find 'alg' field");
        assertThatThrownBy(() -> v().validate(JwtFixtures.hs256("{\"alg\":\"HS256\",\"kid\":\"\"}", body(""))))
                .hasMessage("'kid' field is empty");
    }

    @Test
    void keysAreLookedUpByAzpAlgAndEscapedKid() {
        assertThatThrownBy(() -> v().validate(JwtFixtures.hs256("{\"alg\":\"hs256\",\"kid\":\"a/b%\"}", body(""))))
                .hasMessage("HS256 key 'a%2fb%25' not found");
        assertThatThrownBy(() -> v().validate(JwtFixtures.hs256(HS, body(",\"azp\":\"x/y\""))))
                .hasMessage("HS256 key 'default' not found");
    }

    @Test
    void unsupportedAlgorithmsAreNamed() {
        assertThatThrownBy(() -> v().validate(JwtFixtures.hs256("{\"alg\":\"none\"}", body(""))))
                .hasMessage("Unsupported algorithm 'NONE'");
        assertThatThrownBy(() -> v().validate(JwtFixtures.hs256("{\"alg\":\"HS999\"}", body(""))))
                .hasMessage("unsupported algorithm 'HS999'");
        assertThatThrownBy(() -> v().validate(JwtFixtures.hs256("{\"alg\":\"RS1\"}", body(""))))
                .hasMessage("Unsupported algorithm 'RS1'");
    }

    @Test
    void subAndExpAreRequired() {
        assertThatThrownBy(() -> v().validate(JwtFixtures.hs256(HS, "{\"exp\":" + JwtFixtures.FUTURE + "}")))
                .hasMessage("Missing 'sub' field");
        assertThatThrownBy(() -> v().validate(JwtFixtures.hs256(HS, "{\"sub\":\"a\"}"))).hasMessage("Missing 'exp' field");
        assertThatThrownBy(() -> v().validate(JwtFixtures.hs256(HS, "{\"sub\":\"a\",\"exp\":\"soon\"}")))
                .hasMessage("Malformed 'exp' field");
        assertThatThrownBy(() -> v().validate(JwtFixtures.hs256(HS, "{\"sub\":\"a\",\"exp\":-5}")))
                .hasMessage("Malformed 'exp' field");
    }

    @Test
    void isoDatesAreTimesToo() throws Exception {
        assertThat(v().validate(JwtFixtures.hs256(HS, "{\"sub\":\"a\",\"exp\":\"2099-01-01T00:00:00Z\"}")))
                .containsEntry("exp", "2099-01-01T00:00:00Z");
    }

    @Test
    void timesBefore242HaveNoGraceAndPlainTexts() {
        long now = JwtFixtures.NOW;
        assertThatThrownBy(() -> v().validate(JwtFixtures.hs256(HS, "{\"sub\":\"a\",\"exp\":" + (now - 1) + "}")))
                .hasMessage("Token has expired");
        assertThatThrownBy(() -> v().validate(JwtFixtures.hs256(HS, body(",\"nbf\":" + (now + 1)))))
                .hasMessage("Token is not valid yet");
        assertThatThrownBy(() -> v().validate(JwtFixtures.hs256(HS, body(",\"iat\":" + (now + 1)))))
                .hasMessage("Token is issued in future");
    }

    @Test
    void timesSince242AllowGraceAndSkewAndNameTheValues() throws Exception {
        OAuth2Settings s = new OAuth2Settings();
        s.tokenExpireGraceSecs = 60;
        long now = JwtFixtures.NOW;
        // inside the grace only with nbf/iat in the past: their default (now) is after exp, "conflicting"
        assertThat(v(s, true).validate(JwtFixtures.hs256(HS, "{\"sub\":\"a\",\"nbf\":1,\"iat\":1,\"exp\":" + (now - 60)
                + "}"))).isNotEmpty();
        assertThat(v(s, true).validate(JwtFixtures.hs256(HS, body(",\"nbf\":" + (now + 1))))).isNotEmpty();
        assertThatThrownBy(() -> v(s, true).validate(JwtFixtures.hs256(HS, "{\"sub\":\"a\",\"exp\":" + (now - 61) + "}")))
                .hasMessage("Token has expired (exp=" + (now - 61) + " < " + now + " - grace 60)");
        assertThatThrownBy(() -> v(s, true).validate(JwtFixtures.hs256(HS, body(",\"nbf\":" + (now + 2)))))
                .hasMessage("Token is not valid yet (nbf=" + (now + 2) + " > " + (now + 1) + ")");
        assertThatThrownBy(() -> v(s, true).validate(JwtFixtures.hs256(HS, body(",\"iat\":" + (now + 2)))))
                .hasMessage("Token is issued in future (iat=" + (now + 2) + " > " + (now + 1) + ")");
    }

    @Test
    void conflictingTimesAreRefused() {
        // reachable inside 2.4.2's grace: expired a little, issued after it expired
        OAuth2Settings s = new OAuth2Settings();
        s.tokenExpireGraceSecs = 60;
        long now = JwtFixtures.NOW;
        assertThatThrownBy(() -> v(s, true).validate(JwtFixtures.hs256(HS, "{\"sub\":\"a\",\"exp\":" + (now - 30)
                + ",\"iat\":" + now + "}"))).hasMessage("Token time values are conflicting");
    }

    @Test
    void issuersClientIdAndScopeAreChecked() throws Exception {
        OAuth2Settings s = new OAuth2Settings();
        s.issuers = List.of("https://idp");
        assertThatThrownBy(() -> v(s, false).validate(JwtFixtures.hs256(HS, body(""))))
                .hasMessage("Token is missing 'iss' field");
        assertThatThrownBy(() -> v(s, false).validate(JwtFixtures.hs256(HS, body(",\"iss\":\"evil\""))))
                .hasMessage("Issuer 'evil' is not allowed");
        OAuth2Settings c = new OAuth2Settings();
        c.clientId = "dovecot";
        assertThatThrownBy(() -> v(c, false).validate(JwtFixtures.hs256(HS, body(""))))
                .hasMessage("client_id set but aud is missing");
        assertThatThrownBy(() -> v(c, false).validate(JwtFixtures.hs256(HS, body(",\"aud\":[\"x\",\"y\"]"))))
                .hasMessage("client_id not found in aud field");
        assertThat(v(c, false).validate(JwtFixtures.hs256(HS, body(",\"aud\":[\"x\",\"dovecot\"]"))))
                .containsEntry("aud", "x\tdovecot");
        OAuth2Settings sc = new OAuth2Settings();
        sc.scope = List.of("mail", "IMAP");
        assertThatThrownBy(() -> v(sc, false).validate(JwtFixtures.hs256(HS, body(""))))
                .hasMessage("scope set but not found in token");
        assertThatThrownBy(() -> v(sc, false).validate(JwtFixtures.hs256(HS, body(",\"scope\":\"mail\""))))
                .hasMessage("configured scope 'mail IMAP' missing from token scope 'mail'");
        assertThat(v(sc, false).validate(JwtFixtures.hs256(HS, body(",\"scope\":\"imap,mail\"")))).isNotEmpty();
    }

    @Test
    void nestedClaimsAreFlattenedBreadthFirst() throws Exception {
        Map<String, String> f = v().validate(JwtFixtures.hs256(HS,
                body(",\"realm\":{\"roles\":[\"a\",\"b\\tc\"],\"n\":1},\"groups\":[\"g1\",{\"x\":\"y\"}],\"ok\":true")));
        assertThat(f).containsEntry("realm_n", "1").containsEntry("realm_roles", "a\tb\u0001tc")
                .containsEntry("groups", "g1").containsEntry("groups_x", "y").containsEntry("ok", "true");
        assertThat(List.copyOf(f.keySet())).containsSubsequence("ok", "realm_n", "realm_roles");
    }

    @Test
    void keyDictErrorsAndBadKeysAreTheirOwnFailures() {
        LocalJwtValidation broken = new LocalJwtValidation(new OAuth2Settings(), key -> {
            throw new LocalJwtValidation.KeyDictException("dict down");
        }, () -> JwtFixtures.NOW, false);
        assertThatThrownBy(() -> broken.validate(JwtFixtures.hs256(HS, body("")))).hasMessage("dict down");
        LocalJwtValidation empty = new LocalJwtValidation(new OAuth2Settings(), key -> "!!!", () -> JwtFixtures.NOW,
                false);
        assertThatThrownBy(() -> empty.validate(JwtFixtures.hs256(HS, body("")))).hasMessage("Invalid base64 encoded key");
    }
}
