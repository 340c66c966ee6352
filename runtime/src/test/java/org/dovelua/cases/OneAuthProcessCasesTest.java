package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code one_auth_process: true}: a file's cases are requests to one running auth process, in order
 * (the auth cache and globals carry over), whatever the worker count; {@code advance_clock:} ages
 * cache entries; {@code cache_flush:} and {@code cache_stats:} act on that process's cache.
 */
class OneAuthProcessCasesTest {
    private static final String SCRIPT = """
            calls = 0
            function auth_passdb_lookup(req)
              calls = calls + 1
              return dovecot.auth.PASSDB_RESULT_OK, {password="pw", calls=tostring(calls)}
            end
            function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, {uid="1"} end
            """;

    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Files.writeString(dir.resolve("auth.lua"), SCRIPT);
        Files.writeString(dir.resolve("dovecot.conf"), "auth_cache_size = 1M\nauth_cache_ttl = 10 mins\n"
                + "passdb {\n  driver = lua\n  args = file=" + dir + "/auth.lua\n}\n"
                + "userdb {\n  driver = lua\n  args = file=" + dir + "/auth.lua\n}\n");
        // the script is read where the config names it: mount the test's directory there
        return Files.writeString(dir.resolve(name), text.replace("config: dovecot.conf\n",
                "config: dovecot.conf\nmounts:\n  " + dir + ": .\n"));
    }

    /** n users logging in twice each, in order: every second login is a cache hit. */
    private CaseFile counting(String name, int users) throws Exception {
        StringBuilder sb = new StringBuilder("config: dovecot.conf\none_auth_process: true\ncases:\n");
        for (int u = 0; u < users; u++) {
            for (int round = 0; round < 2; round++) {
                sb.append("  - auth_test: {user: u").append(u).append(", password: pw}\n")
                        .append("    expect: {result: ok, fields_subset: {calls: \"").append(u + 1).append("\"}}\n");
            }
        }
        return CaseFile.read(file(name, sb.toString()));
    }

    @Test
    void theCasesRunInOrderOnOneProcessWhateverTheWorkerCount() throws Exception {
        CaseFile f = counting("cases.yaml", 30);
        assertThat(f.oneAuthProcess()).isTrue();
        for (int jobs : new int[] {1, 4}) {
            List<CaseOutcome> out = CaseRunner.run(List.of(f), new CaseRunner.Options(jobs, null, false), (o, d, t) -> { });
            assertThat(out).hasSize(60).allSatisfy(o -> assertThat(o.status()).as(o.report())
                    .isEqualTo(CaseOutcome.Status.PASSED));
        }
    }

    @Test
    void advanceClockExpiresEntriesAndTheCacheCommandsAnswer() throws Exception {
        CaseFile f = CaseFile.read(file("cases.yaml", """
                config: dovecot.conf
                one_auth_process: true
                cases:
                  - auth_test: {user: a, password: pw}
                    expect: {fields_subset: {calls: "1"}}
                  - advance_clock: 10 mins
                    auth_test: {user: a, password: pw}
                    expect: {fields_subset: {calls: "1"}}
                  - advance_clock: 1
                    auth_test: {user: a, password: pw}
                    expect: {fields_subset: {calls: "2"}}
                  - auth_test: {user: b, password: pw}
                    expect: {fields_subset: {calls: "3"}}
                  - cache_flush: [a]
                    expect: {exit: 0, stdout: "1 cache entries flushed\\n"}
                  - cache_stats: true
                    expect:
                      logs: ["Authentication cache hits 1/4 (25%)"]
                  - cache_flush: true
                    expect: {stdout: "1 cache entries flushed\\n"}
                """));
        assertThat(f.cases()).extracting(Case::advanceClock).containsExactly(0L, 600L, 1L, 0L, 0L, 0L, 0L);
        assertThat(f.cases().get(4).name()).isEqualTo("cache_flush a");
        List<CaseOutcome> out = CaseRunner.run(List.of(f), new CaseRunner.Options(2, null, false), (o, d, t) -> { });
        assertThat(out).allSatisfy(o -> assertThat(o.status()).as(o.report()).isEqualTo(CaseOutcome.Status.PASSED));
    }

    @Test
    void aFilterRunsTheCasesBeforeTheLastMatchToo() throws Exception {
        CaseFile f = counting("cases.yaml", 3);
        // "u1" matches the third and fourth cases; the first two set up the process's counts
        List<CaseFile> picked = CaseRunner.select(List.of(f), "auth_test u1");
        assertThat(picked.get(0).cases()).containsExactlyElementsOf(f.cases().subList(0, 4));
        List<CaseOutcome> out = CaseRunner.run(List.of(f), new CaseRunner.Options(1, "auth_test u1", false), (o, d, t) -> { });
        assertThat(out).hasSize(4).allSatisfy(o -> assertThat(o.status()).as(o.report())
                .isEqualTo(CaseOutcome.Status.PASSED));
    }

    @Test
    void aFailureReportsTheWholeFileAsItsRerun() throws Exception {
        CaseFile f = CaseFile.read(file("cases.yaml", """
                config: dovecot.conf
                one_auth_process: true
                cases:
                  - auth_test: {user: a, password: pw}
                    expect: {fields_subset: {calls: "2"}}
                """));
        CaseOutcome o = CaseRunner.run(List.of(f), new CaseRunner.Options(1, null, false), (x, d, t) -> { }).get(0);
        assertThat(o.report()).contains("rerun: dovelua test ", "its cases share one auth process");
    }

    @Test
    void cacheCommandsAndClockStepsNeedOneAuthProcess() throws Exception {
        Path f = file("cases.yaml", """
                config: dovecot.conf
                cases:
                  - advance_clock: 5
                    auth_test: {user: a, password: pw}
                    expect: {result: ok}
                  - cache_flush: true
                    expect: {stdout: "0 cache entries flushed\\n"}
                """);
        assertThatThrownBy(() -> CaseFile.read(f)).hasMessageContaining("cases.yaml:5:")
                .hasMessageContaining("advance_clock: needs one_auth_process: true at the top of the file")
                .hasMessageContaining("cases.yaml:8:").hasMessageContaining("cache_flush: needs one_auth_process");
    }

    @Test
    void mistakesInTheNewKeysAreNamed() throws Exception {
        Path clock = file("a.yaml", "config: dovecot.conf\none_auth_process: true\ncases:\n"
                + "  - advance_clock: soon\n    auth_test: {user: a, password: pw}\n    expect: {result: ok}\n");
        assertThatThrownBy(() -> CaseFile.read(clock)).hasMessageContaining("a.yaml:6:")
                .hasMessageContaining("advance_clock: ").hasMessageContaining("expected seconds or a time such as 90");
        Path flush = file("b.yaml", "config: dovecot.conf\none_auth_process: true\ncases:\n"
                + "  - cache_flush: {user: a}\n    expect: {}\n");
        assertThatThrownBy(() -> CaseFile.read(flush))
                .hasMessageContaining("cache_flush: expected true (the whole cache), a user or a list of users");
        Path result = file("c.yaml", "config: dovecot.conf\none_auth_process: true\ncases:\n"
                + "  - cache_flush: true\n    expect: {result: ok}\n");
        assertThatThrownBy(() -> CaseFile.read(result)).hasMessageContaining("result: cache_flush has no result");
    }

    @Test
    void shardsKeepAOneAuthProcessFileTogether() throws Exception {
        Random rnd = new Random(20261206L);
        CaseFile chained = counting("chained.yaml", 5);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + rnd.nextInt(6);
            List<Case> seen = new ArrayList<>();
            int holders = 0;
            for (int k = 1; k <= n; k++) {
                for (CaseFile part : CaseShards.select(List.of(chained), new CaseShards.Shard(k, n))) {
                    holders++;
                    assertThat(part.oneAuthProcess()).isTrue();
                    assertThat(part.cases()).as("seed 20261206 n=" + n).isEqualTo(chained.cases());
                    seen.addAll(part.cases());
                }
            }
            assertThat(holders).isEqualTo(1);
            assertThat(seen).hasSize(10);
        }
    }
}
