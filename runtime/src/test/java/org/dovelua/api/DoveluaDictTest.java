package org.dovelua.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code DoveluaBuilder.dict(uri, data)}: a dict passdb's Redis answered from a seed file, as {@code --dict}. */
class DoveluaDictTest {
    @TempDir
    Path dir;

    @Test
    void theSeedAnswersTheDictPassdbAndItsAbsenceIsAnOutage() throws Exception {
        Files.writeString(dir.resolve("dict.conf.ext"), "uri = redis:host=127.0.0.1:port=6379:prefix=mail/\n"
                + "default_pass_scheme = PLAIN\npassword_key = passdb/%u\n");
        Path conf = Files.writeString(dir.resolve("dovecot.conf"), "passdb {\n  driver = dict\n"
                + "  args = /etc/dovecot/dict.conf.ext\n}\nuserdb {\n  driver = static\n  args = uid=1 gid=1 allow_all_users=yes\n}\n");
        Path seed = Files.writeString(dir.resolve("seed.yaml"), "mail/passdb/alice: '{\"password\":\"secret\",\"plan\":\"gold\"}'\n");
        try (Dovelua d = Dovelua.builder().config(conf).mount("/etc/dovecot", dir)
                .dict("redis:host=127.0.0.1:port=6379", seed).build()) {
            Result ok = d.authTest("alice", "secret");
            assertThat(ok.result()).isEqualTo("ok");
            assertThat(ok.field("plan")).isEqualTo("gold");
            assertThat(d.authTest("bob", "x").result()).isEqualTo("user_unknown");
        }
        try (Dovelua d = Dovelua.builder().config(conf).mount("/etc/dovecot", dir).build()) {
            Result down = d.authTest("alice", "secret");
            assertThat(down.result()).isEqualTo("internal_failure");
            assertThat(down.logs()).anyMatch(l -> l.endsWith("redis: Communication failure (last reply: )"));
            assertThat(down.stderr()).contains("dovelua: hint: no redis server for 127.0.0.1:6379");
        }
        assertThatThrownBy(() -> Dovelua.builder().dict("redis:host=127.0.0.1:port=6379", dir.resolve("nope.yaml")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the data file");
    }

    /** passdb-dict.c's default_cache_key: with auth_cache_size a repeated request is a cache hit. */
    @Test
    void theDictPassdbIsCachedUnderItsKey() throws Exception {
        Files.writeString(dir.resolve("dict.conf.ext"), "uri = redis:host=127.0.0.1:port=6379:prefix=mail/\n"
                + "default_pass_scheme = PLAIN\npassword_key = passdb/%u\n");
        Path conf = Files.writeString(dir.resolve("dovecot.conf"), "auth_cache_size = 1M\nauth_debug = yes\n"
                + "passdb {\n  driver = dict\n  args = /etc/dovecot/dict.conf.ext\n}\n"
                + "userdb {\n  driver = static\n  args = uid=1 gid=1 allow_all_users=yes\n}\n");
        Path seed = Files.writeString(dir.resolve("seed.yaml"), "mail/passdb/alice: '{\"password\":\"secret\"}'\n");
        try (Dovelua d = Dovelua.builder().config(conf).mount("/etc/dovecot", dir)
                .dict("redis:host=127.0.0.1:port=6379", seed).build()) {
            assertThat(d.authTest("alice", "secret").logs()).contains("auth: Debug: dict(alice): cache miss");
            Result hit = d.authTest("alice", "secret");
            assertThat(hit.result()).isEqualTo("ok");
            assertThat(hit.logs()).contains("auth: Debug: dict(alice): cache hit: <hidden>"); // no extra fields: no tab
            assertThat(hit.logs()).noneMatch(l -> l.startsWith("auth-worker"));
        }
    }
}
