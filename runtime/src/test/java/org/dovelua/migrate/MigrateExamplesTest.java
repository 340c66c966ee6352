package org.dovelua.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.cases.CaseFile;
import org.dovelua.cases.CaseFiles;
import org.dovelua.cli.Main;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code dovelua migrate} over the project's examples (scripts/): the report is what real runs
 * under 2.3.19 and 2.4.1 show ({@link Replay}), every change has its rows, and the command line
 * prints it and exits 1.
 */
class MigrateExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "scripts").toAbsolutePath().normalize();
    private static List<CaseFile> files;
    private static MigrationReport report;

    @BeforeAll
    static void migrate() throws Exception {
        files = new ArrayList<>();
        for (Path p : CaseFiles.find(List.of(EXAMPLES))) {
            files.add(CaseFile.read(p));
        }
        report = Migration.run(files, new Migration.Options(DovecotVersion.parse("2.3.19"),
                DovecotVersion.parse("2.4.1"), true, 2));
    }

    @Test
    void theReportIsWhatRunsUnderEachReleaseShow() throws Exception {
        assertThat(Replay.check(report, files)).isGreaterThan(100);
        assertThat(report.changed()).isTrue();
    }

    @Test
    void everyChangeIsAttributedToRowsOfTheTable() {
        for (FileReport f : report.files()) {
            for (CaseChange c : f.cases()) {
                for (CaseChange.AspectChange a : c.changes()) {
                    assertThat(a.attribution().kind()).as(f.file() + ": " + c.testCase().name() + " " + a.aspect())
                            .isNotEqualTo(Attribution.Kind.NONE);
                }
            }
        }
        // the 2.3 HTTP settings of the Nauthilus and Nextcloud examples, and 2.4's variable table
        assertThat(report.rows()).containsKeys(Since.HTTP_CLIENT_24_SETTINGS, Since.VAR_EXPAND_24, Since.LOG_PREFIX_24);
    }

    @Test
    void theExamplesConfigsConvertAndLoad() {
        FileReport nauthilus = report.files().stream()
                .filter(f -> f.file().endsWith(Path.of("nauthilus", "cases.yaml"))).findFirst().orElseThrow();
        assertThat(nauthilus.convertedConfigUsed()).isTrue();
        assertThat(nauthilus.config().text()).contains("passdb lua {\n  lua_file = /etc/dovecot/auth.lua\n}\n",
                "userdb lua {\n  lua_file = /etc/dovecot/auth.lua\n}\n");
        FileReport lua24 = report.files().stream()
                .filter(f -> f.file().endsWith(Path.of("lua-settings-24", "cases.yaml"))).findFirst().orElseThrow();
        assertThat(lua24.config().text()).isNull();
    }

    @Test
    void theCommandLinePrintsTheReportAndJson() throws Exception {
        Path helper = EXAMPLES.resolve("helper-program");
        Main.Result text = Main.capture("migrate", helper.toString());
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.stdout()).startsWith("dovelua migrate: 2.3.19 -> 2.4.1\n")
                .contains("the 2.4.1 runs read this converted config", "caused by LOG_PREFIX_24",
                        "Rules behind the changes, and the edit that keeps 2.3.19's behaviour:");
        Main.Result json = Main.capture("migrate", "--json", helper.toString());
        JsonNode j = new ObjectMapper().readTree(json.stdout());
        assertThat(j.get("changed").asBoolean()).isTrue();
        assertThat(j.get("rules").has("LOG_PREFIX_24")).isTrue();
        assertThat(j.get("files").get(0).get("cases").get(0).get("status").asText()).isIn("same", "changed");
        assertThat(Main.capture("migrate", "--to", "3.0", helper.toString()).exitCode()).isEqualTo(64);
    }
}
