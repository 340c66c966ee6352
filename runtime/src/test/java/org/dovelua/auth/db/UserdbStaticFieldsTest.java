package org.dovelua.auth.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dovelua.api.Dovelua;
import org.dovelua.api.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 2.4's {@code userdb static { fields { } }}: every field is a setting of its own, so a value's
 * template may hold spaces (differential case 333, recorded on real 2.4.1).
 */
class UserdbStaticFieldsTest {
    @TempDir
    Path dir;

    @Test
    void aFieldTemplateWithSpacesIsOneValue() throws Exception {
        Files.writeString(dir.resolve("auth.lua"), "function auth_passdb_lookup(req)\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, {password='secret'}\nend\n");
        Path conf = Files.writeString(dir.resolve("dovecot.conf"), "dovecot_config_version = 2.4.1\n"
                + "dovecot_storage_version = 2.4.1\npassdb lua {\n  lua_file = " + dir + "/auth.lua\n}\n"
                + "userdb static {\n  fields {\n    uid = 1000\n    gid = 1000\n"
                + "    home = /srv/mail/%{user | domain}/%{user | username}\n"
                + "    quota_rule = *:storage=%{user | username | upper}\n  }\n}\n");
        try (Dovelua d = Dovelua.builder().config(conf).mount(dir.toString(), dir).build()) {
            Result r = d.userLookup("alice@example.org");
            assertThat(r.result()).isEqualTo("found");
            assertThat(r.stdout()).isEqualTo("field\tvalue\nuid\t1000\ngid\t1000\nhome\t/srv/mail/example.org/alice\n"
                    + "mail_path\t\nquota_rule\t*:storage=ALICE\n");
        }
    }
}
