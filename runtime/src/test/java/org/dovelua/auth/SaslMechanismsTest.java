package org.dovelua.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import org.dovelua.api.Command;
import org.dovelua.api.Dovelua;
import org.dovelua.api.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SASL mechanisms of {@code auth test -A} (doveadm 2.4's client) and of case files' {@code mech:}
 * (dovelua's client): mech-plain.c, mech-login.c, mech-cram-md5.c, mech-digest-md5.c, mech-scram.c,
 * mech-anonymous.c, mech-external.c over the passdb's verify and credentials paths (passdb.c), and
 * doveadm-auth.c's refusals. Differential cases 370-374 pin the doveadm side against real Dovecot.
 */
class SaslMechanismsTest {
    private static final String CRYPT = "{SHA512-CRYPT}$6$RQtfFSgtgNp8nykh$a8ODA93ivoLJasPdsZVNvMPK/rLxElxskrHPQwutI6DHv"
            + "/bRHLp1y08NWcMDtWYI9XyYwPf9R6g5QlkDPofe5/";
    private static final String SCRAM256 = "{SCRAM-SHA-256}4096,9ls6z3+Ja/YwAQZc7N+EEQ==,"
            + "tKRyoNiBcxp7aXsI8pOn4DnKVIe10b2E3N+Dx6seWfU=,MA318NhrXXgbpdFBreCL2GMoDlWHVp2DDtAZ5n/H1NQ=";
    private static final String MECHS = "auth_mechanisms = plain login cram-md5 digest-md5 scram-sha-1 scram-sha-256"
            + " anonymous\n";

    @TempDir
    Path dir;

    private Path script() throws Exception {
        return Files.writeString(dir.resolve("auth.lua"), String.join("\n",
                "function auth_passdb_lookup(req)",
                "  if req.user == 'hashed' then return dovecot.auth.PASSDB_RESULT_OK, {password = '" + CRYPT + "'} end",
                "  if req.user == 'scram' then return dovecot.auth.PASSDB_RESULT_OK, {password = '" + SCRAM256 + "'} end",
                "  if req.user == 'ghost' then return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, 'no' end",
                "  return dovecot.auth.PASSDB_RESULT_OK, {password = 'secret'}",
                "end",
                "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, {uid = '1000'} end",
                ""));
    }

    private Path config(String version) throws Exception {
        Path lua = script();
        String dbs = version.startsWith("2.4")
                ? "passdb lua {\n  lua_file = " + lua + "\n}\nuserdb lua {\n  lua_file = " + lua + "\n}\n"
                : "passdb {\n  driver = lua\n  args = file=" + lua + " blocking=yes\n}\n"
                        + "userdb {\n  driver = lua\n  args = file=" + lua + " blocking=yes\n}\n";
        return Files.writeString(dir.resolve("dovecot.conf"), MECHS + dbs);
    }

    private Dovelua start(String version) throws Exception {
        return Dovelua.builder().config(config(version)).mount(dir.toString(), dir).version(version).authVerbose(true)
                .build();
    }

    /** doveadm's {@code auth test -A MECH USER PASSWORD}. */
    private static Result doveadm(Dovelua d, String mech, String user, String password) {
        return d.run(new Command.AuthTest(user, password, List.of(), mech, null));
    }

    @Test
    void scramConvertsAPlainPasswordAndRunsTheExchange() throws Exception {
        try (Dovelua d = start("2.4.1")) {
            for (String mech : List.of("SCRAM-SHA-1", "SCRAM-SHA-256")) {
                Result ok = doveadm(d, mech, "alice", "secret");
                assertThat(ok.exitCode()).isZero();
                assertThat(ok.stdout()).isEqualTo("passdb: alice auth succeeded\nextra fields:\n  user=alice\n");
                Result wrong = doveadm(d, mech, "alice", "wrong");
                assertThat(wrong.exitCode()).isEqualTo(77);
                String m = mech.toLowerCase();
                assertThat(wrong.logs()).containsExactly("auth(alice,sasl:" + m + "): Info: " + m + ": Password mismatch");
            }
        }
    }

    @Test
    void scramUsesStoredScramCredentialsOfItsOwnSchemeOnly() throws Exception {
        try (Dovelua d = start("2.4.1")) {
            assertThat(doveadm(d, "SCRAM-SHA-256", "scram", "secret").exitCode()).isZero();
            assertThat(doveadm(d, "SCRAM-SHA-256", "scram", "wrong").exitCode()).isEqualTo(77);
            assertThat(doveadm(d, "SCRAM-SHA-1", "scram", "secret").logs()).containsExactly(
                    "auth-worker(scram): request [3]: Info: lua: Requested SCRAM-SHA-1 scheme, but we have only SCRAM-SHA-256");
            assertThat(doveadm(d, "SCRAM-SHA-256", "hashed", "secret").logs()).containsExactly(
                    "auth-worker(hashed): request [4]: Info: lua: Requested SCRAM-SHA-256 scheme, but we have only SHA512-CRYPT");
            // PLAIN verifies the crypt hash as usual
            assertThat(doveadm(d, "PLAIN", "hashed", "secret").exitCode()).isZero();
        }
    }

    @Test
    void loginAsksForUserAndPasswordAndLoginRepliesNameTheMechanism() throws Exception {
        try (Dovelua d = start("2.4.1")) {
            assertThat(doveadm(d, "LOGIN", "alice", "secret").exitCode()).isZero();
            assertThat(doveadm(d, "login", "alice", "wrong").logs())
                    .containsExactly("auth-worker(alice): request [2]: Info: lua: Password mismatch");
            Result login = d.run(new Command.AuthLogin("alice", "secret", List.of(), "SCRAM-SHA-256", null));
            assertThat(login.stdout()).endsWith("userdb user: alice\nuserdb extra fields:\n  uid=1000\n"
                    + "  auth_mech=SCRAM-SHA-256\n");
        }
    }

    @Test
    void doveadmRefusesAMechanismItsClientOrTheServerLacks() throws Exception {
        try (Dovelua d = start("2.4.1")) {
            Result cram = doveadm(d, "CRAM-MD5", "alice", "secret");
            assertThat(cram.exitCode()).isEqualTo(75);
            assertThat(cram.stdout()).isEmpty();
            assertThat(cram.stderr()).isEqualTo("Fatal: SASL mechanism 'CRAM-MD5' not supported by client\n");
            Result xoauth = doveadm(d, "xoauth2", "alice", "token");
            assertThat(xoauth.exitCode()).isEqualTo(75);
            assertThat(xoauth.stderr()).isEqualTo("Fatal: SASL mechanism 'XOAUTH2' not supported by server\n");
        }
    }

    @Test
    void twoThreesDoveadmHasNoMechanismOption() throws Exception {
        try (Dovelua d = start("2.3.19")) {
            Result r = doveadm(d, "PLAIN", "alice", "secret");
            assertThat(r.exitCode()).isEqualTo(64);
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr()).startsWith("doveadm: invalid option -- 'A'\n");
        }
    }

    @Test
    void aCaseFilesClientSpeaksCramMd5AndDigestMd5OnBothReleases() throws Exception {
        for (String version : List.of("2.3.19", "2.4.1")) {
            try (Dovelua d = start(version)) {
                for (String mech : List.of("CRAM-MD5", "DIGEST-MD5")) {
                    assertThat(d.authTest("alice", "secret", Map.of(), mech).result()).as(version + " " + mech)
                            .isEqualTo("ok");
                    Result wrong = d.authTest("alice", "wrong", Map.of(), mech);
                    assertThat(wrong.result()).as(version + " " + mech).isEqualTo("password_mismatch");
                    assertThat(wrong.logs()).as(version + " " + mech).last().asString().endsWith("Password mismatch");
                    // a crypt hash cannot give the mechanism's credentials
                    assertThat(d.authTest("hashed", "secret", Map.of(), mech).logs()).as(version + " " + mech)
                            .anyMatch(l -> l.endsWith("Requested " + mech + " scheme, but we have only SHA512-CRYPT"));
                }
                assertThat(d.authTest("alice", "secret", Map.of(), "SCRAM-SHA-256").result()).isEqualTo("ok");
                assertThat(d.authLogin("alice", "secret", Map.of(), "DIGEST-MD5").fields()).containsEntry("auth_mech", "DIGEST-MD5");
            }
        }
    }

    @Test
    void anonymousLogsTheTraceAndAuthenticatesAsTheAnonymousUser() throws Exception {
        try (Dovelua d = start("2.4.1")) {
            Result r = doveadm(d, "ANONYMOUS", "alice", "x");
            assertThat(r.stdout()).isEqualTo("passdb: alice auth succeeded\nextra fields:\n  user=anonymous\n  anonymous\n");
            assertThat(r.logs()).containsExactly("auth(alice,sasl:anonymous): Info: anonymous: login");
        }
    }

    @Test
    void theCliTakesTheMechanismOption() throws Exception {
        Path conf = config("2.4.1");
        ToolProvider tool = ToolProvider.findFirst("dovelua").orElseThrow();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = tool.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), "-c", conf.toString(),
                "--mount", dir + "=" + dir, "--dovecot-version", "2.4.1", "auth", "test", "-A", "SCRAM-SHA-256", "alice", "secret");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("passdb: alice auth succeeded\nextra fields:\n  user=alice\n");
    }

    @Test
    void aCaseFilesMechRunsThroughTheCaseRunner() throws Exception {
        Path conf = config("2.3.19");
        Path cases = Files.writeString(dir.resolve("sasl.cases.yaml"), String.join("\n",
                "config: " + conf.getFileName(),
                "mounts: {" + dir + ": .}",
                "auth_verbose: true",
                "cases:",
                "  - auth_test: {user: alice, password: secret, mech: CRAM-MD5}",
                "    expect: {result: ok}",
                "  - auth_test: {user: alice, password: wrong, mech: digest-md5}",
                "    expect: {result: password_mismatch, logs: ['auth: Info: digest-md5(alice): Password mismatch']}",
                "  - auth_login: {user: alice, password: secret, mech: SCRAM-SHA-1}",
                "    expect: {result: ok, fields_subset: {auth_mech: SCRAM-SHA-1}}",
                ""));
        org.dovelua.cases.CaseFile f = org.dovelua.cases.CaseFile.read(cases);
        List<org.dovelua.cases.CaseOutcome> out = org.dovelua.cases.CaseRunner.run(List.of(f),
                new org.dovelua.cases.CaseRunner.Options(1, null, false), (o, done, total) -> { });
        assertThat(out).allSatisfy(o -> assertThat(o.status()).as(o.report())
                .isEqualTo(org.dovelua.cases.CaseOutcome.Status.PASSED));

        Path bad = Files.writeString(dir.resolve("bad.cases.yaml"), String.join("\n",
                "config: " + conf.getFileName(),
                "cases:",
                "  - auth_test: {user: alice, password: secret, mech: GSSAPI}",
                "    expect: {result: ok}",
                ""));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.dovelua.cases.CaseFile.read(bad))
                .hasMessageContaining("mech: unknown SASL mechanism 'GSSAPI'");
    }
}
