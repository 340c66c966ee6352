package org.dovelua.auth.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.api.Test;

/** doveadm's {@code -x} pairs as lib-auth sends them (the expected lines were seen on 2.4.1, case 339). */
class AuthInputTest {
    private static final DovecotVersion V23 = DovecotVersion.parse("2.3.19");
    private static final DovecotVersion V24 = DovecotVersion.parse("2.4.1");

    private static AuthInput input(String... pairs) {
        AuthInput in = new AuthInput();
        for (String p : pairs) {
            assertThat(in.add(p)).isNull();
        }
        return in;
    }

    @Test
    void theKnownPairsTakeTheirPlacesAndTheOthersFollowAsGiven() {
        AuthInput in = input("secured", "session=s1", "client_id=c1", "forward_fw=v", "lport=143", "real_rip=10.0.0.9",
                "service=pop3");
        assertThat(in.clientParams(V24, true)).isEqualTo("\tprotocol=pop3\tfinal-resp-ok\tdebug\tsession=s1\tlport=143"
                + "\treal_rip=10.0.0.9\tforward_fields=fw=v\tsecured\tclient_id=c1");
        assertThat(in.clientParams(V23, true)).isEqualTo("\tservice=pop3\tdebug\tsession=s1\tlport=143"
                + "\treal_rip=10.0.0.9\tforward_fields=fw=v\tsecured\tclient_id=c1");
    }

    @Test
    void protocolIsTheServiceIn24AndAnExtraFieldBefore() {
        AuthInput in = input("protocol=imap", "session=s2", "foo=bar");
        assertThat(in.masterParams(V24, true)).isEqualTo("\tprotocol=imap\tsession=s2\tdebug\tfoo=bar");
        assertThat(in.masterParams(V23, false)).isEqualTo("\tservice=doveadm\tsession=s2\tprotocol=imap\tfoo=bar");
    }

    @Test
    void realValuesAreSentOnlyWhenTheyDiffer() {
        AuthInput in = input("rip=10.0.0.1", "real_rip=10.0.0.1", "lip=10.0.0.2", "real_lip=10.0.0.3");
        assertThat(in.clientParams(V24, false))
                .isEqualTo("\tprotocol=doveadm\tfinal-resp-ok\tlip=10.0.0.2\trip=10.0.0.1\treal_lip=10.0.0.3");
    }

    @Test
    void forwardFieldsAreTabEscapedTwice() {
        AuthInput in = input("forward_a=x\ty", "forward_b=z");
        // each pair is tab-escaped, then the joined list once more (auth-client-request.c)
        assertThat(in.clientParams(V24, false)).endsWith("\tforward_fields=a=x\u00011ty\u0001tb=z");
    }
}
