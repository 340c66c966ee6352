package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Main builds only the command a command line names (DoveluaCommand.commandLine); what a user sees
 * must not change: root help lists every command wherever a command's name appears.
 */
class CommandModelTest {
    @Test
    void rootHelpListsEveryCommandEvenNextToACommandName() {
        for (String[] args : new String[][] {{"--help"}, {"--help", "auth"}, {"-h", "user"}}) {
            Main.Result r = Main.capture(args);
            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).contains("  auth ", "  user ", "  check ", "  migrate ", "  serve ");
        }
    }

    @Test
    void aCommandLineNamingOneCommandStillRunsIt() {
        Main.Result r = Main.capture("auth", "test", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("Usage: dovelua auth test ");
        assertThat(Main.capture("--version", "user").stdout()).isEqualTo("dovelua 0.1.0\n");
    }
}
