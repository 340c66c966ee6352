package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dovelua.api.Result;
import org.dovelua.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exec stubs in case files ({@code exec:}, {@code expect: exec:}) and on the command line ({@code --exec}). */
class CaseExecTest {
    private static final String SCRIPT = String.join("\n",
            "function auth_passdb_lookup(req)",
            "  local f = io.popen('/usr/local/bin/checkpw ' .. req.user, 'w')",
            "  f:write(req.user, '\\n')",
            "  local ok, how, code = f:close()",
            "  local g = io.popen('/usr/local/bin/group ' .. req.user)",
            "  local group = g:read('l')",
            "  g:close()",
            "  if not ok then return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, how .. ' ' .. code end",
            "  return dovecot.auth.PASSDB_RESULT_OK, {nopassword = 'y', group = group}",
            "end",
            "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, {} end", "");

    @TempDir
    Path dir;

    private CaseFile caseFile(String... lines) throws Exception {
        Files.writeString(dir.resolve("auth.lua"), SCRIPT);
        return CaseFile.read(Files.writeString(dir.resolve("cases.yaml"), String.join("\n", lines) + "\n"));
    }

    private Result run(CaseFile f) {
        try (var d = f.setup().start()) {
            return f.cases().get(0).run(d);
        }
    }

    @Test
    void stubsFromFilesAndInlineAnswerInOrderAndTheCaseSeesWhatWasWritten() throws Exception {
        Files.writeString(dir.resolve("ok.yaml"), "stdout: ignored\nexit: 0\n");
        CaseFile f = caseFile("script: auth.lua",
                "exec:",
                "  /usr/local/bin/checkpw alice: ok.yaml",
                "  /usr/local/bin/checkpw *: {exit: 1, stderr: \"no\\n\"}",
                "  /usr/local/bin/group ?????: {stdout: \"staff\\nother\\n\"}",
                "cases:",
                "  - auth_lookup: alice",
                "    expect:",
                "      fields_subset: {group: staff}",
                "      exec:",
                "        - {command: /usr/local/bin/checkpw alice, mode: w, stdin: \"alice\\n\"}",
                "        - {command: /usr/local/bin/group alice, mode: r}");
        Result r = run(f);
        assertThat(r.result()).isEqualTo("found");
        assertThat(ExpectCheck.check(f.cases().get(0).expect(), r)).isEmpty();
        assertThat(r.exec()).extracting(Object::toString)
                .containsExactly("w /usr/local/bin/checkpw alice", "r /usr/local/bin/group alice");
    }

    @Test
    void aStubbedStderrIsLoggedAsTheAuthProcessStderrIsAndAWrongExpectationIsReported() throws Exception {
        CaseFile f = caseFile("script: auth.lua",
                "exec:",
                "  '*': {exit: 1, stderr: \"checkpw: locked\\n\"}",
                "cases:",
                "  - auth_lookup: bob",
                "    expect:",
                "      exec:",
                "        - {command: /usr/local/bin/checkpw bob, stdin: \"someone else\\n\"}");
        Result r = run(f);
        assertThat(r.logs()).contains("auth-worker: Error: checkpw: locked");
        assertThat(r.result()).isEqualTo("not_found");
        List<Mismatch> m = ExpectCheck.check(f.cases().get(0).expect(), r);
        assertThat(m).extracting(Object::toString).anySatisfy(s -> assertThat(s).contains("commands (1 expected, 2 started)"))
                .anySatisfy(s -> assertThat(s).contains("stdin").contains("someone else").contains("bob"));
    }

    @Test
    void anUnstubbedCommandIsAMissingProgramInTheLogWithAHint() throws Exception {
        CaseFile f = caseFile("script: auth.lua", "cases:", "  - auth_lookup: bob", "    expect: {}");
        Result r = run(f);
        assertThat(r.logs()).contains("auth-worker: Error: sh: 1: /usr/local/bin/checkpw: not found",
                "auth-worker: Error: sh: 1: /usr/local/bin/group: not found");
        assertThat(r.stderr()).contains("dovelua: hint: no exec stub answers the command `/usr/local/bin/checkpw bob`");
        assertThat(r.result()).isEqualTo("not_found");
    }

    @Test
    void mistakesAreNamedWithTheirPlace() throws Exception {
        Files.writeString(dir.resolve("both.yaml"), "stdout: x\nexit: 1\nsignal: 9\n");
        assertThatThrownBy(() -> caseFile("script: auth.lua", "exec:", "  x: both.yaml", "cases:",
                "  - {auth_lookup: a, expect: {}}"))
                .hasMessageContaining("both.yaml:3:").hasMessageContaining("give exit: or signal:, not both");
        assertThatThrownBy(() -> caseFile("script: auth.lua", "exec:", "  x: {exit: 300}", "cases:",
                "  - {auth_lookup: a, expect: {}}"))
                .hasMessageContaining("cases.yaml:3:").hasMessageContaining("exit must be an exit status from 0 to 255");
        assertThatThrownBy(() -> caseFile("script: auth.lua", "exec:", "  x: {stdot: a}", "cases:",
                "  - {auth_lookup: a, expect: {}}"))
                .hasMessageContaining("unknown key 'stdot' (expected one of: exit, signal, stderr, stdout)");
        assertThatThrownBy(() -> caseFile("script: auth.lua", "cases:",
                "  - {auth_lookup: a, expect: {exec: [{command: x, mode: rw}]}}"))
                .hasMessageContaining("mode: 'rw' is not how a script starts a command");
    }

    @Test
    void theCommandLineTakesExecStubsAndWarnsLoudlyAboutRealCommands() throws Exception {
        Files.writeString(dir.resolve("auth.lua"), SCRIPT);
        Files.writeString(dir.resolve("ok.yaml"), "exit: 0\n");
        String script = dir.resolve("auth.lua").toString();
        Main.Result stubbed = Main.capture(new String[] {"--script", script,
                "--exec", "/usr/local/bin/checkpw *=" + dir.resolve("ok.yaml"), "auth", "lookup", "alice"});
        assertThat(stubbed.stdout()).contains("passdb: alice");
        assertThat(stubbed.stderr()).doesNotContain("checkpw: not found").contains("group: not found");
        assertThat(stubbed.stderr()).doesNotContain("WARNING");
        Main.Result bad = Main.capture(new String[] {"--script", script, "--exec", "nofile", "auth", "lookup", "a"});
        assertThat(bad.exitCode()).isEqualTo(64);
        assertThat(bad.stderr()).startsWith("dovelua: --exec nofile: expected 'PATTERN'=FILE");
        Main.Result real = Main.capture(new String[] {"--script", script, "--allow-exec", "auth", "lookup", "a"});
        assertThat(real.stderr()).containsOnlyOnce("dovelua: WARNING: --allow-exec: scripts run real commands")
                .contains("auth-worker: Error: sh: 1: /usr/local/bin/checkpw: not found") // really run by dash
                .doesNotContain("hint: no exec stub");
    }
}
