package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dovelua auth cache flush} (doveadm-auth.c cmd_auth_cache_flush) and command lines sharing one auth process. */
class AuthCacheCommandTest {
    @TempDir
    Path dir;

    private String[] args(Path conf, String... command) {
        String[] all = new String[command.length + 4];
        all[0] = "-c";
        all[1] = conf.toString();
        all[2] = "--mount";
        all[3] = dir + "=" + dir;
        System.arraycopy(command, 0, all, 4, command.length);
        return all;
    }

    private Path conf() throws Exception {
        Files.writeString(dir.resolve("auth.lua"), "calls = 0\nfunction auth_passdb_lookup(req)\n  calls = calls + 1\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, {password=\"pw\", calls=tostring(calls)}\nend\n"
                + "function auth_userdb_lookup(req)\n  return dovecot.auth.USERDB_RESULT_OK, \"uid=1 gid=1\"\nend\n");
        return Files.writeString(dir.resolve("dovecot.conf"), "auth_cache_size = 1M\n"
                + "passdb {\n  driver = lua\n  args = file=" + dir + "/auth.lua\n}\n"
                + "userdb {\n  driver = lua\n  args = file=" + dir + "/auth.lua\n}\n");
    }

    @Test
    void aSessionKeepsTheCacheAcrossCommandLinesAndFlushEmptiesIt() throws Exception {
        Path conf = conf();
        try (Main.Session s = new Main.Session()) {
            assertThat(Main.capture(s, args(conf, "auth", "test", "alice", "pw")).stdout()).contains("calls=1");
            assertThat(Main.capture(s, args(conf, "auth", "test", "alice", "pw")).stdout()).contains("calls=1");
            Main.Result flush = Main.capture(s, args(conf, "auth", "cache", "flush", "alice"));
            assertThat(flush.exitCode()).isZero();
            assertThat(flush.stdout()).isEqualTo("1 cache entries flushed\n");
            assertThat(Main.capture(s, args(conf, "auth", "test", "alice", "pw")).stdout()).contains("calls=2");
        }
        // without a session each command line is an auth process of its own
        assertThat(Main.capture(args(conf, "auth", "test", "alice", "pw")).stdout()).contains("calls=1");
        assertThat(Main.capture(args(conf, "auth", "cache", "flush")).stdout()).isEqualTo("0 cache entries flushed\n");
    }
}
