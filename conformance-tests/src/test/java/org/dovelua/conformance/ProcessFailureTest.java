package org.dovelua.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dovelua.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What doveadm prints when the auth process never comes up or dies mid-request, as observed on
 * 2.3.19 (docs/real-dovecot-2.3.19.md §2.2 and §4).
 */
class ProcessFailureTest {
    @TempDir
    Path dir;

    private Path conf(String lua, boolean blocking) throws Exception {
        Files.writeString(dir.resolve("auth.lua"), lua);
        Path c = dir.resolve("dovecot.conf");
        String args = "file=" + dir.resolve("auth.lua") + " blocking=" + (blocking ? "yes" : "no");
        Files.writeString(c, "passdb {\n driver = lua\n args = " + args + "\n}\nuserdb {\n driver = lua\n args = "
                + args + "\n}\n");
        return c;
    }

    private Main.Result run(Path conf, String... cmd) {
        String[] args = new String[4 + cmd.length];
        args[0] = "-c";
        args[1] = conf.toString();
        args[2] = "--mount";
        args[3] = dir + "=" + dir;
        System.arraycopy(cmd, 0, args, 4, cmd.length);
        return Main.capture(args);
    }

    @Test
    void syntaxErrorMeansTheClientCannotConnect() throws Exception {
        Path c = conf("function auth_passdb_lookup(req)\n", true);
        Main.Result t = run(c, "auth", "test", "alice", "x");
        assertThat(t.exitCode()).isEqualTo(75);
        assertThat(t.stdout()).isEmpty();
        assertThat(t.stderr()).contains("auth: Fatal: passdb-lua: initialization failed: lua_load(" + dir.resolve("auth.lua"))
                .endsWith("Fatal: Couldn't connect to auth socket\n");
        Main.Result l = run(c, "auth", "lookup", "alice");
        assertThat(l.exitCode()).isEqualTo(75);
        assertThat(l.stderr()).endsWith("Error: auth-master: passdb lookup(alice): Disconnected unexpectedly\n"
                + "Error: passdb lookup failed for alice\n");
        Main.Result u = run(c, "user", "alice");
        assertThat(u.stdout()).isEqualTo("field\tvalue\n");
        assertThat(u.stderr()).endsWith("doveadm(alice): Error: auth-master: userdb lookup(alice): Disconnected unexpectedly\n");
        Main.Result list = run(c, "user", "*");
        assertThat(list.stderr()).endsWith("Error: auth-master: userdb list: Disconnected unexpectedly\n"
                + "Fatal: user listing failed\n");
    }

    @Test
    void osExitInTheAuthProcessDropsTheConnection() throws Exception {
        Path c = conf("function auth_passdb_lookup(req) os.exit(3) end\n"
                + "function auth_userdb_lookup(req) return 1, 'uid=1000' end\n", false);
        Main.Result t = run(c, "auth", "test", "alice", "x");
        assertThat(t.exitCode()).isEqualTo(75);
        assertThat(t.stdout()).isEqualTo("passdb: alice auth failed\nextra fields:\n  temp\n");
        assertThat(t.stderr()).contains("auth: Error: Unexpected exit - converting to abort",
                "auth: Fatal: master: service(auth): child ", "Fatal: Couldn't connect to auth socket");
    }

    @Test
    void osExitInAWorkerFailsOnlyThatRequest() throws Exception {
        Path c = conf("function auth_passdb_lookup(req) if req.user == 'x' then os.exit(3) end\n"
                + " return 1, 'password=pw' end\n", true);
        Main.Result t = run(c, "auth", "test", "x", "pw");
        assertThat(t.exitCode()).isEqualTo(77);
        assertThat(t.stdout()).isEqualTo("passdb: x auth failed\nextra fields:\n  user=x\n  code=temp_fail\n");
        assertThat(t.stderr()).contains("auth-worker: Error: Unexpected exit - converting to abort\n"
                + "auth: Error: auth-worker: Aborted PASSV request for x: Worker process died unexpectedly\n");
    }

    @Test
    void iterationFailuresPrintDoveadmsTwoLines() throws Exception {
        Path c = conf("function auth_userdb_iterate() error('iter boom') end\n", true);
        Main.Result r = run(c, "user", "*");
        assertThat(r.exitCode()).isEqualTo(75);
        assertThat(r.stderr()).contains("auth-worker: Error: lua(*): db-lua: auth_userdb_iterate failed: "
                + "lua_pcall(auth_userdb_iterate, 0, 1) failed: ")
                .endsWith("Error: auth-master: userdb list: User listing returned failure\nFatal: user listing failed\n");
    }
}
