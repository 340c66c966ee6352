package org.dovelua.auth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigIncludeTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void relativeIncludeAndSortedGlob() throws Exception {
    write("conf.d/20-lua.conf", "passdb {\n driver = lua\n args = file=/a.lua\n}\n");
    write("conf.d/10-auth.conf", "auth_mechanisms = plain\n!include auth-static.conf.ext\n");
    write("conf.d/auth-static.conf.ext", "passdb {\n driver = static\n}\n");
    write("conf.d/.hidden.conf", "hidden = yes\n");
    write("conf.d/99-notes.txt", "not a config\n");
    write("local.conf", "auth_verbose = yes\n");
    Path conf = write("dovecot.conf",
        "protocols = imap\n!include conf.d/*.conf\n!include_try local.conf\n"
            + "!include_try /no/such/file.conf\n!include_try conf.d/*.missing\n");

    DovecotConfig config = ConfigParser.parse(conf);

    assertThat(config.settings()).containsExactly(entry("protocols", "imap"),
        entry("auth_mechanisms", "plain"), entry("auth_verbose", "yes"));
    assertThat(config.passdbs()).extracting(DbConfig::driver).containsExactly("static", "lua");
    assertThat(config.passdbs()).extracting(DbConfig::location).containsExactly(
        dir.resolve("conf.d/auth-static.conf.ext") + ":1",
        dir.resolve("conf.d/20-lua.conf") + ":1");
    assertThat(config.sourceFile()).isEqualTo(conf);
  }

  @Test
  void includeInsideASectionContinuesIt() throws Exception {
    write("inner.conf", " driver = lua\n}\n");
    Path conf = write("dovecot.conf", "passdb {\n!include inner.conf\n");
    assertThat(ConfigParser.parse(conf).passdbs()).extracting(DbConfig::driver)
        .containsExactly("lua");
  }

  @Test
  void textIncludesAreRelativeToThePseudoFile() throws Exception {
    write("x.conf", "a = 1\n");
    DovecotConfig config = ConfigParser.parse("!include x.conf", dir.resolve("dovecot.conf"));
    assertThat(config.setting("a")).isEqualTo("1");
  }

  @Test
  void globWithoutMatches() throws Exception {
    Path conf = write("dovecot.conf", "\n!include conf.d/*.conf\n");
    assertThatThrownBy(() -> ConfigParser.parse(conf))
        .isInstanceOf(ConfigException.class)
        .hasMessage(conf + ":2: No matches (!include " + dir.resolve("conf.d/*.conf")
            + " matches no file; use !include_try for files that may be absent)");
  }

  @Test
  void missingRelativeIncludeNamesTheResolvedPath() throws Exception {
    Path conf = write("dovecot.conf", "!include missing.conf\n");
    assertThatThrownBy(() -> ConfigParser.parse(conf))
        .isInstanceOf(ConfigException.class)
        .hasMessage(conf + ":1: No matches (!include " + dir.resolve("missing.conf")
            + ": no such file; use !include_try for files that may be absent)");
  }

  @Test
  void errorsInsideAnIncludedFileNameThatFile() throws Exception {
    Path inc = write("inc.conf", "ok = 1\nbroken\n");
    Path conf = write("dovecot.conf", "!include inc.conf\n");
    assertThatThrownBy(() -> ConfigParser.parse(conf))
        .isInstanceOf(ConfigException.class)
        .hasMessage(inc + ":2: Expecting '{' (a setting is written \"key = value\", a section"
            + " \"name {\")");
  }

  @Test
  void includingADirectoryFails() throws Exception {
    Files.createDirectories(dir.resolve("d"));
    Path conf = write("dovecot.conf", "!include d\n!include_try d\n");
    assertThatThrownBy(() -> ConfigParser.parse(conf))
        .isInstanceOf(ConfigException.class)
        .hasMessage(conf + ":1: !include " + dir.resolve("d")
            + ": Is a directory (make the file readable)");
    Path tryOnly = write("try.conf", "!include_try d\n");
    assertThat(ConfigParser.parse(tryOnly).settings()).isEmpty();
  }

  @Test
  void fileIncludingItself() throws Exception {
    Path conf = write("dovecot.conf", "a = 1\n!include_try dovecot.conf\n");
    assertThatThrownBy(() -> ConfigParser.parse(conf))
        .isInstanceOf(ConfigException.class)
        .hasMessage(conf + ":2: Recursive include file: " + conf
            + " (a file must not include itself, directly or through other files)");
  }

  @Test
  void includeChainOfTwentyIsFineButTwentyOneIsTooDeep() throws Exception {
    for (int i = 1; i <= 21; i++) {
      write("f" + i + ".conf", i < 21 ? "!include f" + (i + 1) + ".conf\n" : "deep = yes\n");
    }
    // dovecot.conf -> f2 ... f21: 20 levels
    Path ok = write("ok.conf", "!include f2.conf\n");
    assertThat(ConfigParser.parse(ok).setting("deep")).isEqualTo("yes");

    Path conf = write("dovecot.conf", "!include f1.conf\n");
    assertThatThrownBy(() -> ConfigParser.parse(conf))
        .isInstanceOf(ConfigException.class)
        .hasMessage(dir.resolve("f20.conf") + ":1: !include " + dir.resolve("f21.conf")
            + ": includes nested deeper than 20 levels (flatten the chain of included files)");
  }

  @Test
  void valueFromFileRelativeToTheIncludedFile() throws Exception {
    write("sub/secret", "topsecret\n");
    write("sub/inc.conf", "pw = <secret\n");
    Path conf = write("dovecot.conf", "!include sub/inc.conf\n");
    assertThat(ConfigParser.parse(conf).setting("pw")).isEqualTo("topsecret");
  }
}
