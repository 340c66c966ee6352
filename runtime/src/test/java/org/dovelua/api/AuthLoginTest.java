package org.dovelua.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dovelua.cases.CaseFile;
import org.dovelua.cases.CaseOutcome;
import org.dovelua.cases.CaseRunner;
import org.dovelua.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doveadm auth login} (doveadm-auth.c cmd_auth_login; auth-request-handler.c
 * auth_request_handler_master_request): the passdbs, then the userdb lookup on the same request.
 * Differential cases 326 (2.3.19) and 327 (2.4.1) hold what real Dovecot printed.
 */
class AuthLoginTest {
    private static final String SCRIPT = """
            function auth_passdb_lookup(req)
              if req.user == "ghost" then
                return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, "no such user"
              end
              return dovecot.auth.PASSDB_RESULT_OK, {password="secret", userdb_quota="1G"}
            end
            function auth_userdb_lookup(req)
              if req.user == "nouser" then
                return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, "no such user"
              end
              if req.user == "tempuser" then
                return dovecot.auth.USERDB_RESULT_INTERNAL_FAILURE, "database down"
              end
              return dovecot.auth.USERDB_RESULT_OK, {uid="1000", seen_quota=tostring(req.userdb.quota)}
            end
            """;

    @TempDir
    Path dir;

    private Path script() throws Exception {
        return Files.writeString(dir.resolve("auth.lua"), SCRIPT);
    }

    @Test
    void theUserdbLookupContinuesTheAuthenticatedRequest() throws Exception {
        try (Dovelua d = Dovelua.builder().script(script()).build()) {
            Result r = d.authLogin("alice", "secret", Map.of("service", "imap"));
            assertThat(r.exitCode()).isZero();
            assertThat(r.result()).isEqualTo("ok");
            // the passdb's userdb_quota seeds the userdb reply; auth_mech is the login's mechanism
            assertThat(r.stdout()).isEqualTo("passdb: alice auth succeeded\nextra fields:\n  user=alice\n  \n"
                    + "userdb extra fields:\n  alice\n  quota=1G\n  uid=1000\n  seen_quota=1G\n  auth_mech=PLAIN\n");
            assertThat(r.fieldLines()).containsExactly("quota=1G", "uid=1000", "seen_quota=1G", "auth_mech=PLAIN");
        }
    }

    @Test
    void version24NamesTheUserOnItsOwnLine() throws Exception {
        try (Dovelua d = Dovelua.builder().script(script()).version("2.4.1").build()) {
            assertThat(d.authLogin("alice", "secret", Map.of()).stdout()).isEqualTo(
                    "passdb: alice auth succeeded\nextra fields:\n  user=alice\nuserdb user: alice\n"
                            + "userdb extra fields:\n  quota=1G\n  uid=1000\n  seen_quota=1G\n  auth_mech=PLAIN\n");
        }
    }

    @Test
    void aFailedPasswordStopsBeforeTheUserdb() throws Exception {
        try (Dovelua d = Dovelua.builder().script(script()).build()) {
            Result r = d.authLogin("alice", "wrong", Map.of());
            assertThat(r.exitCode()).isEqualTo(77);
            assertThat(r.result()).isEqualTo("password_mismatch");
            assertThat(r.stdout()).isEqualTo("passdb: alice auth failed\nextra fields:\n  user=alice\n");
            assertThat(d.authLogin("ghost", "x", Map.of()).result()).isEqualTo("user_unknown");
        }
    }

    @Test
    void aUserTheUserdbDoesNotKnowFailsTheLogin() throws Exception {
        try (Dovelua d = Dovelua.builder().script(script()).build()) {
            Result r = d.authLogin("nouser", "secret", Map.of());
            assertThat(r.exitCode()).isEqualTo(77);
            assertThat(r.result()).isEqualTo("userdb_not_found");
            assertThat(r.logs()).contains("auth: Error: lua(nouser): user not found from userdb");
            assertThat(r.stderr()).containsPattern("Error: auth-master: login: request \\[\\d+\\]: Login auth request failed:"
                    + " Authenticated user not found from userdb, auth lookup id=\\d+ \\(auth connected 0 msecs ago,"
                    + " request took 0 msecs, client-pid=0 client-id=1\\)\n");
            assertThat(r.stderr()).contains("Error: userdb lookup failed: Internal error occurred. Refer to server log"
                    + " for more information.");
            Result temp = d.authLogin("tempuser", "secret", Map.of());
            assertThat(temp.exitCode()).isEqualTo(77);
            assertThat(temp.result()).isEqualTo("userdb_failed");
            assertThat(temp.stderr()).contains("Login auth request failed: Internal auth failure (auth connected");
        }
    }

    @Test
    void theCliAndCaseFilesSendIt() throws Exception {
        script();
        Main.Result cli = Main.capture("--script", dir.resolve("auth.lua").toString(), "auth", "login", "alice", "secret");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.stdout()).contains("userdb extra fields:\n  alice\n");
        Path cases = Files.writeString(dir.resolve("login.cases.yaml"), """
                script: auth.lua
                cases:
                  - auth_login: {user: alice, password: secret, service: imap}
                    expect: {result: ok, fields_subset: {quota: 1G, auth_mech: PLAIN}}
                  - auth_login: {user: nouser, password: secret}
                    expect: {result: userdb_not_found, exit: 77}
                """);
        List<CaseOutcome> out = CaseRunner.run(List.of(CaseFile.read(cases)), new CaseRunner.Options(1, null, false),
                (o, n, t) -> { });
        assertThat(out).allSatisfy(o -> assertThat(o.status()).as(o.report()).isEqualTo(CaseOutcome.Status.PASSED));
    }
}
