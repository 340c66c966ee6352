package org.dovelua.stubs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dovelua.lua.sandbox.ExecStub;
import org.dovelua.lua.sandbox.WaitStatus;

/**
 * An exec stub's YAML ({@code --exec 'PATTERN'=FILE}, or inline under a case file's {@code exec:}):
 * what the command answers.
 *
 * <pre>
 * stdout: "OK\n"     # what the script reads from io.popen(cmd) (default: nothing)
 * stderr: ""         # written to the auth process's stderr: Dovecot logs each line as an error
 * exit: 0            # the exit status (default 0), or
 * signal: 9          # the signal that killed it (close() gives nil, "signal", 9)
 * </pre>
 */
public final class ExecStubFile {
    /** The file's keys. */
    public static final class Spec {
        @com.fasterxml.jackson.annotation.JsonSetter(nulls = com.fasterxml.jackson.annotation.Nulls.FAIL)
        public String stdout = "";
        @com.fasterxml.jackson.annotation.JsonSetter(nulls = com.fasterxml.jackson.annotation.Nulls.FAIL)
        public String stderr = "";
        private Integer exit;
        private Integer signal;

        public void setExit(int e) {
            if (e < 0 || e > 255) {
                throw new IllegalArgumentException("exit must be an exit status from 0 to 255, not " + e);
            }
            exit = e;
            checkOneEnd();
        }

        private void checkOneEnd() {
            if (exit != null && signal != null) {
                throw new IllegalArgumentException("give exit: or signal:, not both (a command ends one way)");
            }
        }

        public void setSignal(int s) {
            if (s < 1 || s > 64) {
                throw new IllegalArgumentException("signal must be a signal number from 1 to 64, not " + s);
            }
            signal = s;
            checkOneEnd();
        }
    }

    private ExecStubFile() {
    }

    /** The stub for commands matching {@code pattern}, read from {@code file}. */
    public static ExecStub load(String pattern, Path file) throws StubFileException {
        return stub(pattern, StubFiles.read(file, Spec.class));
    }

    /** The stub for commands matching {@code pattern}, written inline; errors placed by {@code where}. */
    public static ExecStub load(String pattern, JsonNode spec, StubFiles.Locator where) throws StubFileException {
        return stub(pattern, StubFiles.convert(spec, Spec.class, where));
    }

    private static ExecStub stub(String pattern, Spec s) {
        WaitStatus status = s.signal != null ? WaitStatus.signaled(s.signal) : WaitStatus.exited(s.exit == null ? 0 : s.exit);
        return new ExecStub(pattern, s.stdout.getBytes(StandardCharsets.UTF_8), s.stderr.getBytes(StandardCharsets.UTF_8),
                status);
    }
}
