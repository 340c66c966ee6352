package org.dovelua.lua.sandbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dovelua.lua.Hints;

/**
 * A shell whose commands are {@link ExecStub}s, the first whose pattern matches answering. A command
 * no stub matches goes to {@code fallback}: with {@code --allow-exec} the real shell, otherwise
 * {@link #missingProgram}, which fails as dash does for a program it cannot find.
 */
public final class StubShell implements Shell {
    private final List<ExecStub> stubs;
    private final Shell fallback;

    public StubShell(List<ExecStub> stubs, Shell fallback) {
        this.stubs = List.copyOf(stubs);
        this.fallback = fallback;
    }

    /** Stubs only: an unmatched command is a missing program. */
    public StubShell(List<ExecStub> stubs) {
        this(stubs, StubShell::missingProgram);
    }

    @Override
    public Child start(String command, Redirect redirect, OutputStream stdout, OutputStream stderr, Hints hints)
            throws IOException {
        for (ExecStub s : stubs) {
            if (s.matches(command)) {
                return answer(s, redirect, stdout, stderr);
            }
        }
        return fallback.start(command, redirect, stdout, stderr, hints);
    }

    /**
     * {@code sh -c 'NAME args'} when NAME is not on PATH: dash's {@code sh: 1: NAME: not found}
     * (src/exec.c, shellexec → exerror; "1" is the line of the -c string) on stderr and exit
     * status 127. An empty command is the empty script: nothing, status 0.
     */
    public static Child missingProgram(String command, Redirect redirect, OutputStream stdout, OutputStream stderr,
            Hints hints) throws IOException {
        String name = command.strip().split("\\s+", 2)[0];
        if (name.isEmpty()) {
            return answer(new ExecStub(command, new byte[0], new byte[0], WaitStatus.exited(0)), redirect, stdout,
                    stderr);
        }
        hints.once("exec " + command, "no exec stub answers the command `" + command + "`: it ran as a missing"
                + " program (exit status 127); stub it with --exec " + shellWord(command) + "=STUB.yaml (or exec: in a"
                + " case file; * in the pattern matches any text), or run real commands with --allow-exec");
        byte[] err = ("sh: 1: " + name + ": not found\n").getBytes(StandardCharsets.UTF_8);
        return answer(new ExecStub(command, new byte[0], err, WaitStatus.exited(127)), redirect, stdout, stderr);
    }

    /** {@code text} as one word for the hint's command line: single-quoted, or double-quoted when it holds quotes. */
    private static String shellWord(String text) {
        if (text.indexOf('\'') < 0) {
            return "'" + text + "'";
        }
        if (!text.matches("(?s).*[\"$`\\\\!].*")) {
            return "\"" + text + "\"";
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * A stub's answer. Read mode: stdout is the script's to read, stderr is written at once.
     * Write and execute: stdout and stderr are written when the command ends (at close, once the
     * script's input is all there).
     */
    private static Child answer(ExecStub s, Redirect redirect, OutputStream stdout, OutputStream stderr)
            throws IOException {
        if (redirect == Redirect.READ) {
            stderr.write(s.stderr());
            stderr.flush();
        }
        InputStream out = new ByteArrayInputStream(redirect == Redirect.READ ? s.stdout() : new byte[0]);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        return new Child() {
            @Override
            public InputStream stdout() {
                return out;
            }

            @Override
            public OutputStream stdin() {
                return in;
            }

            @Override
            public WaitStatus waitFor() throws IOException {
                if (redirect != Redirect.READ) {
                    stdout.write(s.stdout());
                    stdout.flush();
                    stderr.write(s.stderr());
                    stderr.flush();
                }
                return s.status();
            }
        };
    }
}
