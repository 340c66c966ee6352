package org.dovelua.lua;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** An output stream that hands over each complete line (without its newline). */
final class LineOutput extends OutputStream {
    private final Consumer<String> lines;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    LineOutput(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            lines.accept(buf.toString(StandardCharsets.UTF_8));
            buf.reset();
        } else {
            buf.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        // partial lines wait for their newline, as a line-buffered log pipe does
    }
}
