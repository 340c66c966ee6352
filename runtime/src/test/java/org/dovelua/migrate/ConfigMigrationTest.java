package org.dovelua.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dovelua.api.Dovelua;
import org.dovelua.api.Result;
import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 2.3 passdb/userdb blocks in 2.4's syntax, loaded and run by the 2.4.1 profile. */
class ConfigMigrationTest {
    private static final DovecotVersion V241 = DovecotVersion.parse("2.4.1");

    @TempDir
    Path dir;

    private Path conf(String text) throws Exception {
        Path c = dir.resolve("dovecot.conf");
        Files.writeString(c, text);
        return c;
    }

    @Test
    void aLuaPasssdbAndAStaticUserdbConvertAndRunUnder241() throws Exception {
        Path script = dir.resolve("auth.lua");
        Files.writeString(script, "function auth_passdb_lookup(req)\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, {password = '{PLAIN}pw'}\nend\n");
        ConfigMigration m = ConfigMigration.convert(conf("auth_verbose = yes\n"
                + "passdb {\n  driver = lua\n  args = file=" + script + " blocking=no\n}\n"
                + "userdb {\n  driver = static\n  args = uid=5000 gid=5000 home=/var/mail/%d/%n allow_all_users=yes\n}\n"),
                V241);
        assertThat(m.text()).contains("dovecot_config_version = 2.4.1\n", "auth_verbose = yes\n",
                "passdb lua {\n  lua_file = " + script + "\n  passdb_use_worker = no\n}\n",
                "userdb static {\n  userdb_static_allow_all_users = yes\n  fields {\n    uid = 5000\n    gid = 5000\n"
                        + "    home = /var/mail/%{user|domain}/%{user|username}\n  }\n}\n");
        assertThat(m.loadError()).isNull();
        assertThat(m.usable()).isTrue();
        // the converted file is what 2.4.1 starts from: a login and the static userdb's fields
        try (Dovelua d = Dovelua.builder().config(m.write()).version(V241).mount(script.toString(), script).build()) {
            Result ok = d.authTest("alice@example.com", "pw", Map.of("service", "imap"));
            assertThat(ok.result()).as(ok.stderr()).isEqualTo("ok");
            Result user = d.userLookup("alice@example.com", Map.of("service", "imap"));
            assertThat(user.field("home")).isEqualTo("/var/mail/example.com/alice");
        }
    }

    @Test
    void cacheKeyAndUnconvertibleDriversAreNotedNotGuessed() throws Exception {
        ConfigMigration m = ConfigMigration.convert(conf("passdb {\n  driver = lua\n"
                + "  args = file=/etc/dovecot/auth.lua cache_key=%u\n}\n"
                + "passdb {\n  driver = passwd-file\n  args = /etc/users\n}\n"), V241);
        assertThat(m.notes()).anyMatch(n -> n.contains("cache_key=%u has no 2.4 setting")
                        && n.contains("auth_passdb_get_cache_key()"))
                .anyMatch(n -> n.contains("not converted: passdb driver passwd-file"));
        assertThat(m.complete()).isFalse();
        assertThat(m.usable()).isFalse();
    }

    @Test
    void twoLuaPassdbsGetTwoNames() throws Exception {
        ConfigMigration m = ConfigMigration.convert(conf("passdb {\n  driver = lua\n  args = file=/a.lua\n}\n"
                + "passdb {\n  driver = lua\n  args = file=/b.lua\n}\n"), V241);
        assertThat(m.text()).contains("passdb lua {\n  lua_file = /a.lua\n}\n",
                "passdb lua2 {\n  driver = lua\n  lua_file = /b.lua\n}\n");
        assertThat(m.loadError()).isNull();
    }

    @Test
    void a24ConfigIsLeftAlone() throws Exception {
        ConfigMigration m = ConfigMigration.convert(conf("dovecot_config_version = 2.4.1\n"
                + "passdb lua {\n  lua_file = /a.lua\n}\n"), V241);
        assertThat(m.text()).isNull();
        assertThat(m.notes()).containsExactly("already 2.4 syntax: nothing to convert");
    }

    @Test
    void templatesTake24Names() {
        assertThat(ConfigMigration.template("%u %{user} %n@%d %s %{rip} 100%%", new java.util.ArrayList<>(), "x"))
                .isEqualTo("%{user} %{user} %{user|username}@%{user|domain} %{protocol} %{remote_ip} 100%%");
        List<String> notes = new java.util.ArrayList<>();
        assertThat(ConfigMigration.template("%Lu", notes, "home")).isNull();
        assertThat(notes).singleElement().asString().contains("%L");
    }
}
