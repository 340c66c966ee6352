package org.dovelua.auth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigParserTest {
  private static final Path CONF = Path.of("dovecot.conf");

  private static DovecotConfig parse(String text) throws ConfigException {
    return ConfigParser.parse(text, CONF);
  }

  @Test
  void dovecot23WithLuaStaticAndMasterPassdbs() throws Exception {
    DovecotConfig config = parse("""
        # 2.3 style
        auth_mechanisms = plain login
        auth_master_user_separator = *
        auth_username_format = %Lu

        passdb {
          driver = lua
          args = file=/etc/dovecot/auth.lua blocking=yes
          result_failure = continue
          skip = authenticated
        }
        passdb {
          driver = static
          args = password=test
          default_fields = nopassword=y
        }
        passdb {
          driver = passwd-file
          args = /etc/dovecot/masters
          master = yes
          pass = yes
        }
        userdb {
          driver = lua
          args = file=/etc/dovecot/auth.lua
        }
        """);

    assertThat(config.syntax()).isEqualTo(ConfigSyntax.V2_3);
    assertThat(config.dovecotConfigVersion()).isNull();
    assertThat(config.settings()).containsExactly(entry("auth_mechanisms", "plain login"),
        entry("auth_master_user_separator", "*"), entry("auth_username_format", "%Lu"));
    assertThat(config.setting("auth_master_user_separator")).isEqualTo("*");
    assertThat(config.setting("nope")).isNull();

    assertThat(config.passdbs()).hasSize(3);
    DbConfig lua = config.passdbs().get(0);
    assertThat(lua.kind()).isEqualTo("passdb");
    assertThat(lua.name()).isEqualTo("lua");
    assertThat(lua.driver()).isEqualTo("lua");
    assertThat(lua.args()).isEqualTo("file=/etc/dovecot/auth.lua blocking=yes");
    assertThat(lua.settings()).containsExactly(entry("result_failure", "continue"),
        entry("skip", "authenticated"));
    assertThat(lua.location()).isEqualTo("dovecot.conf:6");

    DbConfig fallback = config.passdbs().get(1);
    assertThat(fallback.driver()).isEqualTo("static");
    assertThat(fallback.setting("default_fields")).isEqualTo("nopassword=y");

    DbConfig master = config.passdbs().get(2);
    assertThat(master.name()).isEqualTo("passwd-file");
    assertThat(master.settings()).containsExactly(entry("master", "yes"), entry("pass", "yes"));
    assertThat(master.line()).isEqualTo(17);

    assertThat(config.userdbs()).singleElement().satisfies(u -> {
      assertThat(u.kind()).isEqualTo("userdb");
      assertThat(u.args()).isEqualTo("file=/etc/dovecot/auth.lua");
      assertThat(u.settings()).isEmpty();
    });
  }

  @Test
  void dovecot23NamedSectionKeepsItsNameAndAbsentArgsAreEmpty() throws Exception {
    DovecotConfig config = parse("passdb first {\n driver = static\n}\n");
    assertThat(config.syntax()).isEqualTo(ConfigSyntax.V2_3);
    DbConfig db = config.passdbs().get(0);
    assertThat(db.name()).isEqualTo("first");
    assertThat(db.driver()).isEqualTo("static");
    assertThat(db.args()).isEmpty();
  }

  @Test
  void dovecot24LuaPassdbAndStaticUserdb() throws Exception {
    DovecotConfig config = parse("""
        dovecot_config_version = 2.4.1
        dovecot_storage_version = 2.4.1

        passdb lua {
          lua_file = /etc/dovecot/auth.lua
          lua_settings {
            password = {PLAIN}test
          }
        }
        userdb static {
          fields {
            uid = 1000
          }
        }
        """);

    assertThat(config.syntax()).isEqualTo(ConfigSyntax.V2_4);
    assertThat(config.dovecotConfigVersion()).isEqualTo("2.4.1");
    DbConfig passdb = config.passdbs().get(0);
    assertThat(passdb.name()).isEqualTo("lua");
    assertThat(passdb.driver()).isEqualTo("lua");
    assertThat(passdb.args()).isEmpty();
    assertThat(passdb.settings()).containsExactly(entry("lua_file", "/etc/dovecot/auth.lua"));
    assertThat(passdb.luaSettings()).containsExactly(entry("password", "{PLAIN}test"));
    assertThat(passdb.location()).isEqualTo("dovecot.conf:4");
    DbConfig userdb = config.userdbs().get(0);
    assertThat(userdb.driver()).isEqualTo("static");
    assertThat(userdb.fields()).containsExactly(entry("uid", "1000"));
  }

  @Test
  void dovecot24DriverInsideOverridesTheName() throws Exception {
    DovecotConfig config = parse("dovecot_config_version = 2.4.0\npassdb foo {\n driver = lua\n"
        + " passdb_use_worker = no\n passdb_fields {\n  a = 1\n }\n}\n");
    DbConfig db = config.passdbs().get(0);
    assertThat(db.name()).isEqualTo("foo");
    assertThat(db.driver()).isEqualTo("lua");
    assertThat(db.settings()).containsExactly(entry("passdb_use_worker", "no"));
    assertThat(db.fields()).containsExactly(entry("a", "1"));
  }

  @Test
  void namedBlockWithoutDriverMeans24EvenWithoutVersion() throws Exception {
    DovecotConfig config = parse("userdb lua {\n lua_file = /x.lua\n}\n");
    assertThat(config.syntax()).isEqualTo(ConfigSyntax.V2_4);
    assertThat(config.dovecotConfigVersion()).isNull();
    assertThat(config.userdbs().get(0).driver()).isEqualTo("lua");
  }

  @Test
  void fieldBlocksMergeInFileOrder() throws Exception {
    DbConfig db = parse("userdb static {\n userdb_fields {\n  b = 1\n }\n fields {\n  a = 2\n }\n"
        + "}\n").userdbs().get(0);
    assertThat(db.fields()).containsExactly(entry("b", "1"), entry("a", "2"));
  }

  @Test
  void laterSettingsWinButKeepTheirFirstPosition() throws Exception {
    DovecotConfig config = parse("a = 1\nb = 2\na = 3\n");
    assertThat(config.settings()).containsExactly(entry("a", "3"), entry("b", "2"));
  }

  @Test
  void variablesExpandToWhatWasSetBefore() throws Exception {
    DovecotConfig config = parse("""
        mail_plugins = quota
        mail_plugins = $mail_plugins acl
        other = $mail_plugins
        unknown = $never_set x
        passdb {
          driver = lua
          args = file=/a.lua
          skip = $args
          auth_verbose = $mail_plugins
        }
        """);
    assertThat(config.setting("mail_plugins")).isEqualTo("quota acl");
    assertThat(config.setting("other")).isEqualTo("quota acl");
    assertThat(config.setting("unknown")).isEqualTo("$never_set x");
    assertThat(config.passdbs().get(0).settings()).containsExactly(
        entry("skip", "file=/a.lua"), entry("auth_verbose", "quota acl"));
  }

  @Test
  void theDictBlockKeepsItsNamesInFileOrderTheLastUriWinning() throws Exception {
    // doveconf -n on 2.3.19 shows a name given twice once, at its first place, with the last URI
    DovecotConfig config = parse("""
        dict {
          authdb = file:/a.dict
          quota = redis:host=127.0.0.1
          authdb = file:/etc/dovecot/users.dict
        }
        protocol imap {
          dict {
            inner = file:/x
          }
        }
        """);
    assertThat(config.dicts()).containsExactly(
        entry("authdb", "file:/etc/dovecot/users.dict"), entry("quota", "redis:host=127.0.0.1"));
    assertThat(config.settings()).isEmpty();
  }

  @Test
  void noDictBlockIsNotAnEmptyOne() throws Exception {
    // dict-connection.c: "No dictionaries configured" without the block, "Unconfigured dictionary name" with it
    assertThat(parse("a = 1\n").dicts()).isNull();
    assertThat(parse("dict {\n}\n").dicts()).isEmpty();
  }

  @Test
  void sectionsTheEmulationDoesNotNeedAreSkipped() throws Exception {
    DovecotConfig config = parse("""
        auth_verbose = no
        protocol imap {
          auth_verbose = yes
          mail_plugins = imap_quota
          passdb {
            driver = static
          }
        }
        local 10.0.0.0/8 {
          auth_verbose = yes
        }
        remote 192.168.0.1 {
          auth_username_format = %n
        }
        service imap-login {
          inet_listener imap {
            port = 143
          }
        }
        namespace inbox {
          inbox = yes
        }
        plugin {
          quota = maildir
        }
        unknown_thing name {
          x = y
        }
        passdb lua {
          whatever {
            nested = 1
          }
        }
        """);
    assertThat(config.settings()).containsExactly(entry("auth_verbose", "no"));
    assertThat(config.passdbs()).singleElement().satisfies(db -> {
      assertThat(db.name()).isEqualTo("lua");
      assertThat(db.settings()).isEmpty();
    });
  }

  @Test
  void unknownGlobalSettingsAreKept() throws Exception {
    assertThat(parse("no_such_setting = 42").setting("no_such_setting")).isEqualTo("42");
  }

  @Test
  void configCarriesLexerWarnings() throws Exception {
    assertThat(parse("a = b#c").warnings()).singleElement().asString()
        .startsWith("dovecot.conf:1: Ambiguous '#'");
  }

  @Test
  void resultIsImmutable() throws Exception {
    DovecotConfig config = parse("a = 1\npassdb {\n driver = lua\n}\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> config.settings().put("b", "2"))
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> config.passdbs().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> config.passdbs().get(0).settings().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
