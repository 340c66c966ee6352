package org.dovelua.auth.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.api.Test;

/**
 * A setting a later 2.4 release adds to the generated 2.4.1 list: oauth2_token_expire_grace
 * (upstream 2.4.2), refused by real 2.4.1's doveconf and accepted by 2.4.5's (cases 475/476).
 */
class KnownSettingsTest {
  private static final String CONF = "oauth2_token_expire_grace = 30s\noauth2 {\n  token_expire_grace = 2 mins\n}\n";

  private static void check(String version) throws ConfigException {
    KnownSettings.of(DovecotVersion.parse(version)).check(new ConfigLexer().lex(CONF, Path.of("/etc/dovecot/dovecot.conf")));
  }

  @Test
  void oauth2TokenExpireGraceIsKnownFrom242() {
    assertThatThrownBy(() -> check("2.4.1")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("oauth2_token_expire_grace: Unknown setting: oauth2_token_expire_grace");
    assertThatCode(() -> check("2.4.2")).doesNotThrowAnyException();
    assertThatCode(() -> check("2.4.5")).doesNotThrowAnyException();
  }
}
