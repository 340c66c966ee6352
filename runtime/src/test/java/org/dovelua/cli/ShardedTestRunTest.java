package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code test --shard K/N} over a suite, and {@code --merge-junit} joining the shards' reports. */
class ShardedTestRunTest {
    @TempDir
    Path dir;

    @Test
    void shardsRunEveryCaseOnceAndTheirReportsMergeIntoOne() throws Exception {
        Files.writeString(dir.resolve("auth.lua"),
                "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, 'uid=1' end\n");
        StringBuilder cases = new StringBuilder("script: auth.lua\ncases:\n");
        for (int i = 0; i < 7; i++) {
            cases.append("  - user: u").append(i).append("\n    expect: {result: found}\n");
        }
        Files.writeString(dir.resolve("a.cases.yaml"), cases.toString());
        Files.writeString(dir.resolve("b.cases.yaml"), cases.toString().replace("expect: {result: found}\n",
                "expect: {result: not_found}\n"));
        int passed = 0;
        int failed = 0;
        for (int k = 1; k <= 3; k++) {
            Main.Result r = Main.capture("test", "--shard", k + "/3", "--junit-xml", dir.resolve("r" + k + ".xml").toString(),
                    dir.toString());
            String last = r.stdout().lines().reduce((a, b) -> b).orElse("");
            passed += Integer.parseInt(last.replaceAll("^(\\d+) passed.*", "$1"));
            failed += Integer.parseInt(last.replaceAll("^\\d+ passed, (\\d+) failed.*", "$1"));
        }
        assertThat(passed).isEqualTo(7);
        assertThat(failed).isEqualTo(7);
        Path merged = dir.resolve("out/merged.xml");
        Main.Result m = Main.capture("test", "--merge-junit", merged.toString(), dir.resolve("r1.xml").toString(),
                dir.resolve("r2.xml").toString(), dir.resolve("r3.xml").toString());
        assertThat(m.exitCode()).as(m.stderr()).isZero();
        String xml = Files.readString(merged);
        assertThat(xml).contains("<testsuites errors=\"0\" failures=\"7\" name=\"dovelua test\" skipped=\"0\" tests=\"14\">");
        assertThat(xml.split("<testcase ", -1)).hasSize(15);
        Main.Result bad = Main.capture("test", "--merge-junit", merged.toString(), dir.resolve("auth.lua").toString());
        assertThat(bad.exitCode()).isEqualTo(65);
        assertThat(bad.stderr()).contains("dovelua: test: --merge-junit: " + dir.resolve("auth.lua") + ": not an XML report");
    }
}
