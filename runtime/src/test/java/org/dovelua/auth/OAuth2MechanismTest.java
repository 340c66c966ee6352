package org.dovelua.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.dovelua.auth.sasl.SaslClient;
import org.junit.jupiter.api.Test;

/** 2.3's mech-oauth2.c pieces, and lib-sasl's reading of the server's JSON status (case 396 runs them whole). */
class OAuth2MechanismTest {
    @Test
    void saslNamesUnescapeCommaAndEqualsOnly() {
        assertThat(SaslServerMechanisms.unescapeSaslName("a=2Cb=3Dc")).isEqualTo("a,b=c");
        assertThat(SaslServerMechanisms.unescapeSaslName("a,b")).isNull();
        assertThat(SaslServerMechanisms.unescapeSaslName("a=41")).isNull();
        assertThat(SaslServerMechanisms.unescapeSaslName("a=2")).isNull();
    }

    @Test
    void aTokenIsAnyNonEmptyTextWithoutLineBreaks() {
        assertThat(SaslServerMechanisms.validToken("ya29.a0-_~+/=")).isTrue();
        assertThat(SaslServerMechanisms.validToken("")).isFalse();
        assertThat(SaslServerMechanisms.validToken("a\nb")).isFalse();
        assertThat(SaslServerMechanisms.validToken("a\rb")).isFalse();
    }

    @Test
    void libSaslReportsTheStatusOfARejection() throws Exception {
        SaslClient c = SaslClient.find("oauthbearer", "alice", null, "tok", null);
        assertThat(new String(c.output(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("n,a=alice,\u0001auth=Bearer tok\u0001\u0001");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> c.input("{\"status\":\"invalid_token\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .hasMessage("Failed to authenticate: invalid_token");
        SaslClient x = SaslClient.find("XOAUTH2", "alice", null, "tok", null);
        assertThat(new String(x.output(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("user=alice\u0001auth=Bearer tok\u0001\u0001");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> x.input("{\"scope\":\"mail\"}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)))).hasMessage("Error parsing JSON reply: Status value missing");
    }
}
