package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dovelua test --coverage [--coverage-format lcov|cobertura] [--coverage-output PATH]}: the
 * summary after the cases, the report written, and genhtml (Debian's {@code lcov}) accepting it.
 */
class TestCoverageCommandTest {
    @TempDir
    Path dir;

    /** Executable: 1, 2, 3, 5, 6 (the chunk's CLOSURE of the first function) and 7; only 5 is missed. */
    private Path suite() throws Exception {
        Files.writeString(dir.resolve("auth.lua"), String.join("\n",
                "function auth_passdb_lookup(req)",
                "  if req.user == 'alice' then",
                "    return dovecot.auth.PASSDB_RESULT_OK, 'password=pw'",
                "  end",
                "  return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, 'no'",
                "end",
                "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, 'uid=1000' end",
                ""));
        Path f = dir.resolve("cases.yaml");
        Files.writeString(f, "script: auth.lua\ncases:\n  - auth_test: {user: alice, password: pw}\n"
                + "    expect: {result: ok}\n");
        return f;
    }

    @Test
    void printsTheSummaryAndWritesLcov() throws Exception {
        Path f = suite();
        Path out = dir.resolve("out/lcov.info");
        Main.Result r = Main.capture("test", "--coverage", "--coverage-output", out.toString(), f.toString());
        assertThat(r.exitCode()).isZero();
        Path script = dir.resolve("auth.lua").toRealPath();
        Path shown = Path.of("").toAbsolutePath().relativize(script);
        assertThat(r.stdout()).isEqualTo("1 passed, 0 failed\n"
                + "Coverage:\n"
                + "  " + (script.startsWith(Path.of("").toAbsolutePath()) ? shown : script)
                + ": lines 5/6 (83.3%), if arms 1/1, uncovered: 5\n"
                + "  total: lines 5/6 (83.3%), if arms 1/1 (100.0%)\n"
                + "dovelua: test: wrote lcov coverage to " + out + "\n");
        assertThat(Files.readString(out)).startsWith("TN:\nSF:" + script + "\nBRDA:2,0,0,1\nBRF:1\nBRH:1\n")
                .contains("DA:5,0\n").endsWith("LF:6\nLH:5\nend_of_record\n");
    }

    @Test
    void writesCobertura() throws Exception {
        Path f = suite();
        Path out = dir.resolve("coverage.xml");
        Main.Result r = Main.capture("test", "--coverage", "--coverage-format", "cobertura", "--coverage-output",
                out.toString(), f.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(Files.readString(out)).contains("<coverage line-rate=\"0.8333\" branch-rate=\"1\" ")
                .contains("<line number=\"2\" hits=\"1\" branch=\"true\" condition-coverage=\"100% (1/1)\"/>");
    }

    @Test
    void withoutCoverageNothingIsCountedOrWritten() throws Exception {
        Path f = suite();
        Main.Result r = Main.capture("test", f.toString());
        assertThat(r.stdout()).isEqualTo("1 passed, 0 failed\n");
        assertThat(dir.resolve("lcov.info")).doesNotExist();
    }

    /** genhtml (Debian's lcov package; .ci/run installs it) reads the report; skipped without it. */
    @Test
    void genhtmlAcceptsTheLcovReport() throws Exception {
        assumeTrue(onPath("genhtml"), "genhtml (Debian package lcov) is not installed");
        Path f = suite();
        Path out = dir.resolve("lcov.info");
        assertThat(Main.capture("test", "--coverage", "--coverage-output", out.toString(), f.toString()).exitCode())
                .isZero();
        Process p = new ProcessBuilder("genhtml", "--branch-coverage", "-o", dir.resolve("html").toString(),
                out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("lines......: 83.3% (5 of 6 lines)");
        assertThat(dir.resolve("html/index.html")).exists();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
