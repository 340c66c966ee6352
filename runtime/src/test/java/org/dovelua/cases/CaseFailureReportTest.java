package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed case says why (issue 18): the request's auth log, dovelua's hints, and a {@code rerun:}
 * command that sends the same request from a shell and gets the same answer.
 */
class CaseFailureReportTest {
    @TempDir
    Path dir;

    @Test
    void aFailureShowsTheLogTheHintsAndACommandThatReproducesIt() throws Exception {
        Files.writeString(dir.resolve("auth.lua"), String.join("\n",
                "function auth_passdb_lookup(req)",
                "  local f, err = io.open('/etc/dovecot/users')",
                "  if not f then req:log_error('cannot read users: ' .. err) return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, err end",
                "  return dovecot.auth.PASSDB_RESULT_OK, 'password=pw'",
                "end",
                "function auth_userdb_lookup(req) return dovecot.auth.USERDB_RESULT_OK, 'uid=1000' end", ""));
        Files.writeString(dir.resolve("secrets"), "x");
        Path cases = Files.writeString(dir.resolve("cases.yaml"), String.join("\n",
                "script: auth.lua",
                "auth_verbose: true",
                "env: {MODE: \"it's on\"}",
                "mounts: {/etc/dovecot/secrets: secrets}",
                "cases:",
                "  - name: alice is let in",
                "    auth_test: {user: alice, password: 'p w', rip: 10.0.0.1}",
                "    expect: {result: ok}", ""));
        CaseFile file = CaseFile.read(cases);
        CaseOutcome o = CaseRunner.run(List.of(file), new CaseRunner.Options(1, null, false), (x, d, t) -> { })
                .get(0);
        String report = o.report();
        assertThat(report).contains("(ran: auth test",
                "log:\n  auth-worker: Error: lua(alice,10.0.0.1): db-lua: cannot read users: /etc/dovecot/users: No such file or directory\n",
                "dovelua: hint: /etc/dovecot/users is not mounted");
        String rerun = report.lines().filter(l -> l.startsWith("rerun: ")).findFirst().orElseThrow()
                .substring("rerun: ".length());
        assertThat(rerun).isEqualTo("dovelua --script " + dir.resolve("auth.lua") + " --mount /etc/dovecot/secrets="
                + dir.resolve("secrets") + " --env 'MODE=it'\\''s on' --log-level info auth test -x rip=10.0.0.1 alice 'p w'");

        List<String> args = shellWords(rerun);
        assertThat(args.remove(0)).isEqualTo("dovelua");
        Main.Result cli = Main.capture(args.toArray(String[]::new));
        assertThat(cli.exitCode()).isEqualTo(o.result().exitCode());
        assertThat(cli.stdout()).isEqualTo(o.result().stdout());
    }

    /** The shell's reading of a line of plain words, single-quoted parts and backslash escapes. */
    private static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' ) {
                quoted = !quoted;
                any = true;
            } else if (c == '\\' && !quoted) {
                w.append(line.charAt(++i));
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    words.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(w.toString());
        }
        return words;
    }
}
