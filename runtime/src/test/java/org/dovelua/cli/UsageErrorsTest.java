package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A mistyped command line is told what to type instead (issue 18). */
class UsageErrorsTest {
    private static Main.Result run(String... args) {
        return Main.capture(args);
    }

    @Test
    void aGlobalOptionAfterTheCommandIsExplained() {
        Main.Result r = run("auth", "test", "--script", "auth.lua", "alice", "pw");
        assertThat(r.exitCode()).isEqualTo(64);
        assertThat(r.stderr()).startsWith("dovelua: --script is a global option: put it before `auth test`"
                + " (dovelua --script FILE.lua auth test ...)\nUsage: dovelua auth test ");
        assertThat(run("user", "-c=dovecot.conf", "bob").stderr())
                .startsWith("dovelua: -c is a global option: put it before `user` (dovelua -c=dovecot.conf user ...)");
    }

    @Test
    void misspelledCommandsAndOptionsGetDidYouMean() {
        assertThat(run("auht", "test").stderr()).startsWith("dovelua: unknown command 'auht'; did you mean 'auth'?\n");
        assertThat(run("--script", "a.lua", "usr", "bob").stderr())
                .startsWith("dovelua: unknown command 'usr'; did you mean 'user'?\n");
        assertThat(run("--scirpt", "a.lua", "auth", "test", "a", "b").stderr())
                .startsWith("dovelua: unknown option '--scirpt'; did you mean '--script'?\n");
        assertThat(run("auth", "test", "--tiemout", "3", "a", "b").stderr())
                .startsWith("dovelua: unknown option '--tiemout' for `auth test`; did you mean '--timeout'"
                        + " (a global option: put it before `auth test`)?\n");
        assertThat(run("test", "--fail-fsat", "x").stderr())
                .startsWith("dovelua: unknown option '--fail-fsat' for `test`; did you mean '--fail-fast'?\n");
        assertThat(run("frobnicate").stderr()).startsWith("dovelua: unknown command 'frobnicate'\n");
    }

    @Test
    void pwHasHelpThoughItsDashVIsReverseVerify() {
        Main.Result r = run("pw", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("Usage: dovelua pw ").contains("--reverse-verify");
    }

    @Test
    void completionScriptsAreGenerated() {
        Main.Result r = run("generate-completion");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("complete -F").contains("auth").contains("--script");
    }

    @Test
    void didYouMeanIsWithinTwoEdits() {
        assertThat(org.dovelua.lib.EditDistance.osa("auht", "auth")).isEqualTo(1);
        assertThat(UsageErrors.didYouMean("--jbos", Set.of("--jobs", "--junit-xml"))).isEqualTo("; did you mean '--jobs'?");
        assertThat(UsageErrors.didYouMean("xyz", Set.of("auth", "user"))).isEmpty();
    }
}
