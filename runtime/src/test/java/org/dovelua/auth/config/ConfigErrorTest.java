package org.dovelua.auth.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error ConfigParser reports for text alone, with its full located message. */
class ConfigErrorTest {
  private static final Path CONF = Path.of("dovecot.conf");

  private static void assertError(String text, String message) {
    assertThatThrownBy(() -> ConfigParser.parse(text, CONF))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void keyWithoutEquals() {
    assertError("a = 1\n\n\n\n\n\nauth_verbose yes\n",
        "dovecot.conf:7: Expecting '{' (a setting is written \"key = value\", a section"
            + " \"name {\")");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "lonely_key", "a b c {", "passdb{", "{", "} x", "passdb lua", "a b"})
  void linesThatAreNeitherSettingNorSection(String line) {
    assertError(line, "dovecot.conf:1: Expecting '{' (a setting is written \"key = value\","
        + " a section \"name {\")");
  }

  @Test
  void garbageAfterBrace() {
    assertError("passdb { driver = lua\n}",
        "dovecot.conf:1: Garbage after '{' (nothing but a comment may follow '{' on its line)");
  }

  @Test
  void unmatchedClosingBrace() {
    assertError("passdb {\n driver = lua\n}\n}\n",
        "dovecot.conf:4: Unexpected '}' (no section is open here; remove the extra '}')");
  }

  @Test
  void missingClosingBraceNamesWhereTheSectionOpened() {
    assertError("a = 1\npassdb lua {\n  lua_file = /x.lua\n\n",
        "dovecot.conf: Missing '}' (section started at dovecot.conf:2) (section \"passdb lua\" is not"
            + " closed; add '}' on a line of its own)");
  }

  @Test
  void missingClosingBraceReportsTheInnermostOpenSection() {
    assertError("passdb {\n driver = lua\n lua_settings {\n  a = b\n}",
        "dovecot.conf: Missing '}' (section started at dovecot.conf:1) (section \"passdb\" is not"
            + " closed; add '}' on a line of its own)");
    assertError("service x {\n inet_listener imap {\n",
        "dovecot.conf: Missing '}' (section started at dovecot.conf:2) (section \"inet_listener imap\""
            + " is not closed; add '}' on a line of its own)");
  }

  @Test
  void valueFollowedByClosingBrace() {
    assertError("passdb {\n  driver = lua }\n",
        "dovecot.conf:2: Unexpected '}' after the value of driver (put '}' on a line of its"
            + " own; Dovecot would keep it as part of the value)");
    assertError("x = }",
        "dovecot.conf:1: Unexpected '}' after the value of x (put '}' on a line of its"
            + " own; Dovecot would keep it as part of the value)");
  }

  @Test
  void missingSettingName() {
    assertError("= value", "dovecot.conf:1: Missing key name ('=' at the beginning of line) (a setting is"
        + " written \"key = value\", a section \"name {\")");
  }

  @Test
  void dovecot23BlockWithoutDriver() {
    assertError("passdb {\n  args = file=/x.lua\n}\n",
        "dovecot.conf:1: passdb { } is missing driver (add \"driver = lua\" (or another driver)"
            + " inside the block)");
    assertError("passdb {\n driver = lua\n}\nuserdb {\n}\n",
        "dovecot.conf:4: userdb { } is missing driver (add \"driver = lua\" (or another driver)"
            + " inside the block)");
  }

  @Test
  void dovecot24UnnamedBlockWithoutDriver() {
    assertError("dovecot_config_version = 2.4.1\n\npassdb {\n}\n",
        "dovecot.conf:3: passdb { } is missing driver (add \"driver = lua\" (or another driver)"
            + " inside the block)");
  }

  @Test
  void includeWithoutPath() {
    assertError("!include", "dovecot.conf:1: No matches (!include is missing a file name: write \"!include"
        + " PATH\")");
  }

  @Test
  void missingIncludeFile() {
    assertError("a = 1\n!include /x/y\n", "dovecot.conf:2: No matches (!include /x/y: no such file;"
        + " use !include_try for files that may be absent)");
  }

  @Test
  void valueFromMissingFile() {
    assertError("ssl_key = </no/such/key.pem", "dovecot.conf:1: ssl_key: Can't open file"
        + " /no/such/key.pem: No such file or directory (the path after '<' names a file whose"
        + " content becomes the value)");
    assertError("ssl_key = <", "dovecot.conf:1: ssl_key: Missing file name after '<' (the path"
        + " after '<' names a file whose content becomes the value)");
  }

  @Test
  void missingTopFile() {
    assertThatThrownBy(() -> ConfigParser.parse(Path.of("/no/such/dovecot.conf")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("/no/such/dovecot.conf: open(/no/such/dovecot.conf) failed: No such file"
            + " or directory (check the path to dovecot.conf)");
  }

  @Test
  void exceptionExposesItsParts() {
    assertThatThrownBy(() -> ConfigParser.parse("\nx", CONF))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          org.assertj.core.api.Assertions.assertThat(e.file()).isEqualTo(CONF);
          org.assertj.core.api.Assertions.assertThat(e.line()).isEqualTo(2);
          org.assertj.core.api.Assertions.assertThat(e.problem()).isEqualTo("Expecting '{'");
        });
  }
}
