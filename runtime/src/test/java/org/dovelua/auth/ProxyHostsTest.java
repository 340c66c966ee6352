package org.dovelua.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proxy host names looked up offline: the hosts file, else not at all (with one hint per name). */
class ProxyHostsTest {
    @TempDir
    Path dir;

    @Test
    void theHostsFileGivesANamesAddressesInFileOrder() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), """
                # comment localhost
                127.0.0.1\tlocalhost
                ::1 localhost ip6-localhost   # the IPv6 one
                192.0.2.10 Backend1.Example.COM backend1
                192.0.2.11 backend1
                not-an-ip backend1
                """);
        ProxyHosts p = new ProxyHosts(() -> false, h -> { }, hosts);
        assertThat(p.lookup("localhost").ips()).containsExactly("127.0.0.1", "::1");
        assertThat(p.lookup("backend1.example.com").ips()).containsExactly("192.0.2.10");
        assertThat(p.lookup("BACKEND1").ips()).containsExactly("192.0.2.10", "192.0.2.11");
        assertThat(p.lookup("backend1").error()).isNull();
    }

    @Test
    void offlineANameTheFileLacksIsNotLookedUpAndSaidOnce() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n");
        List<String> hints = new ArrayList<>();
        ProxyHosts p = new ProxyHosts(() -> false, hints::add, hosts);
        assertThat(p.lookup("imap.example.com")).isNull();
        assertThat(p.lookup("imap.example.com")).isNull();
        assertThat(hints).hasSize(1);
        assertThat(hints.get(0)).contains("imap.example.com", "hostip", "--allow-network");
    }

    @Test
    void authProxySelfTakesAddressesAndListedNames() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "10.1.2.3 me.example\n");
        List<String> hints = new ArrayList<>();
        ProxyHosts p = new ProxyHosts(() -> false, hints::add, hosts);
        assertThat(p.selfIps("  192.0.2.55 me.example unknown.example ").stream().map(AuthProxy::ipText))
                .containsExactly("192.0.2.55", "10.1.2.3");
        assertThat(hints).singleElement().asString().startsWith("auth_proxy_self: unknown.example was not looked up");
        assertThat(p.selfIps("")).isEmpty();
    }

    @Test
    void addressesAreWrittenAsInetNtopWritesThem() {
        assertThat(AuthProxy.ipText(AuthProxy.ipLiteral("0:0:0:0:0:0:0:1"))).isEqualTo("::1");
        assertThat(AuthProxy.ipText(AuthProxy.ipLiteral("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(AuthProxy.ipText(AuthProxy.ipLiteral("2001:db8:1:2:3:4:5:6"))).isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(AuthProxy.ipText(AuthProxy.ipLiteral("fe80:0:0:0:0:0:0:0"))).isEqualTo("fe80::");
        assertThat(AuthProxy.ipText(AuthProxy.ipLiteral("10.0.0.1"))).isEqualTo("10.0.0.1");
    }
}
