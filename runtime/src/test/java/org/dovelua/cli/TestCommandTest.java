package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code dovelua test}: output, exit codes and the JUnit XML report. */
class TestCommandTest {
    @TempDir
    Path dir;

    private Path suite(String name, String cases) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("auth.lua"), "function auth_passdb_lookup(req)\n"
                + "  if req.user == 'alice' then return dovecot.auth.PASSDB_RESULT_OK, 'password=pw' end\n"
                + "  return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, 'no'\nend\n"
                + "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, 'uid=1000' end\n");
        Path f = d.resolve("cases.yaml");
        Files.writeString(f, "script: auth.lua\ncases:\n" + cases);
        return f;
    }

    @Test
    void allPassing() throws Exception {
        suite("a", "  - auth_test: {user: alice, password: pw}\n    expect: {result: ok}\n"
                + "  - auth_test: {user: bob, password: pw}\n    expect: {result: user_unknown, exit: 77}\n"
                + "  - user: bob\n    skip: later\n");
        Main.Result r = Main.capture("test", dir.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("2 passed, 0 failed, 1 skipped\n");
    }

    @Test
    void showLogsListsPassingCasesWithTheirLogAndRerunLine() throws Exception {
        Path f = suite("v", "  - name: bob is unknown\n    auth_test: {user: bob, password: pw}\n"
                + "    expect: {result: user_unknown, exit: 77}\n");
        Main.Result r = Main.capture("test", "--show-logs", f.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("PASS " + f + ":3: bob is unknown\n"
                + "  (ran: auth test bob, exit 77, result user_unknown)\n")
                .contains("  rerun: dovelua --script " + f.resolveSibling("auth.lua") + " auth test bob pw\n")
                .endsWith("1 passed, 0 failed\n");
        assertThat(Main.capture("test", f.toString()).stdout()).isEqualTo("1 passed, 0 failed\n");
    }

    @Test
    void aFailureIsADiffWithItsFileAndLineAndExitsNonZero() throws Exception {
        Path f = suite("b", "  - name: alice is let in\n    auth_test: {user: alice, password: pw}\n"
                + "    expect:\n      stdout: \"passdb: alice auth failed\\n\"\n");
        Main.Result r = Main.capture("test", "--jobs", "2", f.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo("FAIL " + f + ":3: alice is let in\n"
                + "  stdout differs (- expected, + actual):\n"
                + "    - passdb: alice auth failed\n"
                + "    + passdb: alice auth succeeded\n"
                + "    + extra fields:\n"
                + "    +   user=alice\n"
                + "  (ran: auth test alice, exit 0, result ok)\n"
                + "  rerun: dovelua --script " + f.resolveSibling("auth.lua") + " auth test alice pw\n\n"
                + "0 passed, 1 failed\n");
    }

    @Test
    void anUnreadableCaseFileIsAFailureWithItsLocation() throws Exception {
        Path f = suite("c", "  - user: bob\n    expect: {reslt: found}\n");
        Main.Result r = Main.capture("test", f.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo("ERROR " + f + ":4:14: unknown key 'reslt' in expect (expected one of: "
                + "result, exit, fields, fields_subset, absent_fields, logs, stdout, users, http, exec)\n\n0 passed, 1 failed\n");
        assertThat(r.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void junitXmlCountsTheSameCases() throws Exception {
        suite("d", "  - auth_test: {user: alice, password: pw}\n    expect: {result: ok}\n"
                + "  - auth_test: {user: alice, password: pw}\n    expect: {result: user_unknown}\n"
                + "  - user: bob\n    skip: later\n");
        suite("e", "  - user: bob\n    expect: {bad: 1}\n");
        Path xml = dir.resolve("out/report.xml");
        Main.Result r = Main.capture("test", "--junit-xml", xml.toString(), dir.toString());
        assertThat(r.stdout()).endsWith("1 passed, 2 failed, 1 skipped\n");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        var root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("4");
        assertThat(root.getAttribute("failures")).isEqualTo("2");
        assertThat(root.getAttribute("skipped")).isEqualTo("1");
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(4);
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("failure").item(0).getTextContent()).contains("result\n  expected: user_unknown");
    }

    /**
     * The report names case files as the console does (relative to where the run started), and a
     * case's time is its request's: the first case does not carry its auth process's start-up
     * (here a non-blocking Lua passdb, loaded as the auth process starts, whose body spins for
     * 1.5 s, far longer than any lookup takes).
     */
    @Test
    void junitXmlNamesFilesRelativelyAndTimesTheRequestOnly() throws Exception {
        Path below = Files.createDirectories(Path.of("target", "junit-xml-relative"));
        Files.writeString(below.resolve("auth.lua"), "local t = os.clock() while os.clock() - t < 1.5 do end\n"
                + "function auth_passdb_lookup(req) return dovecot.auth.PASSDB_RESULT_OK, 'password=pw' end\n");
        Files.writeString(below.resolve("dovecot.conf"), "passdb {\n  driver = lua\n"
                + "  args = file=/etc/dovecot/auth.lua blocking=no\n}\nuserdb {\n  driver = static\n"
                + "  args = uid=1000 gid=1000 home=/home/%u\n}\n");
        Files.writeString(below.resolve("cases.yaml"), "config: dovecot.conf\n"
                + "mounts: {/etc/dovecot/auth.lua: auth.lua}\ncases:\n"
                + "  - auth_test: {user: alice, password: pw}\n    expect: {result: ok}\n");
        Path xml = dir.resolve("report.xml");
        Main.Result r = Main.capture("test", "--junit-xml", xml.toString(), below.toString());
        assertThat(r.stdout()).isEqualTo("1 passed, 0 failed\n");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        var testcase = (org.w3c.dom.Element) doc.getElementsByTagName("testcase").item(0);
        assertThat(testcase.getAttribute("file")).isEqualTo(Path.of("target", "junit-xml-relative", "cases.yaml").toString());
        assertThat(testcase.getAttribute("classname")).isEqualTo(testcase.getAttribute("file"));
        assertThat(Double.parseDouble(testcase.getAttribute("time"))).isLessThan(1.5);
    }

    @Test
    void filterAndUsageErrors() throws Exception {
        suite("f", "  - name: first\n    user: bob\n    expect: {}\n  - name: second\n    user: bob\n    expect: {}\n");
        assertThat(Main.capture("test", "--filter", "SECOND", dir.toString()).stdout()).isEqualTo("1 passed, 0 failed\n");
        Main.Result missing = Main.capture("test", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(64);
        assertThat(missing.stderr()).isEqualTo("dovelua: test: " + dir.resolve("nope") + ": no such file or directory\n");
        assertThat(Main.capture("test", "--jobs", "0", dir.toString()).exitCode()).isEqualTo(64);
        Main.Result ignored = Main.capture("--script", "x.lua", "test", dir.toString());
        assertThat(ignored.stderr()).isEqualTo("dovelua: test: -c, --script and --mount are ignored here: "
                + "each case file names its own config:, script: and mounts:\n");
        assertThat(ignored.exitCode()).isZero();
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(Main.capture("test", empty.toString()).stderr()).startsWith("dovelua: test: no case files");
    }
}
