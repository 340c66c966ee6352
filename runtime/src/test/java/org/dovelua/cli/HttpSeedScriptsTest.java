package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.doveadm.Exits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-world HTTP scripts of ../shared/seed-scripts, unmodified, through the CLI against the
 * nauthilus and nextcloud stubs, with dovelua's built-in cjson and base64 (nothing mounted for
 * {@code require}). Skips when
 * ../shared is absent (a fresh clone).
 */
class HttpSeedScriptsTest {
    private static final Path SEEDS = Path.of("../../shared/seed-scripts").toAbsolutePath().normalize();
    private static Path res;

    @TempDir
    Path dir;

    @BeforeAll
    static void resources() throws URISyntaxException {
        res = Path.of(HttpSeedScriptsTest.class.getResource("/http/nauthilus.yaml").toURI()).getParent();
    }

    private static Path seed(String name) {
        Path p = SEEDS.resolve(name);
        assumeTrue(Files.isRegularFile(p), "seed script " + name + " not present");
        return p;
    }

    private Path yaml(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private Main.Result nauthilus(Path stub, String... command) {
        List<String> args = new ArrayList<>(List.of("--script", seed("nauthilus-dovecot.lua").toString(),
                "--mount", "/etc/dovecot/http-auth.secret=" + res.resolve("http-auth.secret"),
                "--stub", "https://login.example.com=nauthilus:" + stub, "--trace-http", "--log-level", "debug"));
        args.addAll(List.of(command));
        return Main.capture(args.toArray(new String[0]));
    }

    private Main.Result nauthilus(String... command) {
        return nauthilus(res.resolve("nauthilus.yaml"), command);
    }

    @Test
    void passdbOkMapsAttributesToUserdbFields() {
        Main.Result r = nauthilus("auth", "test", "-x", "service=imap", "-x", "rip=192.0.2.10", "testuser", "testpassword");
        assertThat(r.stdout()).contains("passdb: testuser auth succeeded")
                .contains("user=testaccount").doesNotContain("proxy_maybe");
        // the userdb_* fields go to the userdb, not into the client's reply
        assertThat(r.stderr()).contains("auth-worker: Debug: lua(testuser,192.0.2.10): username changed testuser -> testaccount");
        assertThat(r.exitCode()).isZero();
        // what the script sent: URL, Basic from the mounted secret, JSON body fields
        assertThat(r.stderr()).contains("dovelua: http: > POST https://login.example.com/api/v1/auth/json\n")
                .contains("dovelua: http: > Authorization: Basic ZG92ZWNvdDpzM2NyZXQ=\n")
                .contains("dovelua: http: > Content-Type: application/json\n")
                .contains("dovelua: http: > User-Agent: Dovecot/2.3\n")
                .contains("dovelua: http: > Expect: 100-continue\n")
                .contains("\"username\":\"testuser\"").contains("\"password\":\"testpassword\"")
                .contains("\"client_ip\":\"192.0.2.10\"").contains("\"service\":\"imap\"")
                .contains("request=passdb auth_status_code=200 auth_status_message=<OK> nauthilus_session=");
    }

    @Test
    void passdbOkWithSessionAddsProxyFields() {
        Main.Result r = nauthilus("auth", "test", "-x", "service=imap", "-x", "session=abc123", "testuser", "testpassword");
        assertThat(r.stdout()).contains("passdb: testuser auth succeeded")
                .contains("proxy_maybe=y").contains("proxy_timeout=120").contains("host=backend-2");
        assertThat(r.stderr()).contains("dovelua: http: > X-Dovecot-Session: abc123\n");
    }

    @Test
    void denialWithDefaultTextIsAPasswordMismatch() {
        Main.Result r = nauthilus("auth", "test", "-x", "service=imap", "testuser", "wrong");
        assertThat(r.stdout()).contains("passdb: testuser auth failed");
        assertThat(r.stderr()).contains("auth_status_code=403 auth_status_message=<Invalid login or password>")
                .contains("auth-worker: Debug: Finished: password_mismatch");
        assertThat(r.stdout()).doesNotContain("code=");
    }

    @Test
    void accountNotEnabledIsUserDisabled() {
        Main.Result r = nauthilus("auth", "test", "-x", "service=imap", "disabled", "pw");
        assertThat(r.stdout()).contains("passdb: disabled auth failed");
        assertThat(r.stderr()).contains("auth_status_message=<Account not enabled>")
                .contains("Finished: user_disabled");
        assertThat(r.stdout()).contains("code=user_disabled");
    }

    @Test
    void tempfailIsInternalFailure() throws IOException {
        Path stub = yaml("tempfail.yaml", Files.readString(res.resolve("nauthilus.yaml"))
                + "tempfail: Temporary server problem, try again later\n");
        Main.Result r = nauthilus(stub, "auth", "test", "-x", "service=imap", "testuser", "testpassword");
        assertThat(r.stdout()).contains("passdb: testuser auth failed");
        assertThat(r.stdout()).contains("code=temp_fail");
        assertThat(r.stderr()).contains("auth_status_code=500 auth_status_message=<Temporary server problem, try again later>");
    }

    @Test
    void strict3xRejectsTheServiceFieldAndTheScriptFailsInternally() throws IOException {
        Path stub = yaml("v3.yaml", Files.readString(res.resolve("nauthilus.yaml")).replace("version: 2", "version: 3"));
        Main.Result r = nauthilus(stub, "auth", "test", "-x", "service=imap", "testuser", "testpassword");
        assertThat(r.stdout()).contains("passdb: testuser auth failed").contains("code=temp_fail");
        // real 2.3.19 returns "" for an absent header, so the log line is built, not an error
        assertThat(r.stderr()).contains("dovelua: http: < 400 Bad Request\n")
                .contains("json: unknown field \\\"service\\\"")
                .contains("auth_status_code=400 auth_status_message=<> nauthilus_session=\n");
    }

    @Test
    void aSecretFileWithATrailingNewlinePanicsTheWorker() throws IOException {
        // file:read("*all") keeps the newline; lib-http asserts header values have none (seen on 2.3.19)
        Path secret = yaml("secret-nl", "ZG92ZWNvdDpzM2NyZXQ=\n");
        Main.Result r = Main.capture("--script", seed("nauthilus-dovecot.lua").toString(),
                "--mount", "/etc/dovecot/http-auth.secret=" + secret,
                "--stub", "https://login.example.com=nauthilus:" + res.resolve("nauthilus.yaml"),
                "auth", "test", "-x", "service=imap", "testuser", "testpassword");
        assertThat(r.stdout()).contains("passdb: testuser auth failed").contains("code=temp_fail");
        assertThat(r.stderr()).contains("auth-worker: Panic: file http-client-request.c: line 444 "
                + "(http_client_request_add_header_full): assertion failed: (strpbrk(value, \"\\r\\n\") == NULL)");
    }

    @Test
    void userdbUsesNoAuthMode() {
        Main.Result r = nauthilus("user", "testuser");
        assertThat(r.stdout()).contains("user\ttestaccount\n").contains("mail\tmaildir:~/Maildir\n")
                .contains("quota_rule\t*:bytes=1024");
        assertThat(r.stderr()).contains("dovelua: http: > POST https://login.example.com/api/v1/auth/json?mode=no-auth\n")
                .contains("request=userdb auth_status_code=200");
    }

    @Test
    void unknownUserInUserdbIsUnknown() {
        Main.Result r = nauthilus("user", "ghost");
        assertThat(r.stdout() + r.stderr()).contains("userdb lookup: user ghost doesn't exist");
    }

    @Test
    void iterateListsAccounts() {
        Main.Result r = nauthilus("user", "*");
        assertThat(r.stdout().lines().toList()).containsExactlyInAnyOrder("testaccount", "disabled", "bob");
        assertThat(r.stderr()).contains("dovelua: http: > GET https://login.example.com/api/v1/auth/json?mode=list-accounts\n")
                .contains("dovelua: http: > Accept: application/json\n");
    }

    @Test
    void masterUserAsksTheUserdbForTheTargetUser() throws IOException {
        Path script = seed("nauthilus-dovecot.lua");
        String db = "  driver = lua\n  args = file=" + script + " blocking=yes\n";
        Path conf = yaml("dovecot.conf", "auth_master_user_separator = *\n"
                + "passdb {\n" + db + "  master = yes\n  pass = yes\n}\n"
                + "passdb {\n" + db + "}\nuserdb {\n" + db + "}\n");
        Main.Result r = Main.capture("-c", conf.toString(), "--mount", script + "=" + script,
                "--mount", "/etc/dovecot/http-auth.secret=" + res.resolve("http-auth.secret"),
                "--stub", "https://login.example.com=nauthilus:" + res.resolve("nauthilus.yaml"),
                "--trace-http", "--log-level", "debug", "auth", "test", "-x", "service=imap", "testuser*bob", "bobpw");
        assertThat(r.stdout()).contains("passdb: testuser*bob auth succeeded").contains("user=testuser")
                .contains("auth_user=bob");
        assertThat(r.stderr()).contains("auth: Info: Master user logging in as testuser")
                .contains("dovelua: http: > POST https://login.example.com/api/v1/auth/json?mode=no-auth\n")
                .contains("request=userdb auth_status_code=200");
    }

    // ---- static stub, 9xxx statuses ------------------------------------------------------------

    private Main.Result probe(String user, String... options) {
        List<String> args = new ArrayList<>(List.of("--script", res.resolve("probe.lua").toString(), "--log-level", "info"));
        args.addAll(List.of(options));
        args.addAll(List.of("auth", "test", "-x", "service=imap", user, "pw"));
        return Main.capture(args.toArray(new String[0]));
    }

    @Test
    void staticStubAnswersAndProvokesInternalStatuses() {
        String stub = "https://api.example.com/x=static:" + res.resolve("static.yaml");
        assertThat(probe("alice", "--stub", stub).stderr()).contains("status=200 reason=OK body=hi alice");
        assertThat(probe("dropper", "--stub", stub).stderr())
                .containsPattern("status=9005 reason=Connection lost: read\\(\\(conn:127\\.0\\.0\\.1:\\d+,id=\\d+\\)\\) failed: EOF \\(Request queued ");
        assertThat(probe("sleeper", "--stub", stub).stderr()).contains("status=9008 reason=Request timed out (Request queued 0.");
        assertThat(probe("garbler", "--stub", stub).stderr()).contains("status=9007 reason=Invalid HTTP version in response: `garbage");
        assertThat(probe("bob", "--stub", stub).stderr()).contains("status=404 reason=Not Found body=no static stub response matches GET /x/bob");
    }

    @Test
    void aPathPrefixStubLeavesOtherPathsUnreachable() {
        Main.Result r = probe("alice", "--stub", "https://api.example.com/y=static:" + res.resolve("static.yaml"));
        assertThat(r.stderr()).contains("status=9002 reason=Failed to lookup host api.example.com: Name or service not known body=")
                .contains("dovelua: hint: https://api.example.com/x/alice has no stub");
    }

    // ---- nextcloud -----------------------------------------------------------------------------

    private Main.Result nextcloud(String stubArg, String user, String pass) {
        List<String> args = new ArrayList<>(List.of("--script", seed("nextcloud-httpbasic.lua").toString(), "--log-level", "debug"));
        if (stubArg != null) {
            args.addAll(List.of("--stub", stubArg));
        }
        args.addAll(List.of("auth", "test", "-x", "service=imap", "-x", "rip=192.0.2.7", user, pass));
        return Main.capture(args.toArray(new String[0]));
    }

    @Test
    void nextcloudAppPasswordIsOkWithNopassword() {
        Main.Result r = nextcloud("https://nextcloud.example.com=nextcloud:" + res.resolve("nextcloud.yaml"), "alice", "app-pass-1");
        assertThat(r.stdout()).contains("passdb: alice auth succeeded");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).doesNotContain("hint");
    }

