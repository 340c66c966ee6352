package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --json} on auth test, auth lookup and user, and {@code test --json-report}. */
class JsonOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path script() throws Exception {
        return Files.writeString(dir.resolve("auth.lua"), String.join("\n",
                "function auth_passdb_lookup(req)",
                "  if req.user ~= 'alice' then return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, 'no such user' end",
                "  req:log_warning('found ' .. req.user)",
                "  return dovecot.auth.PASSDB_RESULT_OK, 'password=secret plan=gold'",
                "end",
                "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, 'uid=1000 gid=1000 home=/h' end",
                "function auth_userdb_iterate() return {'alice', 'bob', 'anna'} end", ""));
    }

    @Test
    void authTestPrintsOneJsonObjectInsteadOfDoveadmsText() throws Exception {
        Main.Result r = Main.capture("--script", script().toString(), "auth", "test", "--json", "alice", "secret");
        JsonNode j = JSON.readTree(r.stdout());
        assertThat(r.stdout().strip()).doesNotContain("\n").doesNotContain("auth succeeded");
        assertThat(j.get("command").asText()).isEqualTo("auth test alice");
        assertThat(j.get("exit").asInt()).isZero();
        assertThat(j.get("result").asText()).isEqualTo("ok");
        assertThat(j.get("fields").get("plan").asText()).isEqualTo("gold");
        assertThat(j.get("logs").toString()).contains("found alice");
        assertThat(r.stderr()).contains("found alice"); // the log still goes to stderr
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void aFailureKeepsDoveadmsExitCode() throws Exception {
        Main.Result r = Main.capture("--script", script().toString(), "auth", "test", "--json", "carol", "x");
        assertThat(JSON.readTree(r.stdout()).get("result").asText()).isEqualTo("user_unknown");
        assertThat(r.exitCode()).isEqualTo(77);
        Main.Result lookup = Main.capture("--script", script().toString(), "auth", "lookup", "--json", "alice");
        assertThat(JSON.readTree(lookup.stdout()).get("result").asText()).isEqualTo("found");
    }

    @Test
    void userListsTheUsersTheMaskMatches() throws Exception {
        Main.Result r = Main.capture("--script", script().toString(), "user", "--json", "a*");
        JsonNode j = JSON.readTree(r.stdout());
        assertThat(j.get("users").toString()).isEqualTo("[\"alice\",\"anna\"]");
        // doveadm-auth.c matches with wildcard_match_icase()
        Main.Result upper = Main.capture("--script", script().toString(), "user", "A*");
        assertThat(upper.stdout()).isEqualTo("alice\nanna\n");
        Main.Result one = Main.capture("--script", script().toString(), "user", "-u", "--json", "alice");
        assertThat(JSON.readTree(one.stdout()).get("fields").get("home").asText()).isEqualTo("/h");
    }

    @Test
    void theTestReportHoldsEveryCaseWithItsAnswerAndMismatches() throws Exception {
        script();
        Path cases = Files.writeString(dir.resolve("cases.yaml"), "script: auth.lua\ncases:\n"
                + "  - auth_test: {user: alice, password: secret}\n    expect: {result: ok}\n"
                + "  - name: wrong on purpose\n    auth_test: {user: alice, password: secret}\n"
                + "    expect: {result: password_mismatch}\n");
        Path report = dir.resolve("out/report.json");
        Main.Result r = Main.capture("test", "--json-report", report.toString(), cases.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode j = JSON.readTree(report.toFile());
        assertThat(j.get("passed").asInt()).isEqualTo(1);
        assertThat(j.get("failed").asInt()).isEqualTo(1);
        JsonNode failed = j.get("cases").get(1);
        assertThat(failed.get("name").asText()).isEqualTo("wrong on purpose");
        assertThat(failed.get("line").asInt()).isEqualTo(5);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("mismatches").get(0).get("expected").asText()).isEqualTo("password_mismatch");
        assertThat(failed.get("answer").get("result").asText()).isEqualTo("ok");
    }
}
