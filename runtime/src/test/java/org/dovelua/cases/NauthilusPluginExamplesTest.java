package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dovelua.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's own Nauthilus plugin examples in scripts/nauthilus-plugins pass under
 * {@code dovelua test}, one per branch the issue names, and their JUnit XML counts the same cases.
 */
class NauthilusPluginExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "scripts", "nauthilus-plugins").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void everyExampleCasePasses() throws Exception {
        List<Path> files = CaseFiles.find(List.of(EXAMPLES));
        int cases = 0;
        for (Path f : files) {
            cases += CaseFile.read(f).cases().size();
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).containsExactly(
                "account_status_hook.cases.yaml", "blocklist.cases.yaml", "failed_login_tracker.cases.yaml",
                "geoip_policy.cases.yaml", "sql_backend.cases.yaml");
        Path xml = tmp.resolve("report.xml");
        Main.Result r = Main.capture("test", "--junit-xml", xml.toString(), EXAMPLES.toString());
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        assertThat(r.stdout()).isEqualTo(cases + " passed, 0 failed\n");
        assertThat(Files.readString(xml)).contains("tests=\"" + cases + "\" failures=\"0\"");
    }

    @Test
    void theBranchesTheIssueNamesAreCases() throws Exception {
        assertThat(names("sql_backend.cases.yaml")).contains("alice is found and her password matches",
                "an unknown user is not found, and no password is compared",
                "a wrong password finds the user but does not authenticate");
        assertThat(names("blocklist.cases.yaml")).contains("a listed address triggers, with a status message",
                "an address not listed goes on", "the service down (connection dropped) does not trigger, and fails the check");
        // issue 14: the blocklist service is an HTTP stub, and each case that asks it checks the request sent
        CaseFile blocklist = CaseFile.read(EXAMPLES.resolve("blocklist.cases.yaml"));
        assertThat(blocklist.setup().stubs()).extracting(Setup.Stub::kind).containsExactly("static");
        assertThat(blocklist.cases()).allSatisfy(c -> {
            assertThat(c.plugin().fixture().has("http_client")).isFalse();
            assertThat(blocklist.setup().nauthilus().fixture().has("http_client")).isFalse();
        });
        assertThat(blocklist.cases()).filteredOn(c -> c.plugin().expect().http() != null).hasSizeGreaterThanOrEqualTo(4);
        assertThat(names("geoip_policy.cases.yaml")).contains("a login from an allowed country is accepted",
                "a login from another country is rejected with a status message");
        assertThat(CaseFile.read(EXAMPLES.resolve("failed_login_tracker.cases.yaml")).cases())
                .allSatisfy(c -> assertThat(c.plugin().expect().redis()).isNotNull());
        assertThat(CaseFile.read(EXAMPLES.resolve("account_status_hook.cases.yaml")).cases())
                .allSatisfy(c -> assertThat(c.plugin().expect().returns()).containsKey("answer"));
    }

    /** A broken copy fails: the examples' expectations are not vacuous. */
    @Test
    void aBrokenCopyFails() throws Exception {
        for (String f : List.of("failed_login_tracker.lua", "failed_login_tracker.cases.yaml")) {
            Files.copy(EXAMPLES.resolve(f), tmp.resolve(f));
        }
        Path lua = tmp.resolve("failed_login_tracker.lua");
        Files.writeString(lua, Files.readString(lua).replace("request.client_ip, 1)", "request.client_ip, 2)"));
        Main.Result r = Main.capture("test", tmp.resolve("failed_login_tracker.cases.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).contains("a failed login is counted per account and per address\n")
                .contains("  redis key ntc:failed:alice@example.org differs (- expected, + actual):\n"
                        + "      hash\n    -   198.51.100.7: 3\n    +   198.51.100.7: 4\n")
                .contains("  rerun: dovelua test ").endsWith("2 passed, 2 failed\n");
    }

    private static List<String> names(String file) throws Exception {
        return CaseFile.read(EXAMPLES.resolve(file)).cases().stream().map(Case::name).toList();
    }
}
