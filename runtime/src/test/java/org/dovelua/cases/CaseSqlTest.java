package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sql:} in a case file: a luasql.mysql script reads its users from the fixture, each case
 * starts from the fixture again, and the rerun line carries {@code --sql}.
 */
class CaseSqlTest {
    @TempDir
    Path dir;

    /** Deletes the user it finds, so a second case sees the row only if the fixture is reloaded. */
    private static final String SCRIPT = String.join("\n",
            "local env = require('luasql.mysql').mysql()",
            "function auth_passdb_lookup(req)",
            "  local conn, err = env:connect('mail', 'dovecot', 'pw', 'db.example.org')",
            "  if not conn then return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, err end",
            "  local cur = conn:execute(string.format(\"SELECT password FROM users WHERE username = '%s'\", conn:escape(req.user)))",
            "  local row = cur:fetch({}, 'a')",
            "  cur:close()",
            "  conn:execute(string.format(\"DELETE FROM users WHERE username = '%s'\", conn:escape(req.user)))",
            "  conn:close()",
            "  if not row then return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, 'no such user' end",
            "  return dovecot.auth.PASSDB_RESULT_OK, 'password=' .. row.password",
            "end",
            "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, 'uid=1' end",
            "");

    private Path caseFile(String sql) throws Exception {
        Files.writeString(dir.resolve("auth.lua"), SCRIPT);
        Files.writeString(dir.resolve("users.sql"), "CREATE TABLE users (username VARCHAR(64), password VARCHAR(64));\n"
                + "INSERT INTO users VALUES ('alice', '{PLAIN}secret');\n");
        Path f = dir.resolve("cases.yaml");
        Files.writeString(f, "script: auth.lua\n" + sql + "cases:\n"
                + "  - auth_test: {user: alice, password: secret}\n"
                + "    expect: {result: ok}\n"
                + "  - name: the fixture again\n"
                + "    auth_test: {user: alice, password: secret}\n"
                + "    expect: {result: ok}\n");
        return f;
    }

    @Test
    void theFixtureAnswersEachCaseAfresh() throws Exception {
        CaseFile file = CaseFile.read(caseFile("sql:\n  mysql://db.example.org/mail: users.sql\n"));
        List<CaseOutcome> out = CaseRunner.run(List.of(file), new CaseRunner.Options(1, null, false), (o, d, t) -> { });
        StringBuilder reports = new StringBuilder();
        out.forEach(o -> reports.append(o.report()).append('\n'));
        assertThat(out).extracting(CaseOutcome::status).as(reports.toString()).containsOnly(CaseOutcome.Status.PASSED);
        assertThat(file.setup().sql()).containsEntry("mysql://db.example.org/mail", dir.resolve("users.sql"));
    }

    @Test
    void withoutTheKeyTheServerIsUnreachable() throws Exception {
        CaseFile file = CaseFile.read(caseFile(""));
        List<CaseOutcome> out = CaseRunner.run(List.of(file), new CaseRunner.Options(1, null, false), (o, d, t) -> { });
        assertThat(out.get(0).status()).isEqualTo(CaseOutcome.Status.FAILED);
        assertThat(out.get(0).report()).contains("Unknown server host 'db.example.org' (-2)")
                .contains("--sql mysql://db.example.org/mail=SCHEMA_AND_DATA.sql");
    }

    @Test
    void aMissingFixtureIsNamedWhereItIsGiven() throws Exception {
        Path f = caseFile("sql:\n  mysql://db.example.org/mail: nope.sql\n");
        assertThatThrownBy(() -> CaseFile.read(f)).hasMessageContaining("cases.yaml:3")
                .hasMessageContaining("sql: the fixture " + dir.resolve("nope.sql") + " does not exist");
        Path g = caseFile("sql:\n  ldap://db.example.org/mail: users.sql\n");
        assertThatThrownBy(() -> CaseFile.read(g)).hasMessageContaining("the scheme must be mysql:// or postgres://");
    }
}
