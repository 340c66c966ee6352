package org.dovelua.lua.dovecot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * net_addr2ip()'s family: the first group is what real 2.4.1 and 2.4.5 answered (cases 471/472),
 * the others glibc 2.36's getaddrinfo(AI_NUMERICHOST) on this host.
 */
class IpFamilyTest {
    @Test
    void asRealDovecotAnswered() {
        assertThat(IpFamily.of("1.2.3.4")).isEqualTo(4);
        assertThat(IpFamily.of("::1")).isEqualTo(6);
        assertThat(IpFamily.of("2001:db8::1")).isEqualTo(6);
        assertThat(IpFamily.of("[::1]")).isEqualTo(6);
        assertThat(IpFamily.of("::ffff:1.2.3.4")).isEqualTo(6);
        assertThat(IpFamily.of("localhost")).isZero();
        assertThat(IpFamily.of("")).isZero();
        assertThat(IpFamily.of("1.2.3.4.5")).isZero();
        assertThat(IpFamily.of("1.2.3")).isEqualTo(4);
        assertThat(IpFamily.of("1")).isEqualTo(4);
        assertThat(IpFamily.of(" 1.2.3.4")).isZero();
        assertThat(IpFamily.of("1.2.3.4:80")).isZero();
    }

    @Test
    void inetAtonFormsAsGlibcTakesThem() {
        assertThat(IpFamily.of("0x7f.1")).isEqualTo(4);
        assertThat(IpFamily.of("010.0.0.1")).isEqualTo(4);
        assertThat(IpFamily.of("4294967295")).isEqualTo(4);
        assertThat(IpFamily.of("4294967296")).isZero();
        assertThat(IpFamily.of("256.1.1.1")).isZero();
        assertThat(IpFamily.of("1.2.3.4 ")).isZero();
        assertThat(IpFamily.of("1.2.3.4x")).isZero();
        assertThat(IpFamily.of("0x")).isZero();
        assertThat(IpFamily.of("1e2")).isZero();
        assertThat(IpFamily.of("08.1.1.1")).isZero(); // 8 is no octal digit
        assertThat(IpFamily.of("1.2.3.4%1")).isZero();
    }

    @Test
    void inetPton6FormsAndScopes() {
        assertThat(IpFamily.of("::")).isEqualTo(6);
        assertThat(IpFamily.of("1::2::3")).isZero();
        assertThat(IpFamily.of("fe80::1%1")).isEqualTo(6);
        assertThat(IpFamily.of("fe80::1%")).isZero();
        assertThat(IpFamily.of("fe80::1%nosuchif0")).isZero();
        assertThat(IpFamily.of("::1%lo")).isZero(); // a name only for a link-local address
        assertThat(IpFamily.of("1:2:3:4:5:6:7:8")).isEqualTo(6);
        assertThat(IpFamily.of("1:2:3:4:5:6:7:8:9")).isZero();
        assertThat(IpFamily.of("1:2:3:4:5:6:7:")).isZero();
        assertThat(IpFamily.of(":1::")).isZero();
        assertThat(IpFamily.of("::1.2.3.4")).isEqualTo(6);
        assertThat(IpFamily.of("::01.2.3.4")).isZero(); // inet_pton4 refuses a leading zero
        assertThat(IpFamily.of("12345::")).isZero();
        assertThat(IpFamily.of("[::1")).isZero();
    }

    /** Every address Java formats is one net_addr2ip() reads, in its family. */
    @Test
    void formattedAddressesRoundTrip() throws Exception {
        Random r = new Random(471L);
        for (int i = 0; i < 500; i++) {
            byte[] v4 = new byte[4];
            byte[] v6 = new byte[16];
            r.nextBytes(v4);
            r.nextBytes(v6);
            assertThat(IpFamily.of(java.net.InetAddress.getByAddress(v4).getHostAddress())).isEqualTo(4);
            v6[0] = (byte) (v6[0] | 0x20); // not ::ffff:a.b.c.d, which Java prints as IPv4
            assertThat(IpFamily.of(java.net.Inet6Address.getByAddress(null, v6, -1).getHostAddress())).isEqualTo(6);
            assertThat(IpFamily.of("[" + java.net.Inet6Address.getByAddress(null, v6, -1).getHostAddress() + "]"))
                    .isEqualTo(6);
        }
    }
}