    @Test
    void nextcloudWrongPasswordIsMismatch() {
        Main.Result r = nextcloud("https://nextcloud.example.com=nextcloud:" + res.resolve("nextcloud.yaml"), "alice", "nope");
        assertThat(r.stdout()).contains("passdb: alice auth failed").doesNotContain("code=");
        assertThat(r.stderr()).contains("Finished: password_mismatch");
    }

    @Test
    void nextcloud5xxIsInternalFailureWithTheReason() throws IOException {
        Path stub = yaml("nc500.yaml", "users:\n  alice: [app-pass-1]\nfail_status: 500\n");
        Main.Result r = nextcloud("https://nextcloud.example.com=nextcloud:" + stub, "alice", "app-pass-1");
        assertThat(r.stdout()).contains("passdb: alice auth failed").contains("code=temp_fail");
        assertThat(r.stderr()).contains("PROPFIND - https://nextcloud.example.com/remote.php/dav/ - 500 Internal Server Error");
    }

    @Test
    void nextcloudUnreachableIsInternalFailureWithTheLookupError() {
        Main.Result r = nextcloud(null, "alice", "app-pass-1");
        assertThat(r.stdout()).contains("passdb: alice auth failed");
        assertThat(r.stderr()).contains("PROPFIND - https://nextcloud.example.com/remote.php/dav/ - 9002 "
                + "Failed to lookup host nextcloud.example.com: Name or service not known")
                .contains("dovelua: hint: https://nextcloud.example.com/remote.php/dav/ has no stub")
                .contains("--stub https://nextcloud.example.com=KIND:FILE");
    }

