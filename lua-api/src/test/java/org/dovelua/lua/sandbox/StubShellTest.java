package org.dovelua.lua.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.lua.SnippetSuite;
import org.junit.jupiter.api.Test;

/** Exec stubs: which stub answers a command, what an unstubbed one does, what a case can see. */
class StubShellTest {
    private final List<String> hints = new ArrayList<>();
    private final List<ExecCall> calls = new ArrayList<>();

    private static ExecStub stub(String pattern, String stdout, String stderr, WaitStatus status) {
        return new ExecStub(pattern, stdout.getBytes(StandardCharsets.UTF_8), stderr.getBytes(StandardCharsets.UTF_8),
                status);
    }

    private List<String> run(String lua, ExecStub... stubs) {
        Shell shell = new RecordingShell(new StubShell(List.of(stubs)), calls::add);
        return SnippetSuite.ours(lua, ExecSemanticsTest.options(shell).sandbox(g -> g.load(
                new org.dovelua.lua.sandbox.SandboxLib(new org.dovelua.lua.sandbox.VirtualFileSystem(), hints::add)
                        .shell(shell))));
    }

    @Test
    void aGlobMatchesCommandsThatEmbedTheUserAndPassword() {
        ExecStub s = stub("/usr/local/bin/checkpw alice *", "", "", WaitStatus.exited(0));
        assertThat(s.matches("/usr/local/bin/checkpw alice 'se cr*t'")).isTrue();
        assertThat(s.matches("/usr/local/bin/checkpw bob 'secret'")).isFalse();
        assertThat(s.matches("/usr/local/bin/checkpw alice")).isFalse(); // the space is literal
        assertThat(stub("id -u ?", "", "", WaitStatus.exited(0)).matches("id -u x")).isTrue();
        assertThat(stub("id -u ?", "", "", WaitStatus.exited(0)).matches("id -u xy")).isFalse();
        assertThat(stub("grep a.b [x]", "", "", WaitStatus.exited(0)).matches("grep aXb x")).isFalse(); // no regex
        assertThat(stub("ls *.txt", "", "", WaitStatus.exited(0)).matches("ls *.txt")).isTrue();
    }

    @Test
    void theFirstMatchingStubAnswers() {
        assertThat(run("""
                local f = io.popen("checkpw alice 'pw'")
                print(f:read("a"), f:close())
                print(os.execute("checkpw bob x"))
                """, stub("checkpw alice *", "OK\n", "", WaitStatus.exited(0)),
                stub("checkpw *", "", "", WaitStatus.exited(1)), stub("checkpw alice 'pw'", "never\n", "", WaitStatus.exited(0))))
                .containsExactly("OK", "\ttrue\texit\t0", "nil\texit\t1");
    }

    @Test
    void aSignalAndStdoutOfExecuteReachTheScriptAsReal() {
        assertThat(run("print(os.execute('helper'))", stub("helper", "line\n", "", WaitStatus.signaled(9))))
                .containsExactly("line", "nil\tsignal\t9");
    }

    @Test
    void anUnstubbedCommandIsAMissingProgramWithAHint() {
        assertThat(run("""
                local f = io.popen("/usr/local/bin/checkpw alice 'secret'")
                print(("%q"):format(f:read("a")), f:close())
                print(os.execute("/usr/local/bin/checkpw alice 'secret'"))
                """)).containsExactly("\"\"\tnil\texit\t127", "nil\texit\t127");
        assertThat(hints).containsExactly("no exec stub answers the command `/usr/local/bin/checkpw alice 'secret'`:"
                + " it ran as a missing program (exit status 127); stub it with --exec"
                + " \"/usr/local/bin/checkpw alice 'secret'\"=STUB.yaml (or exec: in a case file; * in the pattern"
                + " matches any text), or run real commands with --allow-exec");
    }

    @Test
    void stderrGoesToTheAuthProcessStderrAsDashWritesIt() throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        Shell.Child c = new StubShell(List.of()).start("nosuch arg", Redirect.READ, java.io.OutputStream.nullOutputStream(),
                err, new org.dovelua.lua.Hints(h -> { }));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("sh: 1: nosuch: not found\n");
        assertThat(c.waitFor()).isEqualTo(WaitStatus.exited(127));
        java.io.ByteArrayOutputStream err2 = new java.io.ByteArrayOutputStream();
        new StubShell(List.of(stub("x", "", "oops\n", WaitStatus.exited(0)))).start("x", Redirect.WRITE,
                java.io.OutputStream.nullOutputStream(), err2, new org.dovelua.lua.Hints(h -> { })).waitFor();
        assertThat(err2.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");
    }

    @Test
    void whatTheScriptWroteIsRecorded() {
        run("""
                local f = io.popen("checkpassword", "w")
                f:write("alice\\0", "secret\\0")
                f:close()
                os.execute("true")
                local g = io.popen("never closed")
                """, stub("*", "", "", WaitStatus.exited(0)));
        assertThat(calls).extracting(ExecCall::toString).containsExactly("w checkpassword", "execute true",
                "r never closed");
        assertThat(calls.get(0).stdin()).isEqualTo("alice\0secret\0");
        assertThat(calls.get(0).status()).isEqualTo(WaitStatus.exited(0));
        assertThat(calls.get(2).status()).isNull();
    }

    @Test
    void rawWaitStatusesReadAsSysWaitDoes() {
        assertThat(WaitStatus.ofRaw(3 << 8)).isEqualTo(WaitStatus.exited(3));
        assertThat(WaitStatus.ofRaw(9)).isEqualTo(WaitStatus.signaled(9));
        assertThat(WaitStatus.ofRaw(0x80 | 11)).isEqualTo(WaitStatus.signaled(11)); // core dumped
        assertThat(WaitStatus.exited(256)).isEqualTo(WaitStatus.exited(0));
    }
}
