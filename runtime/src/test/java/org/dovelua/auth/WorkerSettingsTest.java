package org.dovelua.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dovelua.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What 2.4's debug lines name from the config: {@code auth_failure_delay} (auth-request-handler.c
 * auth_request_want_failure_delay) and {@code service auth-worker { process_limit }} (the worker's
 * PROCESS-LIMIT handshake); case 339 records the defaults on real 2.4.1.
 */
class WorkerSettingsTest {
    @TempDir
    Path dir;

    private Main.Result authTest(String settings, String password) throws Exception {
        Files.writeString(dir.resolve("auth.lua"), "function auth_passdb_lookup(req)\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, {password = 'pw'}\nend\n"
                + "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, {uid = '1'} end\n");
        Path conf = Files.writeString(dir.resolve("dovecot.conf"), "dovecot_config_version = 2.4.1\n"
                + "dovecot_storage_version = 2.4.1\nauth_debug = yes\n" + settings
                + "passdb lua {\n  lua_file = /etc/dovecot/auth.lua\n}\n"
                + "userdb lua {\n  lua_file = /etc/dovecot/auth.lua\n}\n");
        return Main.capture("-c", conf.toString(), "--mount", "/etc/dovecot=" + dir, "auth", "test", "alice", password);
    }

    @Test
    void theDefaultsAreTwoSecondsAndThirtyWorkers() throws Exception {
        Main.Result r = authTest("", "wrong");
        assertThat(r.exitCode()).isEqualTo(77);
        assertThat(r.stderr()).contains("Debug: delaying auth failure", "Worker sent process limit '30'");
    }

    @Test
    void aZeroDelayAndAnotherLimitAreNamed() throws Exception {
        Main.Result r = authTest("auth_failure_delay = 0\nservice auth-worker {\n  process_limit = 5\n}\n", "wrong");
        assertThat(r.stderr()).contains("Debug: immediate auth failure due to auth_failure_delay=0",
                "Worker sent process limit '5'").doesNotContain("delaying auth failure");
    }

    @Test
    void aProcessLimitThatIsNoNumberIsRefusedWithItsPlace() throws Exception {
        Main.Result r = authTest("service auth-worker {\n  process_limit = many\n}\n", "pw");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains(dir.resolve("dovecot.conf") + ":5: service auth-worker { process_limit }:"
                + " Invalid number: many (a number of processes such as 30)");
    }

    @Test
    void aDelayThatIsNoTimeIsRefusedWithTheFile() throws Exception {
        Main.Result r = authTest("auth_failure_delay = soon\n", "pw");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains(dir.resolve("dovecot.conf") + ": auth_failure_delay: ");
    }
}
