package org.dovelua.lua.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;
import org.dovelua.lua.Hints;

/** A shell that tells {@code listener} about each command as it starts ({@link ExecCall}). */
public final class RecordingShell implements Shell {
    private final Shell inner;
    private final Consumer<ExecCall> listener;

    public RecordingShell(Shell inner, Consumer<ExecCall> listener) {
        this.inner = inner;
        this.listener = listener;
    }

    @Override
    public Child start(String command, Redirect redirect, OutputStream stdout, OutputStream stderr, Hints hints)
            throws IOException {
        ExecCall call = new ExecCall(command, redirect);
        listener.accept(call);
        Child child = inner.start(command, redirect, stdout, stderr, hints);
        OutputStream in = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                call.wrote(b, off, len);
                child.stdin().write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                child.stdin().flush();
            }

            @Override
            public void close() throws IOException {
                child.stdin().close();
            }
        };
        return new Child() {
            @Override
            public InputStream stdout() {
                return child.stdout();
            }

            @Override
            public OutputStream stdin() {
                return in;
            }

            @Override
            public WaitStatus waitFor() throws IOException {
                WaitStatus s = child.waitFor();
                call.ended(s);
                return s;
            }
        };
    }
}
