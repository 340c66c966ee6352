package org.dovelua.auth.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** oauth2-request.c: how a reply becomes an error, validity and fields; http_url_escape_param(). */
class OAuth2RequestTest {
    private static OAuth2Request.Result reply(int status, String body) {
        return OAuth2Request.response(status, status == 500 ? "Internal Server Error" : "OK",
                body.getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void a2xxObjectIsValidWithItsScalarMembersAsStrings() {
        OAuth2Request.Result r = reply(200, "{\"active\":true,\"n\":1.50,\"u\":\"a\",\"o\":{\"x\":1},\"l\":[1],\"z\":null}");
        assertThat(r.error()).isNull();
        assertThat(r.valid()).isTrue();
        assertThat(OAuth2Request.asMap(r.fields())).containsExactly(Map.entry("active", "true"), Map.entry("n", "1.50"),
                Map.entry("u", "a"), Map.entry("z", "null"));
    }

    @Test
    void a4xxIsNotValidButNoError() {
        OAuth2Request.Result r = reply(401, "");
        assertThat(r.error()).isNull();
        assertThat(r.valid()).isFalse();
    }

    @Test
    void anErrorFieldIsTheErrorAndItsDescriptionWins() {
        assertThat(reply(400, "{\"error\":\"invalid_token\"}").error()).isEqualTo("invalid_token");
        assertThat(reply(200, "{\"error\":\"x\",\"error_description\":\"token revoked\"}").error()).isEqualTo("token revoked");
    }

    @Test
    void otherStatusesAreLibHttpsMessage() {
        assertThat(reply(500, "boom").error()).isEqualTo("500 Internal Server Error");
        assertThat(OAuth2Request.response(9003, "connect(127.0.0.1:1) failed: Connection refused", new byte[0], false).error())
                .isEqualTo("connect(127.0.0.1:1) failed: Connection refused");
    }

    @Test
    void tokenTypeAndExpiresInAreChecked() {
        assertThat(reply(200, "{\"token_type\":\"mac\"}").error()).isEqualTo("Expected Bearer token, got 'mac'");
        assertThat(reply(200, "{\"Token_Type\":\"BEARER\",\"expires_in\":\"60\"}").valid()).isTrue();
        assertThat(reply(200, "{\"expires_in\":\"soon\"}").error()).isEqualTo("Malformed number 'soon' in expires_in");
    }

    @Test
    void invalidJsonIsNamed() {
        assertThat(reply(200, "not json").error())
                .isEqualTo("Invalid JSON in response: Expected value 'null', but encounted 'n' + 'o'");
        assertThat(OAuth2Request.literalError("tru!".getBytes(StandardCharsets.UTF_8), true))
                .isEqualTo("Expected value 'true', but encountered 'tru' + '!'");
        assertThat(reply(200, "[1]").error()).startsWith("Invalid JSON in response: ");
        assertThat(reply(200, "not json").valid()).isFalse();
    }

    @Test
    void parametersAreEscapedAsUriQueryData() {
        assertThat(OAuth2Request.escapeParam("a-b_c.d~e!$'()*,:@")).isEqualTo("a-b_c.d~e!$'()*,:@");
        assertThat(OAuth2Request.escapeParam("a b&c;d/e?f=g+h%\u00e9")).isEqualTo("a%20b%26c%3bd%2fe%3ff%3dg%2bh%25%c3%a9");
    }
}
