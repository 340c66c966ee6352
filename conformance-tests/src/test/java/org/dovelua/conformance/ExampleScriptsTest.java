package org.dovelua.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dovelua.cli.Main;
import org.junit.jupiter.api.Test;

/** The project's own examples in scripts/, run as the README runs them. */
class ExampleScriptsTest {
    private static final Path EXAMPLE = Path.of("..", "scripts", "passwd-file").toAbsolutePath().normalize();

    private static Main.Result run(String... command) {
        String[] args = new String[4 + command.length];
        args[0] = "-c";
        args[1] = EXAMPLE.resolve("dovecot.conf").toString();
        args[2] = "--mount";
        args[3] = "/etc/dovecot=" + EXAMPLE;
        System.arraycopy(command, 0, args, 4, command.length);
        return Main.capture(args);
    }

    @Test
    void readmeCommandSucceeds() {
        Main.Result r = run("auth", "test", "-x", "service=imap", "-x", "rip=10.0.0.1", "alice", "wonderland");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("passdb: alice auth succeeded\nextra fields:\n  user=alice\n");
        assertThat(r.stderr()).isEqualTo("auth-worker: Info: lua(alice,10.0.0.1): db-lua: found alice\n");
    }

    @Test
    void wrongPasswordAndUnknownUser() {
        assertThat(run("auth", "test", "alice", "nope").exitCode()).isEqualTo(77);
        Main.Result unknown = run("auth", "test", "carol", "x");
        assertThat(unknown.exitCode()).isEqualTo(77);
        assertThat(unknown.stdout()).isEqualTo("passdb: carol auth failed\nextra fields:\n  user=carol\n");
    }

    @Test
    void userTableAndListing() {
        Main.Result r = run("user", "bob");
        assertThat(r.stdout()).isEqualTo("field\tvalue\nuid\t1001\ngid\t1001\nhome\t/home/bob\nmail\t\n");
        assertThat(run("user", "*").stdout()).isEqualTo("alice\nbob\n");
        Main.Result missing = run("user", "carol");
        assertThat(missing.exitCode()).isEqualTo(67);
        assertThat(missing.stdout()).isEqualTo("field\tvalue\n\nuserdb lookup: user carol doesn't exist\n");
    }

    @Test
    void badConfigIsALocatedError() throws Exception {
        Path bad = java.nio.file.Files.createTempFile("dovecot", ".conf");
        java.nio.file.Files.writeString(bad, "passdb {\n  driver = ldap\n  args = x\n}\nuserdb {\n driver = static\n}\n");
        Main.Result r = Main.capture("-c", bad.toString(), "auth", "test", "a", "b");
        assertThat(r.exitCode()).isEqualTo(78);
        assertThat(r.stderr()).contains(bad + ":1: Unknown passdb driver 'ldap'");
    }

    @Test
    void usageErrors() {
        assertThat(Main.capture("auth", "test", "a", "b").exitCode()).isEqualTo(64);
        assertThat(Main.capture("--script", "x.lua", "--dovecot-version", "9.9", "auth", "test", "a", "b")
                .stderr()).contains("Unsupported Dovecot version '9.9'");
    }

    @Test
    void benchReportsThroughput() {
        Main.Result r = run("--log-level", "error", "bench", "-n", "50", "--warmup", "5", "alice", "wonderland");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).containsPattern("^50 requests in [0-9.]+ s: [0-9]+ requests/s\n")
                .containsPattern("latency: p50 [0-9.]+ us");
        assertThat(run("bench", "-n", "0", "alice", "x").exitCode()).isEqualTo(64);
    }
}
