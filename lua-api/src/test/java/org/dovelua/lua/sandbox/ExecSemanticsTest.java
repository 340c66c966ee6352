package org.dovelua.lua.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dovelua.lua.Hints;
import org.dovelua.lua.ScriptOptions;
import org.dovelua.lua.SnippetSuite;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code io.popen} and {@code os.execute} with {@code --allow-exec}: each snippet of
 * {@code shim/exec.txt} runs real commands on both sides, under dovelua and under {@code lua5.4}
 * ({@link SnippetSuite}); and stub mode gives the script what the real commands gave it, when the
 * stubs answer with the real commands' output.
 */
class ExecSemanticsTest {
    static final SnippetSuite SUITE = new SnippetSuite("/shim/exec.txt", "io.popen and os.execute").minimum(30);

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> snippetsRunAsUnderLua54() throws Exception {
        Path ours = Files.createDirectories(dir.resolve("dovelua"));
        return SUITE.options(() -> options(new RealShell(ours))).tests(dir, "exec-differences.txt");
    }

    /**
     * Each snippet runs with real commands (recording what they were given), then with stubs that
     * answer each command with what it answers for real; the script must print the same. Snippets
     * that give one command two different answers cannot be stubbed by command line and are left out.
     */
    @Test
    void stubsGiveTheScriptWhatTheRealCommandsGive() throws Exception {
        int compared = 0;
        List<String> differ = new ArrayList<>();
        for (SnippetSuite.Snippet s : SUITE.snippets()) {
            Path real = Files.createDirectories(dir.resolve("real-" + s.line()));
            List<ExecCall> calls = new ArrayList<>();
            List<String> withReal = SnippetSuite.ours(s.source(), options(new RecordingShell(new RealShell(real), calls::add)));
            List<ExecStub> stubs = replay(calls, Files.createDirectories(dir.resolve("replay-" + s.line())));
            if (stubs == null) {
                continue;
            }
            Files.createDirectories(dir.resolve("stub-" + s.line()));
            List<String> withStubs = SnippetSuite.ours(s.source(), options(new StubShell(stubs)));
            compared++;
            if (!withStubs.equals(withReal)) {
                differ.add(SUITE.where(s) + "\n  real:  " + withReal + "\n  stubs: " + withStubs);
            }
        }
        assertThat(differ).isEmpty();
        assertThat(compared).isGreaterThanOrEqualTo(40);
    }

    /**
     * Runs each recorded command again with the stdin it was given and makes a stub of its answer;
     * null when one command line answered differently twice.
     */
    private static List<ExecStub> replay(List<ExecCall> calls, Path dir) throws IOException {
        List<ExecStub> stubs = new ArrayList<>();
        for (ExecCall c : calls) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Redirect r = c.redirect() == Redirect.WRITE ? Redirect.WRITE : Redirect.SYSTEM;
            Shell.Child child = new RealShell(dir).start(c.command(), r, out, err, new Hints(h -> { }));
            child.stdin().write(c.stdin().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            WaitStatus status = child.waitFor(); // before taking the output: it is complete only then
            ExecStub stub = new ExecStub(c.command(), out.toByteArray(), err.toByteArray(), status);
            for (ExecStub earlier : stubs) {
                if (earlier.pattern().equals(stub.pattern()) && !(earlier.status().equals(stub.status())
                        && java.util.Arrays.equals(earlier.stdout(), stub.stdout()))) {
                    return null;
                }
            }
            stubs.add(stub);
        }
        return stubs;
    }

    static ScriptOptions options(Shell shell) {
        return new ScriptOptions().callTimeout(Duration.ofSeconds(20))
                .sandbox(g -> g.load(new SandboxLib(new VirtualFileSystem(), h -> { }).shell(shell)));
    }
}
