package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel runs keep file order, fail fast, filter and skip; a crashing case never stops the run. */
class CaseRunnerTest {
    @TempDir
    Path dir;

    private CaseFile suite(int n, int failingIndex) throws Exception {
        Files.writeString(dir.resolve("auth.lua"), "function auth_passdb_lookup(req)\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, 'password=pw n=' .. req.user\nend\n"
                + "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, 'uid=1' end\n");
        StringBuilder sb = new StringBuilder("script: auth.lua\ncases:\n");
        for (int i = 0; i < n; i++) {
            String want = i == failingIndex ? "nope" : "u" + i;
            sb.append("  - name: case ").append(i).append("\n    auth_test: {user: u").append(i)
                    .append(", password: pw}\n    expect: {result: ok, fields_subset: {n: ").append(want).append("}}\n");
        }
        Path f = dir.resolve("cases.yaml");
        Files.writeString(f, sb.toString());
        return CaseFile.read(f);
    }

    @Test
    void parallelOutcomesComeBackInFileOrder() throws Exception {
        CaseFile f = suite(40, 7);
        List<Integer> seen = new ArrayList<>();
        List<CaseOutcome> out = CaseRunner.run(List.of(f), new CaseRunner.Options(4, null, false),
                (o, done, total) -> seen.add(done));
        assertThat(out).extracting(o -> o.testCase().name())
                .containsExactlyElementsOf(f.cases().stream().map(Case::name).toList());
        assertThat(out).filteredOn(o -> o.status() == CaseOutcome.Status.FAILED).extracting(o -> o.testCase().name())
                .containsExactly("case 7");
        assertThat(seen).hasSize(40).contains(40);
        CaseOutcome failed = out.get(7);
        assertThat(failed.mismatches()).containsExactly(new Mismatch("field n", "nope", "u7"));
        assertThat(failed.title()).isEqualTo(f.file() + ":" + failed.testCase().at().line() + ": case 7");
        assertThat(failed.report()).contains("field n\n  expected: nope\n  actual:   u7\n",
                "(ran: auth test u7, exit 0, result ok)");
    }

    @Test
    void failFastSkipsTheRest() throws Exception {
        List<CaseOutcome> out = CaseRunner.run(List.of(suite(10, 2)), new CaseRunner.Options(1, null, true),
                (o, d, t) -> { });
        assertThat(out).extracting(CaseOutcome::status).containsExactly(CaseOutcome.Status.PASSED,
                CaseOutcome.Status.PASSED, CaseOutcome.Status.FAILED, CaseOutcome.Status.SKIPPED,
                CaseOutcome.Status.SKIPPED, CaseOutcome.Status.SKIPPED, CaseOutcome.Status.SKIPPED,
                CaseOutcome.Status.SKIPPED, CaseOutcome.Status.SKIPPED, CaseOutcome.Status.SKIPPED);
        assertThat(out.get(3).error()).contains("--fail-fast");
    }

    @Test
    void filterSelectsByNameIgnoringCase() throws Exception {
        List<CaseOutcome> out = CaseRunner.run(List.of(suite(12, -1)), new CaseRunner.Options(2, "CASE 1", false),
                (o, d, t) -> { });
        assertThat(out).extracting(o -> o.testCase().name()).containsExactly("case 1", "case 10", "case 11");
    }

    @Test
    void skippedCasesAndBadRequestsAreReportedNotThrown() throws Exception {
        Files.writeString(dir.resolve("auth.lua"), "function auth_passdb_lookup(req) return 1, 'password=x' end\n"
                + "function auth_userdb_lookup(req) return 1, 'uid=1' end\n");
        Path f = dir.resolve("cases.yaml");
        Files.writeString(f, "script: auth.lua\ncases:\n  - user: a\n    skip: waiting for stubs\n  - user: b\n    expect: {}\n");
        CaseFile cf = CaseFile.read(f);
        List<CaseOutcome> out = CaseRunner.run(List.of(cf), new CaseRunner.Options(1, null, false), (o, d, t) -> { });
        assertThat(out.get(0).status()).isEqualTo(CaseOutcome.Status.SKIPPED);
        assertThat(out.get(0).error()).isEqualTo("waiting for stubs");
        assertThat(out.get(1).status()).isEqualTo(CaseOutcome.Status.PASSED);
        // a request the API refuses (the reader catches this one first, the runner must not throw either)
        Case bad = new Case("bad", new Location(f, 9, 5), Case.Command.AUTH_TEST, "a", "x",
                java.util.Map.of("rip", "not-an-ip"), cf.cases().get(1).expect(), null);
        try (org.dovelua.api.Dovelua d = cf.setup().start()) {
            CaseOutcome o = CaseRunner.runOn(cf, bad, d);
            assertThat(o.status()).isEqualTo(CaseOutcome.Status.FAILED);
            assertThat(o.error()).isEqualTo(f + ":9:5: -x rip=not-an-ip: Invalid rip value: not-an-ip");
        }
    }
}