    @Test
    void on24TheScriptsTwoThreeSettingsStopTheAuthProcess() {
        // 2.4 accepts only http_client_* names; which bad key is reported depends on table order
        Main.Result r = Main.capture("--dovecot-version", "2.4.1", "--script", seed("nextcloud-httpbasic.lua").toString(),
                "--stub", "https://nextcloud.example.com=nextcloud:" + res.resolve("nextcloud.yaml"),
                "auth", "test", "-x", "service=imap", "alice", "app-pass-1");
        assertThat(r.stderr()).containsPattern("auth: Fatal: passdb-lua: script_init\\(\\) failed: lua_pcall\\(.*nextcloud-httpbasic.lua\\) "
                + "failed: Invalid HTTP client setting: (timeout|max_attempts|debug) is unknown setting");
    }

    @Test
    void badStubOptionsAreUsageErrors() throws IOException {
        assertThat(Main.capture("--stub", "nonsense", "--script", "x.lua", "user", "a").exitCode()).isEqualTo(Exits.USAGE);
        Path bad = yaml("bad.yaml", "users: {alice: 5\n");
        Main.Result r = nextcloud("https://nextcloud.example.com=nextcloud:" + bad, "alice", "x");
        assertThat(r.exitCode()).isEqualTo(Exits.USAGE);
        assertThat(r.stderr()).contains(bad + ":");
    }
}
