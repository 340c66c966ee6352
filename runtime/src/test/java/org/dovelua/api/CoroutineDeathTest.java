package org.dovelua.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ends the process ends it from inside a coroutine too: os.exit() in a coroutine the script
 * resumes under pcall kills the auth worker exactly as a plain os.exit() does (issue 17).
 */
class CoroutineDeathTest {
    @TempDir
    Path dir;

    private Result authTest(String body) throws Exception {
        Path script = Files.writeString(dir.resolve("auth.lua"), "function auth_passdb_lookup(req)\n" + body
                + "\n  return dovecot.auth.PASSDB_RESULT_OK, 'password=pw'\nend\n");
        try (Dovelua d = Dovelua.builder().script(script).authVerbose(true).build()) {
            return d.authTest("alice", "pw");
        }
    }

    @Test
    void osExitInACoroutineUnderPcallIsOsExit() throws Exception {
        Result plain = authTest("  os.exit(3)");
        Result wrapped = authTest("  pcall(coroutine.wrap(function() os.exit(3) end))");
        assertThat(plain.result()).isEqualTo("internal_failure");
        assertThat(wrapped.exitCode()).isEqualTo(plain.exitCode());
        assertThat(wrapped.stdout()).isEqualTo(plain.stdout());
        assertThat(wrapped.logs()).isEqualTo(plain.logs());
    }
}
