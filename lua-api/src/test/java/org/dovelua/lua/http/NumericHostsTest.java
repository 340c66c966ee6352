package org.dovelua.lua.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** glibc's inet_pton(AF_INET6) and inet_aton, and 2.4's net_addr2ip(), on the forms that tell them apart. */
class NumericHostsTest {
    @Test
    void inetPton6() {
        for (String ok : new String[] {"::", "::1", "1::", "1:2:3:4:5:6:7:8", "1::8", "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4",
            "ABCD:ef01::", "0000:0:0:0:0:0:0:0"}) {
            assertThat(NumericHosts.inetPton6(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {"", ":", ":1", "1:", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
            "12345::", "::g", "::1.2.3", "::01.2.3.4", "::256.1.1.1", "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:6:7:8::",
            "127.0.0.1", "fe80::1%1"}) {
            assertThat(NumericHosts.inetPton6(bad)).as(bad).isFalse();
        }
    }

    @Test
    void inetAtonExact() {
        for (String ok : new String[] {"127.0.0.1", "127.1", "127.0.1", "2130706433", "0x7f.1", "0177.0.0.1", "0"}) {
            assertThat(NumericHosts.inetAtonExact(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {"", "1.2.3.4.5", "256.1", "1.2.65536", "08.1.1.1", "0x", "1.", ".1", "1 ", "a"}) {
            assertThat(NumericHosts.inetAtonExact(bad)).as(bad).isFalse();
        }
    }

    @Test
    void netAddr2ip() {
        assertThat(NumericHosts.netAddr2ip("08.1.1.1")).as("its own dotted-quad reader is decimal").isTrue();
        assertThat(NumericHosts.netAddr2ip("127.1")).isTrue();
        assertThat(NumericHosts.netAddr2ip("fe80::1%1")).isTrue();
        assertThat(NumericHosts.netAddr2ip("fe80::1%")).isFalse();
        assertThat(NumericHosts.netAddr2ip("fe80::1%4294967296")).isFalse();
        assertThat(NumericHosts.netAddr2ip("::g")).isFalse();
    }
}
