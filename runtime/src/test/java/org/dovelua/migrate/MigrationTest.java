package org.dovelua.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dovelua.api.Result;
import org.dovelua.cases.CaseFile;
import org.dovelua.cases.CaseOutcome;
import org.dovelua.cli.Main;
import org.dovelua.lua.http.HttpExchange;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One case file under 2.3.19 and 2.4.1: what differs, and the row the re-runs name for it. */
class MigrationTest {
    private static final DovecotVersion FROM = DovecotVersion.parse("2.3.19");
    private static final DovecotVersion TO = DovecotVersion.parse("2.4.1");

    @TempDir
    Path dir;

    private Path caseFile(String lua) throws Exception {
        Files.writeString(dir.resolve("auth.lua"), lua);
        Path f = dir.resolve("cases.yaml");
        Files.writeString(f, "script: auth.lua\ncases:\n"
                + "  - name: alice logs in\n    auth_test: {user: alice, password: pw, service: imap}\n    expect: {}\n");
        return f;
    }

    private static FileReport migrate(Path file) throws Exception {
        MigrationReport r = Migration.run(List.of(CaseFile.read(file)), new Migration.Options(FROM, TO, true, 2));
        return r.files().get(0);
    }

    @Test
    void aScriptBothReleasesAnswerAlikeIsTheSameAndExitsZero() throws Exception {
        Path f = caseFile("function auth_passdb_lookup(req)\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, {password = '{PLAIN}pw'}\nend\n");
        Main.Result r = Main.capture("migrate", f.toString());
        assertThat(r.stdout()).contains("line 3 \"alice logs in\": same\n", "1 cases: 1 same, 0 changed, 0 skipped");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void reqServiceIsNamedAsTheVariableTablesRow() throws Exception {
        Path f = caseFile("function auth_passdb_lookup(req)\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, {password = '{PLAIN}pw', proto = tostring(req.service)}\nend\n");
        FileReport report = migrate(f);
        CaseChange c = report.cases().get(0);
        CaseChange.AspectChange fields = c.changes().stream().filter(a -> a.aspect() == Aspect.FIELDS).findFirst()
                .orElseThrow();
        assertThat(fields.from()).contains("proto=imap");
        assertThat(fields.to()).contains("proto=nil");
        assertThat(fields.attribution()).isEqualTo(new Attribution(Attribution.Kind.SINGLE, List.of(Since.VAR_EXPAND_24)));
        assertThat(c.changes()).extracting(CaseChange.AspectChange::aspect).containsExactly(Aspect.FIELDS, Aspect.STDOUT);
        Main.Result cli = Main.capture("migrate", "--from", "2.3.19", "--to", "2.4.1", f.toString());
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.stdout()).contains("      caused by VAR_EXPAND_24\n", "req.service -> req.protocol");
    }

    @Test
    void a23HttpSettingIsNamedAsTheHttpClientsRow() throws Exception {
        Path f = caseFile("local http = dovecot.http.client{timeout = 1000}\n"
                + "function auth_passdb_lookup(req)\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, {password = '{PLAIN}pw'}\nend\n");
        CaseChange c = migrate(f).cases().get(0);
        CaseChange.AspectChange result = c.changes().get(0);
        assertThat(result.aspect()).isEqualTo(Aspect.RESULT);
        assertThat(result.from()).containsExactly("exit 0", "result ok");
        assertThat(result.attribution().rows()).containsExactly(Since.HTTP_CLIENT_24_SETTINGS);
        assertThat(c.passedFrom()).isTrue();
    }

    @Test
    void aScriptReturningAStringNeedsTwoRowsRevertedTogether() throws Exception {
        // 2.4.1 refuses the string (PASSDB_RETURN_TYPES_CHECKED) and its log prefix differs (LOG_PREFIX_24):
        // the log only matches 2.3.19's once the script succeeds again and the prefix is 2.3's
        Path f = caseFile("function auth_passdb_lookup(req)\n"
                + "  req:log_error('checking')\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, 'password={PLAIN}pw'\nend\n");
        CaseChange c = migrate(f).cases().get(0);
        CaseChange.AspectChange log = c.changes().stream().filter(a -> a.aspect() == Aspect.LOGS).findFirst()
                .orElseThrow();
        assertThat(log.attribution().kind()).isEqualTo(Attribution.Kind.TOGETHER);
        assertThat(log.attribution().rows()).contains(Since.PASSDB_RETURN_TYPES_CHECKED, Since.LOG_PREFIX_24);
        // 2.4.1's db-lua.c reads the return values anew: the type check and the fields-on-failure rule
        // are two rows of one rewrite, and only reverting both brings back 2.3's string path
        assertThat(c.changes().stream().filter(a -> a.aspect() == Aspect.RESULT).findFirst().orElseThrow()
                .attribution().rows()).contains(Since.PASSDB_RETURN_TYPES_CHECKED).doesNotContain(Since.LOG_PREFIX_24);
    }

    @Test
    void aDifferenceNoConsultedRowExplainsIsNotAttributed() throws Exception {
        // no row was consulted: nothing to revert, so nothing is named
        Behaviour from = behaviour("exit 0", "result ok");
        Behaviour to = behaviour("exit 77", "result password_mismatch");
        CaseFile never = CaseFile.read(caseFile("-- not run\n"));
        Attributor a = new Attributor(never, FROM, TO, List.of(from), List.of(to), Set.of(), Set.of(), 1);
        Attribution none = a.attribute(0, Aspect.RESULT, Set.of());
        assertThat(none.kind()).isEqualTo(Attribution.Kind.NONE);
        assertThat(none.describe()).startsWith("not attributed");
    }

    private static Behaviour behaviour(String... result) {
        return new Behaviour(Map.of(Aspect.RESULT, List.of(result)), true);
    }

    @Test
    void httpIsComparedAsTheScriptSentItWithoutTheClock() {
        HttpExchange x = new HttpExchange("POST", "https://api.example/x",
                List.of(Map.entry("Date", "Sun, 06 Dec 2026 12:00:00 GMT"), Map.entry("X-A", "1")),
                "{\"a\":1}".getBytes(), 200, "OK", List.of(Map.entry("X-Session", "random")), "body".getBytes());
        Result r = new Result("auth test alice", 0, "", "", "ok", Map.of(), List.of(), List.of(), List.of(),
                List.of(x), List.of());
        Behaviour b = Behaviour.of(new CaseOutcome(null, null, CaseOutcome.Status.PASSED, List.of(), null, r, 0));
        assertThat(b.lines(Aspect.HTTP)).containsExactly("> POST https://api.example/x", "> Date: (now)", "> X-A: 1",
                "> {\"a\":1}", "< 200 OK");
    }
}
