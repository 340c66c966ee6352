package org.dovelua.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.cases.CaseFile;
import org.dovelua.cases.CaseFiles;
import org.dovelua.cli.Main;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;
import org.junit.jupiter.api.Test;

/**
 * The README's worked example: the Nauthilus bridge and Nextcloud seed scripts
 * (../shared/seed-scripts, unmodified) under 2.4.1 through docs/migrate's case files. Skips in a
 * checkout without ../shared.
 */
class MigrateSeedScriptsTest {
    private static final Path SEEDS = Path.of("..", "..", "shared", "seed-scripts").toAbsolutePath().normalize();
    private static final Path CASES = Path.of("..", "docs", "migrate").toAbsolutePath().normalize();

    @Test
    void theSeedScriptsChangesAreRealAndNamed() throws Exception {
        assumeTrue(Files.isRegularFile(SEEDS.resolve("nauthilus-dovecot.lua"))
                && Files.isRegularFile(SEEDS.resolve("nextcloud-httpbasic.lua")), "no ../shared/seed-scripts");
        List<CaseFile> files = new ArrayList<>();
        for (Path p : CaseFiles.find(List.of(CASES))) {
            files.add(CaseFile.read(p));
        }
        MigrationReport r = Migration.run(files, new Migration.Options(DovecotVersion.parse("2.3.19"),
                DovecotVersion.parse("2.4.1"), true, 2));
        assertThat(Replay.check(r, files)).isGreaterThan(20);
        FileReport nextcloud = file(r, "seed-nextcloud.cases.yaml");
        // timeout/max_attempts/debug are 2.3 names; then "nopassword=y" is a string where 2.4.1 wants a table
        assertThat(rows(nextcloud.cases().get(0), Aspect.RESULT))
                .contains(Since.HTTP_CLIENT_24_SETTINGS, Since.PASSDB_RETURN_TYPES_CHECKED);
        assertThat(rows(nextcloud.cases().get(1), Aspect.RESULT)).containsExactly(Since.HTTP_CLIENT_24_SETTINGS);
        FileReport nauthilus = file(r, "seed-nauthilus.cases.yaml");
        // request.service is nil in 2.4: the JSON body loses "service"
        assertThat(rows(nauthilus.cases().get(0), Aspect.HTTP))
                .containsExactlyInAnyOrder(Since.VAR_EXPAND_24, Since.HTTP_CLIENT_24_SETTINGS);
        assertThat(r.files()).allMatch(f -> f.cases().stream().allMatch(CaseChange::changed));
    }

    /** The README's Nextcloud block is this command's output (paths aside: the README runs from the top). */
    @Test
    void theReadmeShowsTheRealOutput() throws Exception {
        Path seed = SEEDS.resolve("nextcloud-httpbasic.lua");
        assumeTrue(Files.isRegularFile(seed), "no ../shared/seed-scripts");
        Main.Result r = Main.capture("migrate", CASES.resolve("seed-nextcloud.cases.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        String top = CASES.getParent().getParent().toString() + "/";
        String printed = r.stdout().replace(top, "").replace(SEEDS.toString(), "SEEDS");
        String readme = Files.readString(CASES.getParent().getParent().resolve("README.md"));
        String command = "$ dovelua migrate docs/migrate/seed-nextcloud.cases.yaml\n";
        int at = readme.indexOf(command);
        assertThat(at).isPositive();
        String block = readme.substring(at + command.length(), readme.indexOf("```", at))
                .replaceAll("/\\S*/seed-scripts", "SEEDS");
        assertThat(block).isEqualTo(printed);
    }

    private static FileReport file(MigrationReport r, String name) {
        return r.files().stream().filter(f -> f.file().getFileName().toString().equals(name)).findFirst().orElseThrow();
    }

    private static List<Since> rows(CaseChange c, Aspect aspect) {
        return c.changes().stream().filter(a -> a.aspect() == aspect).findFirst().orElseThrow().attribution().rows();
    }
}
