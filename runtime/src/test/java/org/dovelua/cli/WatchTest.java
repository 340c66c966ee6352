package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --watch}: what counts as a change, and a re-run after an edit (polls driven by the test). */
class WatchTest {
    @TempDir
    Path dir;

    @Test
    void editsNewFilesAndRemovalsAreChanges() throws Exception {
        Path a = Files.writeString(dir.resolve("a.lua"), "x");
        Watch w = new Watch(() -> List.of(dir));
        assertThat(w.fileCount()).isEqualTo(1);
        assertThat(w.awaitChange(() -> false)).isFalse();
        AtomicInteger polls = new AtomicInteger();
        // nothing changes for two polls, then an edit
        assertThat(w.awaitChange(() -> {
            if (polls.incrementAndGet() == 3) {
                write(a, "xy");
            }
            return polls.get() <= 3;
        })).isTrue();
        assertThat(polls.get()).isEqualTo(3);
        assertThat(w.awaitChange(() -> write(dir.resolve("b.lua"), "new"))).isTrue();
        assertThat(w.awaitChange(() -> delete(a))).isTrue();
        assertThat(w.fileCount()).isEqualTo(1);
    }

    @Test
    void modulesInSubfoldersCountButVersionControlAndBuildOutputDoNot() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.createDirectories(dir.resolve(".git/objects"));
        Files.createDirectories(dir.resolve("target/classes"));
        Files.writeString(dir.resolve("lib/util.lua"), "return {}");
        Files.writeString(dir.resolve(".git/objects/x"), "blob");
        Files.writeString(dir.resolve("target/classes/y"), "class");
        Watch w = new Watch(() -> List.of(dir));
        assertThat(Watch.snapshot(List.of(dir))).containsOnlyKeys(dir.resolve("lib/util.lua"));
        AtomicInteger polls = new AtomicInteger();
        // one poll after the build output changed, then stop: no change seen
        assertThat(w.awaitChange(() -> polls.incrementAndGet() == 1 && write(dir.resolve("target/classes/y"), "rebuilt")))
                .isFalse();
        assertThat(w.awaitChange(() -> write(dir.resolve("lib/util.lua"), "return {x = 1}"))).isTrue();
        assertThat(w.changes()).containsExactly("changed " + org.dovelua.cases.CaseFiles.shown(dir.resolve("lib/util.lua")));
    }

    private static boolean write(Path p, String s) {
        try {
            Files.writeString(p, s);
            return true;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean delete(Path p) {
        try {
            Files.delete(p);
            return true;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anEditedFixtureRunsTheCasesAgain() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "alice\n");
        Files.writeString(dir.resolve("auth.lua"), "function auth_userdb_lookup(req)\n"
                + "  for line in io.lines('/etc/dovecot/users') do\n"
                + "    if line == req.user then return dovecot.auth.USERDB_RESULT_OK, 'uid=1000' end\n"
                + "  end\n  return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, 'no'\nend\n");
        Files.writeString(dir.resolve("cases.yaml"), "script: auth.lua\nmounts: {/etc/dovecot/users: users}\n"
                + "cases:\n  - user: bob\n    expect: {result: found}\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = DoveluaCommand.commandLine(new DoveluaCommand(new PrintWriter(out, true), new PrintWriter(err, true)));
        TestCommand test = cl.getSubcommands().get("test").getCommand();
        AtomicInteger polls = new AtomicInteger();
        test.sleeper = () -> polls.incrementAndGet() == 1 ? write(users, "alice\nbob\n") : false;
        int code = cl.execute("test", "--watch", dir.toString());
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("FAIL ").endsWith("0 passed, 1 failed\n\n"
                + "--- changed " + users + "; running again\n1 passed, 0 failed\n");
        assertThat(err.toString()).startsWith("dovelua: test: watching ").endsWith(" files for changes (Ctrl-C to stop)\n");
    }

    @Test
    void anEditedStubFileElsewhereRunsTheCasesAgain() throws Exception {
        Path suite = Files.createDirectories(dir.resolve("suite"));
        Path stub = Files.writeString(Files.createDirectories(dir.resolve("fixtures")).resolve("api.yaml"),
                "responses:\n  - body: no\n");
        Files.writeString(suite.resolve("auth.lua"), "function auth_userdb_lookup(req)\n"
                + "  local r = dovecot.http.client{}:request{url = 'https://api.example.com/'}:submit()\n"
                + "  if r:payload() == 'yes' then return dovecot.auth.USERDB_RESULT_OK, 'uid=1' end\n"
                + "  return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, 'no'\nend\n");
        Files.writeString(suite.resolve("cases.yaml"), "script: auth.lua\n"
                + "stubs: {https://api.example.com: static:../fixtures/api.yaml}\n"
                + "cases:\n  - user: bob\n    expect: {result: found}\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = DoveluaCommand.commandLine(new DoveluaCommand(new PrintWriter(out, true), new PrintWriter(err, true)));
        TestCommand test = cl.getSubcommands().get("test").getCommand();
        AtomicInteger polls = new AtomicInteger();
        test.sleeper = () -> polls.incrementAndGet() == 1 ? write(stub, "responses:\n  - body: 'yes'\n") : false;
        assertThat(cl.execute("test", "--watch", suite.toString())).isZero();
        assertThat(out.toString()).endsWith("0 passed, 1 failed\n\n--- changed " + stub + "; running again\n"
                + "1 passed, 0 failed\n");
    }

    @Test
    void differencesNameEachFileChangedAddedOrRemoved() {
        Path a = Path.of("/x/a");
        Path b = Path.of("/x/b");
        Path c = Path.of("/x/c");
        assertThat(Watch.differences(java.util.Map.of(a, "1/1", b, "1/1"), java.util.Map.of(a, "2/1", c, "1/1")))
                .containsExactly("changed /x/a", "removed /x/b", "added /x/c");
    }
}
