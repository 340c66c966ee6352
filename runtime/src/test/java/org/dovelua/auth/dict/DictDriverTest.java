package org.dovelua.auth.dict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dovelua.api.Dovelua;
import org.dovelua.api.Result;
import org.dovelua.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dict passdb/userdb end to end, through the Java API and the CLI, with a dovecot.conf, a dict
 * config and a file: dict mounted at /etc/dovecot (what differential cases 241-253 show real
 * 2.3.19 doing, in the small).
 */
class DictDriverTest {
    @TempDir
    Path dir;

    private static final String CONF = String.join("\n", "passdb {", "  driver = dict",
            "  args = /etc/dovecot/dict-auth.conf.ext", "}", "userdb {", "  driver = dict",
            "  args = /etc/dovecot/dict-auth.conf.ext", "}", "");

    private Dovelua setup(String dictConf, String users) throws Exception {
        Files.writeString(dir.resolve("dict-auth.conf.ext"), dictConf);
        Files.writeString(dir.resolve("users.dict"), users);
        return Dovelua.builder().config(Files.writeString(dir.resolve("dovecot.conf"), CONF)).mount("/etc/dovecot", dir)
                .version("2.3.19").authVerbose(true).build();
    }

    private static final String DICT_CONF = String.join("\n", "uri = file:/etc/dovecot/users.dict",
            "iterate_prefix = userdb/", "key passdb {", "  key = passdb/%u", "  format = json", "}", "key userdb {",
            "  key = userdb/%u", "  format = json", "}", "key b {", "  key = b/%u", "  default_value = 192.0.2.254", "}",
            "key a {", "  key = a/%u", "  default_value =", "}", "key unused {", "  key = unused/%u", "}",
            "passdb_objects = passdb", "userdb_objects = userdb",
            "passdb_fields {", "  host = %{dict:b}", "  order = %{dict:a}-%{dict:b}", "}",
            "userdb_fields {", "  quota_rule = *:storage=%{dict:b}", "}", "");

    private static final String USERS = String.join("\n", "shared/passdb/alice",
            "{\"password\":\"{PLAIN}secret\",\"host\":\"192.0.2.3\",\"n\":1.5e3,\"z\":null}",
            "shared/userdb/alice", "{\"uid\":1000,\"gid\":1000,\"home\":\"/srv/alice\"}",
            "shared/userdb/bob", "{\"uid\":1001,\"gid\":1001}", "shared/userdb/alice/deeper", "{}",
            "shared/passdb/bare", "{\"password\":\"secret\"}", "");

    @Test
    void objectsFieldsAndDefaults() throws Exception {
        try (Dovelua d = setup(DICT_CONF, USERS)) {
            Result ok = d.authTest("alice", "secret");
            assertThat(ok.result()).isEqualTo("ok");
            // fields first, then the first object's members: the object's host wins (observed #14)
            assertThat(ok.fieldLines()).containsExactly("user=alice", "host=192.0.2.3", "order=-192.0.2.254", "n=1.5e3");
            assertThat(d.authTest("nobody", "x").logs()).containsExactly("auth-worker: Info: dict(nobody): unknown user");
            Result user = d.userLookup("alice");
            assertThat(user.field("home")).isEqualTo("/srv/alice");
            assertThat(user.field("quota_rule")).isEqualTo("*:storage=192.0.2.254");
            assertThat(d.iterate().users()).containsExactly("alice", "bob");
        }
    }

    @Test
    void aBareStoredPasswordIsAMismatchIn2319() throws Exception {
        try (Dovelua d = setup(DICT_CONF, USERS)) {
            Result r = d.authTest("bare", "secret");
            assertThat(r.result()).isEqualTo("password_mismatch");
            assertThat(r.logs()).containsExactly(
                    "auth-worker: Error: dict(bare): Invalid password in passdb: Not a valid MD5-CRYPT or PLAIN-MD5 password");
        }
    }

    @Test
    void aKeyFieldReferenceOutsideTheObjectsCrashesTheWorkerWithAHint() throws Exception {
        String conf = "uri = file:/etc/dovecot/users.dict\nkey passdb {\n  key = passdb/%u\n  format = json\n}\n"
                + "passdb_fields {\n  password = %{dict:passdb.password}\n}\n";
        try (Dovelua d = setup(conf, USERS)) {
            Result r = d.authTest("alice", "secret");
            assertThat(r.result()).isEqualTo("internal_failure");
            assertThat(r.logs()).contains("auth: Error: auth-worker: Aborted PASSV request for alice: Worker process died"
                    + " unexpectedly");
            assertThat(r.logs()).anyMatch(l -> l.contains("killed with signal 11"));
            assertThat(r.stderr()).contains("dovelua: hint: real Dovecot 2.3.19 crashes here")
                    .contains("list 'passdb' in passdb_objects/userdb_objects");
        }
    }

    @Test
    void aBadConfigIsFatalAtAuthStartWithFileAndLine() throws Exception {
        try (Dovelua d = setup("uri = file:/x\nkey a {\n  key {\n  }\n}\n", USERS)) {
            Result r = d.authTest("alice", "secret");
            assertThat(r.logs()).contains("auth: Fatal: dict /etc/dovecot/dict-auth.conf.ext: Error in configuration file"
                    + " /etc/dovecot/dict-auth.conf.ext line 3: Nested sections not supported"
                    + " (section changed in /etc/dovecot/dict-auth.conf.ext at line 2)");
        }
    }

    @Test
    void theCliListsUsersAndRefusesTheDriverOn24() throws Exception {
        Files.writeString(dir.resolve("dict-auth.conf.ext"), DICT_CONF);
        Files.writeString(dir.resolve("users.dict"), USERS);
        Path conf = Files.writeString(dir.resolve("dovecot.conf"), CONF);
        Main.Result list = Main.capture(new String[] {"-c", conf.toString(), "--mount", "/etc/dovecot=" + dir, "user", "*"});
        assertThat(list.exitCode()).isZero();
        assertThat(list.stdout()).isEqualTo("alice\nbob\n");
        Path conf24 = Files.writeString(dir.resolve("dovecot24.conf"), "dovecot_config_version = 2.4.1\n"
                + "dovecot_storage_version = 2.4.1\npassdb dict {\n}\nuserdb static {\n}\n");
        Main.Result r = Main.capture(new String[] {"-c", conf24.toString(), "auth", "test", "alice", "x"});
        assertThat(r.stderr()).contains("auth: Fatal: Unknown passdb driver 'dict'")
                .contains("dovelua: hint: the dict passdb driver was removed in Dovecot 2.4.0");
    }
}
