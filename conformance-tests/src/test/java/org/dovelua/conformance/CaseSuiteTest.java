package org.dovelua.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dovelua.cases.CaseFile;
import org.dovelua.cases.CaseFiles;
import org.dovelua.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** {@code dovelua test} over the examples: they pass, a broken copy fails readably, big suites run. */
class CaseSuiteTest {
    private static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private static int caseCount(Path... paths) throws Exception {
        int n = 0;
        for (Path f : CaseFiles.find(List.of(paths))) {
            n += CaseFile.read(f).cases().size();
        }
        return n;
    }

    @Test
    void theExamplesPass() throws Exception {
        Main.Result r = Main.capture("test", SCRIPTS.toString());
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        assertThat(r.stdout()).isEqualTo(caseCount(SCRIPTS) + " passed, 0 failed\n");
    }

    @Test
    void aBrokenCopyFailsWithAReadableDiffAndTheXmlCountsTheSameCases() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("passwd-file"));
        try (Stream<Path> files = Files.list(SCRIPTS.resolve("passwd-file"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        // the deliberate break: alice's password in the fixture no longer matches the cases
        Path users = copy.resolve("users");
        Files.writeString(users, Files.readString(users).replace("{PLAIN}wonderland", "{PLAIN}rabbit"));
        Path xml = dir.resolve("report.xml");
        Main.Result r = Main.capture("test", "--junit-xml", xml.toString(), copy.toString());
        Path cases = copy.resolve("cases.yaml");
        int total = caseCount(copy);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).contains("FAIL " + cases + ":8: alice logs in with her password\n"
                + "  result\n    expected: ok\n    actual:   password_mismatch\n"
                + "  exit code\n    expected: 0\n    actual:   77\n")
                .contains("  stdout differs (- expected, + actual):\n"
                        + "    - passdb: alice auth succeeded\n    + passdb: alice auth failed\n")
                .endsWith((total - 1) + " passed, 1 failed\n");
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        assertThat(root.getAttribute("tests")).isEqualTo(String.valueOf(total));
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getElementsByTagName("testcase").getLength()).isEqualTo(total);
        Element failure = (Element) root.getElementsByTagName("failure").item(0);
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("alice logs in with her password");
        assertThat(failure.getTextContent()).contains("expected: ok");
    }

    @Test
    void aThousandGeneratedCasesRunThroughDoveluaTest() throws Exception {
        Files.writeString(dir.resolve("auth.lua"), String.join("\n",
                "function auth_passdb_lookup(req)",
                "  local n = tonumber(req.user:match('^u(%d+)$'))",
                "  if n == nil then return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, 'no' end",
                "  return dovecot.auth.PASSDB_RESULT_OK, 'password=pw' .. n .. ' n=' .. n",
                "end",
                "function auth_userdb_lookup(req)",
                "  if req.user:match('^u%d+$') == nil then return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, 'no' end",
                "  return dovecot.auth.USERDB_RESULT_OK, 'uid=1000 gid=1000 home=/home/' .. req.user",
                "end", ""));
        StringBuilder sb = new StringBuilder("script: auth.lua\ncases:\n");
        for (int i = 0; i < 1000; i++) {
            switch (i % 4) {
                case 0:
                    sb.append("  - auth_test: {user: u").append(i).append(", password: pw").append(i)
                            .append(", service: imap, rip: 10.0.0.1}\n    expect: {result: ok, fields_subset: {n: \"")
                            .append(i).append("\"}}\n");
                    break;
                case 1:
                    sb.append("  - auth_test: {user: u").append(i).append(", password: wrong}\n")
                            .append("    expect: {result: password_mismatch, exit: 77}\n");
                    break;
                case 2:
                    sb.append("  - user: u").append(i).append("\n    expect: {result: found, fields: {uid: \"1000\", ")
                            .append("gid: \"1000\", home: /home/u").append(i).append("}}\n");
                    break;
                default:
                    sb.append("  - auth_lookup: x").append(i).append("\n    expect: {result: not_found, exit: 67}\n");
            }
        }
        Path f = dir.resolve("generated.cases.yaml");
        Files.writeString(f, sb.toString());
        long start = System.nanoTime();
        Main.Result r = Main.capture("test", "--jobs", "4", "--junit-xml", dir.resolve("g.xml").toString(), f.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        // reported, not asserted
        System.out.println("dovelua test: 1000 generated cases on 4 workers in " + millis + " ms");
        assertThat(r.stdout()).isEqualTo("1000 passed, 0 failed\n");
        assertThat(r.exitCode()).isZero();
    }
}
