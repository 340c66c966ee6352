package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code dovelua init}: each scenario's folder has a config, a script and cases that pass as written. */
class InitCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"--passwd-file", "--nextcloud", "--nauthilus", "--sql", "--helper"})
    void eachScenarioStartsAFolderWhoseCasesPass(String scenario) throws Exception {
        Path target = dir.resolve("auth");
        Main.Result init = Main.capture("init", scenario, target.toString());
        assertThat(init.exitCode()).as(init.stderr()).isZero();
        assertThat(target.resolve("dovecot.conf")).exists();
        assertThat(target.resolve("auth.lua")).exists();
        Main.Result test = Main.capture("test", target.toString());
        assertThat(test.exitCode()).as(test.stdout()).isZero();
        assertThat(test.stdout()).matches("(?s).*\\n?[1-9][0-9]* passed, 0 failed\\n");
    }

    @Test
    void theDefaultIsThePasswdFileAndNothingIsOverwritten() throws Exception {
        Path target = Files.createDirectories(dir.resolve("here"));
        Files.writeString(target.resolve("dovecot.conf"), "mine\n");
        Main.Result clash = Main.capture("init", target.toString());
        assertThat(clash.exitCode()).isEqualTo(64);
        assertThat(clash.stderr()).contains("dovecot.conf exists: init writes into an empty folder");
        assertThat(Files.readString(target.resolve("dovecot.conf"))).isEqualTo("mine\n");
        assertThat(target.resolve("auth.lua")).doesNotExist();
        assertThat(InitCommand.files("passwd-file")).containsAll(List.of("auth.lua", "cases.yaml", "dovecot.conf"));
    }
}
