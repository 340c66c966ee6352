package org.dovelua.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dovelua.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API answers as the CLI does, request by request, on one running auth process. */
class DoveluaTest {
    private static final String SCRIPT = String.join("\n",
            "local calls = 0",
            "function auth_passdb_lookup(req)",
            "  calls = calls + 1",
            "  req:log_info('call ' .. calls .. ' rip=' .. tostring(req.remote_ip))",
            "  if req.user == 'alice' then return dovecot.auth.PASSDB_RESULT_OK, 'password=secret quota=1G' end",
            "  if req.user == 'dis' then return dovecot.auth.PASSDB_RESULT_USER_DISABLED, 'disabled' end",
            "  if req.user == 'exp' then return dovecot.auth.PASSDB_RESULT_PASS_EXPIRED, 'expired' end",
            "  if req.user == 'boom' then error('backend down') end",
            "  return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, 'no such user'",
            "end",
            "function auth_userdb_lookup(req)",
            "  if req.user == 'alice' then return dovecot.auth.USERDB_RESULT_OK, 'uid=1000 gid=1000 home=/home/alice' end",
            "  if req.user == 'boom' then return dovecot.auth.USERDB_RESULT_INTERNAL_FAILURE, 'down' end",
            "  return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, 'no such user'",
            "end",
            "function auth_userdb_iterate() return {'alice', 'bob'} end",
            "");

    @TempDir
    Path dir;

    private Path script(String body) throws Exception {
        Path p = dir.resolve("auth.lua");
        Files.writeString(p, body);
        return p;
    }

    private Dovelua dovelua() throws Exception {
        return Dovelua.builder().script(script(SCRIPT)).authVerbose(true).build();
    }

    @Test
    void authTestMatchesTheCliByteForByte() throws Exception {
        Path p = script(SCRIPT);
        try (Dovelua d = Dovelua.builder().script(p).authVerbose(true).build()) {
            for (String[] up : new String[][] {{"alice", "secret"}, {"alice", "wrong"}, {"carol", "x"}, {"dis", "x"},
                    {"exp", "x"}, {"boom", "x"}}) {
                Result r = d.authTest(up[0], up[1], Map.of("rip", "10.0.0.1"));
                Main.Result cli = Main.capture("--script", p.toString(), "--log-level", "info", "auth", "test", "-x", "rip=10.0.0.1", up[0], up[1]);
                assertThat(r.exitCode()).as(up[0]).isEqualTo(cli.exitCode());
                assertThat(r.stdout()).as(up[0]).isEqualTo(cli.stdout());
                assertThat(r.logs()).as(up[0]).isNotEmpty();
                // the CLI starts a new auth process per command, so only the script's own counter differs
                assertThat(cli.stderr().replaceAll("call \\d+", "call N")).as(up[0])
                        .contains(r.logs().stream().map(l -> l.replaceAll("call \\d+", "call N")).toList());
            }
        }
    }

    @Test
    void authTestResultNamesAndFields() throws Exception {
        try (Dovelua d = dovelua()) {
            Result ok = d.authTest("alice", "secret");
            assertThat(ok.result()).isEqualTo("ok");
            assertThat(ok.exitCode()).isZero();
            assertThat(ok.fields()).containsExactly(Map.entry("user", "alice"), Map.entry("quota", "1G"));
            assertThat(ok.fieldLines()).containsExactly("user=alice", "quota=1G");
            assertThat(ok.field("quota")).isEqualTo("1G");
            assertThat(d.authTest("alice", "wrong").result()).isEqualTo("password_mismatch");
            assertThat(d.authTest("carol", "x").result()).isEqualTo("user_unknown");
            assertThat(d.authTest("dis", "x").result()).isEqualTo("user_disabled");
            assertThat(d.authTest("exp", "x").result()).isEqualTo("pass_expired");
            Result boom = d.authTest("boom", "x");
            assertThat(boom.result()).isEqualTo("internal_failure");
            assertThat(boom.exitCode()).isEqualTo(77);
            assertThat(boom.fields()).containsEntry("code", "temp_fail");
            assertThat(boom.logs()).anyMatch(l -> l.contains("backend down"));
        }
    }

    @Test
    void scriptStatePersistsButEachRequestIsFreshAndHasItsOwnLogs() throws Exception {
        try (Dovelua d = dovelua()) {
            Result first = d.authTest("alice", "secret", Map.of("rip", "10.0.0.1"));
            Result second = d.authTest("alice", "secret");
            assertThat(first.logs()).anyMatch(l -> l.endsWith("call 1 rip=10.0.0.1"));
            assertThat(second.logs()).anyMatch(l -> l.endsWith("call 2 rip=nil"))
                    .noneMatch(l -> l.contains("call 1"));
            assertThat(second.logged("call 2")).isTrue();
        }
    }

