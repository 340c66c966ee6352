package org.dovelua.auth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.api.Test;

/**
 * Settings later 2.4 releases add to, and drop from, the generated 2.4.1 list: oauth2_token_expire_grace
 * (upstream 2.4.2), refused by real 2.4.1's doveconf and accepted by 2.4.5's (cases 475/476), and
 * the Since.SETTING_NAMES_242..245 rows (cases 510-513).
 */
class KnownSettingsTest {
  private static final String CONF = "oauth2_token_expire_grace = 30s\noauth2 {\n  token_expire_grace = 2 mins\n}\n";
  private static final List<String> NAMES = List.of("acl_dict_index", "auth_master_socket_path", "dns_client_timeout",
      "imap4rev2_enable", "ssl_peer_certificate_fingerprint_hash", "sieve_extlists_list_name",
      "sieve_extlists_list_max_lookup_size", "http_client_dns_client_socket_path",
      "mailbox_list_normalize_names_to_nfc", "acl_global_path", "service_reuse_port", "inet_listener_reuse_port",
      "last_login_dict_fields", "sieve_notify_max_notifications", "sieve_notify_mailto_max_headers",
      "sieve_notify_mailto_max_recipients", "passdb_sql_update_query");

  private static void check(String version, String conf) throws ConfigException {
    KnownSettings.of(DovecotVersion.parse(version)).check(new ConfigLexer().lex(conf, Path.of("/etc/dovecot/dovecot.conf")));
  }

  /** The names of NAMES {@code version} knows, in order. */
  private static String known(String version) {
    KnownSettings k = KnownSettings.of(DovecotVersion.parse(version));
    return NAMES.stream().filter(k::knows).collect(Collectors.joining(" "));
  }

  @Test
  void oauth2TokenExpireGraceIsKnownFrom242() {
    assertThatThrownBy(() -> check("2.4.1", CONF)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("oauth2_token_expire_grace: Unknown setting: oauth2_token_expire_grace");
    assertThatCode(() -> check("2.4.2", CONF)).doesNotThrowAnyException();
    assertThatCode(() -> check("2.4.5", CONF)).doesNotThrowAnyException();
  }

  @Test
  void eachReleaseAddsAndDropsItsNames() {
    assertThat(known("2.4.1")).isEqualTo("http_client_dns_client_socket_path acl_global_path inet_listener_reuse_port"
        + " passdb_sql_update_query");
    assertThat(known("2.4.2")).isEqualTo("acl_dict_index auth_master_socket_path dns_client_timeout imap4rev2_enable"
        + " ssl_peer_certificate_fingerprint_hash sieve_extlists_list_name sieve_extlists_list_max_lookup_size"
        + " acl_global_path inet_listener_reuse_port passdb_sql_update_query");
    assertThat(known("2.4.3")).isEqualTo("acl_dict_index auth_master_socket_path dns_client_timeout imap4rev2_enable"
        + " ssl_peer_certificate_fingerprint_hash sieve_extlists_list_name sieve_extlists_list_max_lookup_size"
        + " mailbox_list_normalize_names_to_nfc inet_listener_reuse_port passdb_sql_update_query");
    assertThat(known("2.4.4")).isEqualTo("acl_dict_index auth_master_socket_path dns_client_timeout imap4rev2_enable"
        + " ssl_peer_certificate_fingerprint_hash sieve_extlists_list_name sieve_extlists_list_max_lookup_size"
        + " mailbox_list_normalize_names_to_nfc service_reuse_port passdb_sql_update_query");
    assertThat(known("2.4.5")).isEqualTo("acl_dict_index auth_master_socket_path dns_client_timeout imap4rev2_enable"
        + " ssl_peer_certificate_fingerprint_hash sieve_extlists_list_name sieve_extlists_list_max_lookup_size"
        + " mailbox_list_normalize_names_to_nfc service_reuse_port last_login_dict_fields"
        + " sieve_notify_max_notifications sieve_notify_mailto_max_headers sieve_notify_mailto_max_recipients");
  }

  /** Inside a filter the dropped and added names go through the type prefix: service { reuse_port }. */
  @Test
  void reusePortMovedFromTheListenerToTheService() {
    String listener = "service imap-login {\n  inet_listener imap {\n    reuse_port = yes\n  }\n}\n";
    String service = "service imap-login {\n  reuse_port = yes\n}\n";
    assertThatCode(() -> check("2.4.1", listener)).doesNotThrowAnyException();
    assertThatThrownBy(() -> check("2.4.5", listener)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("dovecot.conf:3: reuse_port: Unknown setting: reuse_port (inet_listener_reuse_port or"
            + " inet_listener_imap_reuse_port not found either.)");
    assertThatThrownBy(() -> check("2.4.1", service)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("dovecot.conf:2: reuse_port: Unknown setting: reuse_port (service_reuse_port or"
            + " service_imap-login_reuse_port not found either.)");
    assertThatCode(() -> check("2.4.5", service)).doesNotThrowAnyException();
  }
}
