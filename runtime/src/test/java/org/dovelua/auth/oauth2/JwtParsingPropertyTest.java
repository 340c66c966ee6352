package org.dovelua.auth.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded properties of the JWT reading: any claims signed with the key come back as fields
 * unchanged (base64url without padding, every length), any single changed signature character is
 * refused, and any blob count but three is no JWT.
 */
class JwtParsingPropertyTest {
    private static final long SEED = 0x0a07_2024L;
    private static final JwtFixtures F = new JwtFixtures(7);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String randomText(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(24);
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            b.append(kind < 7 ? (char) ('a' + r.nextInt(26)) : kind < 9 ? "\u00e9\u20ac/%+=".charAt(r.nextInt(6))
                    : (char) (0x20 + r.nextInt(0x5f)));
        }
        return b.toString();
    }

    @Test
    void signedClaimsRoundTrip() throws Exception {
        Random r = new Random(SEED);
        LocalJwtValidation v = new LocalJwtValidation(new OAuth2Settings(), F.keys(), () -> JwtFixtures.NOW, false);
        for (int i = 0; i < 300; i++) {
            ObjectNode body = JSON.createObjectNode();
            body.put("sub", randomText(r));
            body.put("exp", JwtFixtures.FUTURE);
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("sub", body.get("sub").asText());
            expected.put("exp", Long.toString(JwtFixtures.FUTURE));
            int extra = r.nextInt(5);
            for (int k = 0; k < extra; k++) {
                String name = "c" + k + randomText(r).replaceAll("[^a-z]", "");
                String value = randomText(r);
                body.put(name, value);
                expected.put(name, org.dovelua.lib.TabEscape.escape(value));
            }
            String token = JwtFixtures.hs256("{\"alg\":\"HS256\"}", JSON.writeValueAsString(body));
            assertThat(v.validate(token)).as("token %s", token).isEqualTo(expected);
            int sigAt = token.lastIndexOf('.') + 1 + r.nextInt(token.length() - token.lastIndexOf('.') - 2);
            char c = token.charAt(sigAt);
            String changed = token.substring(0, sigAt) + (c == 'A' ? 'B' : 'A') + token.substring(sigAt + 1);
            assertThatThrownBy(() -> v.validate(changed)).as("changed at %d: %s", sigAt, changed)
                    .hasMessage("Incorrect JWT signature");
        }
    }

    @Test
    void onlyThreeBlobsCanBeAJwt() {
        Random r = new Random(SEED + 1);
        LocalJwtValidation v = new LocalJwtValidation(new OAuth2Settings(), F.keys(), () -> JwtFixtures.NOW, false);
        for (int i = 0; i < 300; i++) {
            int dots = r.nextInt(6);
            if (dots == 2) {
                continue;
            }
            StringBuilder t = new StringBuilder(JwtFixtures.b64u(randomText(r)));
            for (int d = 0; d < dots; d++) {
                t.append('.').append(JwtFixtures.b64u(randomText(r)));
            }
            String token = t.toString();
            assertThatThrownBy(() -> v.validate(token)).as(token).hasMessage("Not a JWT token");
        }
    }

    @Test
    void base64urlDecodingKeepsWhatPrecedesAnError() {
        Random r = new Random(SEED + 2);
        for (int i = 0; i < 300; i++) {
            byte[] data = new byte[r.nextInt(40)];
            r.nextBytes(data);
            String enc = JwtFixtures.b64u(data);
            assertThat(LocalJwtValidation.decode(enc)).isEqualTo(data);
            // t_base64url_decode_str() ignores the error: the bytes of the whole quanta before '*' stay
            int cut = enc.length() / 4 * 4;
            byte[] head = java.util.Arrays.copyOf(data, cut / 4 * 3);
            assertThat(LocalJwtValidation.decode(enc.substring(0, cut) + "*" + enc.substring(cut))).isEqualTo(head);
        }
    }
}
