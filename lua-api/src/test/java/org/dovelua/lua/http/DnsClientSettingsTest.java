package org.dovelua.lua.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where a dovecot.http host name is looked up (cases 404 and 406: real 2.4.5 and 2.4.1). */
class DnsClientSettingsTest {
    private static final String RUN = "/tmp/dv/run";
    private final DnsClientSettings v245 = new DnsClientSettings(RUN, Set.of("/tmp/there")::contains, true);
    private final DnsClientSettings v241 = new DnsClientSettings(RUN, Set.of("/tmp/there")::contains, false);

    @Test
    void theSocketPathFollowsEachReleasesRule() {
        // 2.4.2+ dns_client_settings_check: under base_dir unless "./", an absolute path too
        assertThat(v245.socketPath(Map.of())).isEqualTo(RUN + "/dns-client");
        assertThat(v245.socketPath(Map.of("dns_client_socket_path", "/nonexistent/dns"))).isEqualTo(RUN + "//nonexistent/dns");
        assertThat(v245.socketPath(Map.of("dns_client_socket_path", "./dns"))).isEqualTo("./dns");
        assertThat(v245.socketPath(Map.of("base_dir", "/b", "dns_client_socket_path", "s"))).isEqualTo("/b/s");
        assertThat(v245.socketPath(Map.of("base_dir", "/b/"))).isEqualTo("/b//dns-client");
        // 2.4.1 http_client_context_update_settings: '/' and './' as they are
        assertThat(v241.socketPath(Map.of("dns_client_socket_path", "/nonexistent/dns"))).isEqualTo("/nonexistent/dns");
        assertThat(v241.socketPath(Map.of("dns_client_socket_path", "rel"))).isEqualTo(RUN + "/rel");
    }

    @Test
    void aLookupFailsOnABadTimeoutOrAMissingSocket() {
        assertThat(v245.lookupError(Map.of())).isNull(); // Dovecot's own dns-client service
        assertThat(v245.lookupError(Map.of("dns_client_timeout", "soon"))).isEqualTo("dns_client settings: Failed to parse"
                + " configuration: Failed to override configuration from hardcoded: Invalid dns_client_timeout=soon:"
                + " Invalid time interval: soon");
        assertThat(v245.lookupError(Map.of("dns_client_timeout", "2s"))).isNull();
        assertThat(v245.lookupError(Map.of("base_dir", "/nonexistent")))
                .isEqualTo("Failed to connect to /nonexistent/dns-client: No such file or directory");
        assertThat(v245.lookupError(Map.of("base_dir", "/tmp", "dns_client_socket_path", "there"))).isNull();
        assertThat(v241.lookupError(Map.of("dns_client_socket_path", "/nonexistent/dns")))
                .isEqualTo("Failed to connect to /nonexistent/dns: No such file or directory");
    }
}
