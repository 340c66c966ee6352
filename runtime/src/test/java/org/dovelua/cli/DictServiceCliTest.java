package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dovecot.conf whose dict passdb says {@code uri = proxy::authdb}: Dovecot's dict service
 * answers with the {@code dict { }} block's dictionaries (differential cases 290-292).
 */
class DictServiceCliTest {
    @TempDir
    Path dir;

    private Path conf(String dictBlock) throws Exception {
        Files.writeString(dir.resolve("dict.conf.ext"), """
                uri = proxy::authdb
                default_pass_scheme = PLAIN
                key passdb {
                  key = passdb/%u
                  format = json
                }
                passdb_objects = passdb
                """);
        return Files.writeString(dir.resolve("dovecot.conf"), """
                passdb {
                  driver = dict
                  args = /etc/dovecot/dict.conf.ext
                }
                userdb {
                  driver = static
                  args = uid=1000 gid=1000 home=/home/%u
                }
                """ + dictBlock);
    }

    private Main.Result run(Path conf, String... more) throws Exception {
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of(
                "-c", conf.toString(), "--mount", "/etc/dovecot=" + dir));
        argv.addAll(java.util.List.of(more));
        return Main.capture(argv.toArray(String[]::new));
    }

    @Test
    void aFileDictOfTheBlock() throws Exception {
        Files.writeString(dir.resolve("users.dict"), "shared/passdb/alice\n{\"password\":\"secret\"}\n");
        Path conf = conf("dict {\n  authdb = file:/etc/dovecot/users.dict\n}\n");
        Main.Result ok = run(conf, "auth", "test", "alice", "secret");
        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        Main.Result unknown = run(conf, "auth", "test", "bob", "x");
        assertThat(unknown.exitCode()).isEqualTo(77);
        assertThat(unknown.stdout()).contains("passdb: bob auth failed").doesNotContain("temp_fail");
    }

    @Test
    void aRedisDictOfTheBlockWithItsFixture() throws Exception {
        Path seed = Files.writeString(dir.resolve("seed.yaml"), "passdb/alice: '{\"password\":\"secret\"}'\n");
        Path conf = conf("dict {\n  authdb = redis:host=127.0.0.1:port=6379\n}\n");
        Main.Result ok = run(conf, "--dict", "redis:host=127.0.0.1:port=6379=" + seed, "auth", "test", "alice", "secret");
        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
    }

    @Test
    void noBlockIsTheDictServicesRefusalWithAHint() throws Exception {
        Main.Result r = run(conf(""), "auth", "test", "alice", "secret");
        assertThat(r.exitCode()).isEqualTo(77);
        assertThat(r.stdout()).contains("code=temp_fail");
        assertThat(r.stderr()).containsPattern("dict: Error: conn unix:dict \\(pid=\\d+,uid=\\d+\\): No dictionaries configured")
                .contains("auth-worker: Error: dict(alice): Failed to lookup key shared/passdb/alice: Connection closed (reply took ")
                .contains("dovecot.conf has no dict { } block");
    }
}
