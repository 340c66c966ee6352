package org.dovelua.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.dovelua.auth.scheme.Scram;
import org.dovelua.lib.DovecotBase64;
import org.junit.jupiter.api.Test;

/**
 * Seeded properties of the SCRAM and DIGEST-MD5 messages: saslname escaping round-trips, a client
 * and server exchange succeeds exactly when the passwords agree, a quoted DIGEST-MD5 value parses
 * back to itself, and a DIGEST-MD5 response verifies only with the credentials it was made from.
 */
class SaslMessagesPropertyTest {
    private static final long SEED = 0x5A5L;
    private static final String ALPHABET = "ab,=Z9 \\\"\t\u00e9x";

    private static String word(Random rnd, int max) {
        int n = rnd.nextInt(max + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    @Test
    void scramUsernamesRoundTripAndNeverCarryACommaOnTheWire() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 2000; i++) {
            String name = word(rnd, 12);
            String escaped = ScramMessages.escape(name);
            assertThat(escaped).doesNotContain(",");
            assertThat(ScramMessages.unescape(escaped)).isEqualTo(name);
        }
        assertThat(ScramMessages.unescape("a=2")).isNull();
        assertThat(ScramMessages.unescape("a=3E")).isNull();
    }

    @Test
    void noncesArePrintableWithoutCommas() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 200; i++) {
            String n = ScramMessages.nonce(rnd);
            assertThat(n).hasSize(64).doesNotContain(",").matches("[!-~]+");
        }
    }

    @Test
    void aScramExchangeSucceedsExactlyWhenThePasswordsAgree() throws Exception {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 40; i++) {
            Scram scram = i % 2 == 0 ? Scram.SHA1 : Scram.SHA256;
            String user = word(rnd, 8) + "u";
            String stored = word(rnd, 6);
            String given = rnd.nextBoolean() ? stored : stored + "x";
            byte[] salt = new byte[16];
            rnd.nextBytes(salt);
            String[] error = new String[1];
            Scram.Key key = scram.parse(scram.generate(stored.getBytes(StandardCharsets.UTF_8), salt)
                    .getBytes(StandardCharsets.ISO_8859_1), error);
            assertThat(key).as(error[0]).isNotNull();

            ScramClient client = new ScramClient(scram.name(), user, null, given, rnd);
            ScramServer server = new ScramServer(scram, ScramServer.ChannelBinding.NONE);
            ScramServer.ClientFirst first = server.clientFirst(new String(client.output(), StandardCharsets.UTF_8));
            assertThat(first.username()).isEqualTo(user);
            assertThat(first.loginUsername()).isNull();
            client.input(server.serverFirst(key, rnd).getBytes(StandardCharsets.UTF_8));
            String last = new String(client.output(), StandardCharsets.UTF_8);
            if (given.equals(stored)) {
                server.clientFinal(last, null);
                assertThat(server.serverFinal()).startsWith("v=");
            } else {
                assertThatThrownBy(() -> server.clientFinal(last, null)).isInstanceOf(ScramServer.PasswordMismatch.class);
            }
        }
    }

    @Test
    void theServerNamesEachMalformedClientFirst() {
        ScramServer s = new ScramServer(Scram.SHA256, ScramServer.ChannelBinding.NONE);
        assertThatThrownBy(() -> s.clientFirst("n")).hasMessage(
                "Invalid initial client message: Missing first ',' in GS2 header");
        assertThatThrownBy(() -> s.clientFirst("n,")).hasMessage(
                "Invalid initial client message: Missing second ',' in GS2 header");
        assertThatThrownBy(() -> s.clientFirst("n,,n=a")).hasMessage("Invalid initial client message: Missing nonce field");
        assertThatThrownBy(() -> s.clientFirst("x,,n=a,r=b")).hasMessage("Invalid GS2 header");
        assertThatThrownBy(() -> s.clientFirst("p=tls-unique,,n=a,r=b")).hasMessage("Channel binding not supported");
        assertThatThrownBy(() -> s.clientFirst("n,z,n=a,r=b")).hasMessage("Invalid authzid field");
        assertThatThrownBy(() -> s.clientFirst("n,,m=x,n=a")).hasMessage("Mandatory extension(s) not supported");
        assertThatThrownBy(() -> s.clientFirst("n,,n=a=2,r=b")).hasMessage("Username escaping is invalid");
        assertThatThrownBy(() -> s.clientFirst("n,,n=a,x=b")).hasMessage("Invalid client nonce");
        ScramServer available = new ScramServer(Scram.SHA256, ScramServer.ChannelBinding.AVAILABLE);
        assertThatThrownBy(() -> available.clientFirst("y,,n=a,r=b")).hasMessage("Potential downgrade attack detected");
        ScramServer required = new ScramServer(Scram.SHA256, ScramServer.ChannelBinding.REQUIRED);
        assertThatThrownBy(() -> required.clientFirst("n,,n=a,r=b")).hasMessage("Channel binding required");
    }

    @Test
    void quotedDigestValuesParseBackToThemselves() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 2000; i++) {
            String a = word(rnd, 10);
            String b = word(rnd, 10).replace(",", "").replace("\"", "").replace("\\", "").strip();
            String msg = "username=" + DigestMd5.quote(a) + " , nc = " + b + "\t,realm=" + DigestMd5.quote("");
            List<DigestMd5.Directive> d = DigestMd5.parse(msg);
            assertThat(d).containsExactly(new DigestMd5.Directive("username", a), new DigestMd5.Directive("nc", b),
                    new DigestMd5.Directive("realm", ""));
        }
        assertThat(DigestMd5.parse("junk,a=1")).containsExactly(new DigestMd5.Directive("a", "1"));
    }

    @Test
    void aDigestResponseVerifiesOnlyWithItsCredentials() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 200; i++) {
            String user = word(rnd, 6) + "u";
            String pass = word(rnd, 6);
            byte[] nonceBytes = new byte[16];
            rnd.nextBytes(nonceBytes);
            String nonce = DovecotBase64.encode(nonceBytes);
            byte[] h = DigestMd5.credentials(user, "", pass);
            String resp = DigestMd5.response(h, nonce, "00000001", "cn" + i, "auth", "imap/localhost", null, false);
            String msg = "username=" + DigestMd5.quote(user) + ",nonce=" + DigestMd5.quote(nonce) + ",cnonce=\"cn" + i
                    + "\",nc=00000001,qop=auth,digest-uri=\"imap/localhost\",response=" + resp + ",charset=utf-8";
            DigestMd5Response r = DigestMd5Response.parse(msg, nonce);
            assertThat(r.failed()).as(r.error()).isFalse();
            assertThat(r.username()).isEqualTo(user);
            assertThat(DigestMd5.response(h, nonce, r.nonceCount(), r.cnonce(), r.qop(), r.digestUri(), r.authzid(), false))
                    .isEqualTo(r.response());
            byte[] other = DigestMd5.credentials(user, "", pass + "x");
            assertThat(DigestMd5.response(other, nonce, r.nonceCount(), r.cnonce(), r.qop(), r.digestUri(), null, false))
                    .isNotEqualTo(r.response());
            assertThat(DigestMd5Response.parse(msg, nonce + "x").error()).isEqualTo("Invalid nonce");
        }
        assertThat(DigestMd5Response.parse("", "n").error()).isEqualTo("Client sent no input");
        assertThat(DigestMd5Response.parse("nonce=n,username=a", "n").error()).isEqualTo("Missing cnonce parameter");
        assertThat(DigestMd5Response.parse("nonce=n,cnonce=c,nc=2", "n").error()).isEqualTo("re-auth not supported currently");
        assertThat(DigestMd5Response.parse("qop=auth-int", "n").error()).isEqualTo("Nonallowed QoP requested");
    }
}