    @Test
    void lookupsAndIteration() throws Exception {
        try (Dovelua d = dovelua()) {
            Result found = d.authLookup("alice");
            assertThat(found.result()).isEqualTo("found");
            assertThat(found.stdout()).isEqualTo("passdb: alice\n  user      : alice\n  quota     : 1G\n");
            assertThat(d.authLookup("carol").result()).isEqualTo("not_found");
            assertThat(d.authLookup("carol").exitCode()).isEqualTo(67);
            Result user = d.userLookup("alice");
            assertThat(user.result()).isEqualTo("found");
            assertThat(user.fields()).containsExactly(Map.entry("uid", "1000"), Map.entry("gid", "1000"),
                    Map.entry("home", "/home/alice"));
            assertThat(user.stdout()).isEqualTo("field\tvalue\nuid\t1000\ngid\t1000\nhome\t/home/alice\nmail\t\n");
            assertThat(d.userLookup("carol").result()).isEqualTo("not_found");
            Result failed = d.userLookup("boom");
            assertThat(failed.result()).isEqualTo("failed");
            assertThat(failed.exitCode()).isEqualTo(75);
            Result list = d.iterate();
            assertThat(list.result()).isEqualTo("ok");
            assertThat(list.users()).containsExactly("alice", "bob");
            assertThat(list.stdout()).isEqualTo("alice\nbob\n");
        }
    }

    @Test
    void aScriptThatCannotLoadLeavesTheServiceDown() throws Exception {
        try (Dovelua d = Dovelua.builder().script(script("function auth_passdb_lookup(req)\n")).build()) {
            for (int i = 0; i < 2; i++) {
                Result r = d.authTest("alice", "x");
                assertThat(r.exitCode()).isEqualTo(75);
                assertThat(r.result()).isEqualTo("internal_failure");
                assertThat(r.stdout()).isEmpty();
                assertThat(r.logs()).anyMatch(l -> l.startsWith("auth: Fatal: passdb-lua: initialization failed"));
                assertThat(r.stderr()).endsWith("Fatal: Couldn't connect to auth socket\n");
            }
            assertThat(d.startupLogs()).isEmpty();
        }
    }

    @Test
    void aDeadAuthProcessIsRestartedForTheNextRequest() throws Exception {
        Path lua = script("function auth_passdb_lookup(req) if req.user == 'x' then os.exit(3) end\n"
                + " return 1, 'password=pw' end\nfunction auth_userdb_lookup(req) return 1, 'uid=1000' end\n");
        Path conf = dir.resolve("dovecot.conf");
        String args = "file=/etc/dovecot/auth.lua blocking=no";
        Files.writeString(conf, "passdb {\n driver = lua\n args = " + args + "\n}\nuserdb {\n driver = lua\n args = "
                + args + "\n}\n");
        try (Dovelua d = Dovelua.builder().config(conf).mount("/etc/dovecot", dir).build()) {
            Result died = d.authTest("x", "pw");
            assertThat(died.exitCode()).isEqualTo(75);
            assertThat(died.stdout()).isEqualTo("passdb: x auth failed\nextra fields:\n  temp\n");
            assertThat(died.fieldLines()).containsExactly("temp");
            assertThat(died.logs()).contains("auth: Error: Unexpected exit - converting to abort");
            assertThat(d.authTest("y", "pw").result()).isEqualTo("ok");
        }
        assertThat(lua).exists();
    }

    @Test
    void aConfigErrorIsTheCliConfigExit() throws Exception {
        Path conf = dir.resolve("dovecot.conf");
        Files.writeString(conf, "passdb {\n  driver = ldap\n}\n");
        try (Dovelua d = Dovelua.builder().config(conf).build()) {
            Result r = d.authLookup("alice");
            assertThat(r.exitCode()).isEqualTo(78);
            assertThat(r.stderr()).contains(conf + ":1: Unknown passdb driver 'ldap'");
        }
    }

    @Test
    void versionEnvAndDebugReachTheScript() throws Exception {
        Path p = script("function auth_passdb_lookup(req) return 1, 'password=x v=' .. tostring(os.getenv('TIER')) end\n"
                + "function auth_userdb_lookup(req) return 1, 'uid=1' end\n");
        try (Dovelua d = Dovelua.builder().script(p).version("2.3.21").env("TIER", "gold").authDebug(true).build()) {
            Result r = d.authTest("alice", "x");
            assertThat(r.field("v")).isEqualTo("gold");
            assertThat(r.logs()).anyMatch(l -> l.contains(": Debug: "));
            assertThat(d.startupLogs()).anyMatch(l -> l.contains("Module loaded"));
        }
    }

    @Test
    void badBuilderAndInfoAreRejected() throws Exception {
        assertThatThrownBy(() -> Dovelua.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> Dovelua.builder().version("banana")).isInstanceOf(IllegalArgumentException.class);
        try (Dovelua d = dovelua()) {
            assertThatThrownBy(() -> d.authTest("a", "b", Map.of("rip", "not-an-ip")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("-x rip=not-an-ip: ");
        }
    }
}
