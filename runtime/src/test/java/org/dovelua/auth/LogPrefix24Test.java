package org.dovelua.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dovelua.api.Dovelua;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request log prefix of 2.3 and 2.4 (differential cases 200-215 pin it against real Dovecot). */
class LogPrefix24Test {
    @TempDir
    Path dir;

    private Dovelua start(String version) throws Exception {
        Path script = Files.writeString(dir.resolve("auth.lua"), String.join("\n",
                "function auth_passdb_lookup(req)",
                "  req:log_info('hello')",
                "  return dovecot.auth.PASSDB_RESULT_OK, {password = 'pw'}",
                "end",
                "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, {uid = '1'} end",
                ""));
        return Dovelua.builder().script(script).version(version).authVerbose(true).build();
    }

    @Test
    void twoThreePutsTheRequestInTheMessage() throws Exception {
        try (Dovelua d = start("2.3.19")) {
            assertThat(d.authTest("alice", "pw", java.util.Map.of("rip", "10.0.0.1")).logs())
                    .containsExactly("auth-worker: Info: lua(alice,10.0.0.1): db-lua: hello");
        }
    }

    @Test
    void twoFourPutsItBeforeTheLevelAndCountsTheWorkersRequests() throws Exception {
        try (Dovelua d = start("2.4.1")) {
            assertThat(d.authTest("alice", "pw", java.util.Map.of("rip", "10.0.0.1")).logs())
                    .containsExactly("auth-worker(alice,10.0.0.1): request [1]: Info: lua: db-lua: hello");
            assertThat(d.authTest("alice", "wrong").logs()).containsExactly(
                    "auth-worker(alice): request [2]: Info: lua: db-lua: hello",
                    "auth-worker(alice): request [2]: Info: lua: Password mismatch");
        }
    }
}
