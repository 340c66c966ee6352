package org.dovelua.dict;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * One connection of a {@code proxy:} dict to its server (lib's {@code struct connection} as
 * dict-client.c uses it): a UNIX stream socket, lines ended by LF (a CR before it is kept, as
 * the client has no CRLF handling), no input limit. Reading waits for a line, the end of the
 * stream or a timeout; a built-in server (DictProxyServer) can tell that it will never answer,
 * so its {@code slow} fault needs no real wait.
 */
final class DictClientConnection implements AutoCloseable {
    /** What one wait for input ended with. */
    sealed interface Input permits Line, Closed, TimedOut {
    }

    record Line(String text) implements Input {
    }

    /** The peer closed the stream ({@code reason} as io_stream_get_disconnect_reason gives it). */
    record Closed(String reason) implements Input {
    }

    /** No line within the timeout; {@code modelled} when the built-in server said it hangs. */
    record TimedOut(boolean modelled) implements Input {
    }

    private final SocketChannel channel;
    private final Selector selector;
    private final LongSupplier hangs;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final ByteBuffer buf = ByteBuffer.allocate(8192);
    private boolean eof;
    private boolean gotInput;
    /** When the last line arrived (connection_input_timeout_reason's last_input_tv). */
    private long lastInputNanos;
    final long connectedNanos;

    private DictClientConnection(SocketChannel channel, LongSupplier hangs) throws IOException {
        this.channel = channel;
        this.hangs = hangs;
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        connectedNanos = System.nanoTime();
    }

    /** Connects to {@code socket} on this machine; {@code hangs} counts the built-in server's hangs (null otherwise). */
    static DictClientConnection connect(Path socket, LongSupplier hangs) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return new DictClientConnection(ch, hangs);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The built-in server's hang count now (0 for a real socket). */
    long hangs() {
        return hangs == null ? 0 : hangs.getAsLong();
    }

    /** {@code o_stream_sendv(query, "\n")}. */
    void send(String line) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        channel.configureBlocking(false);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("Resource temporarily unavailable");
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted system call");
                }
            }
        }
    }

    /** A complete line already received, without waiting, or null. */
    String bufferedLine() {
        byte[] b = pending.toByteArray();
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                pending.reset();
                pending.write(b, i + 1, b.length - i - 1);
                return new String(b, 0, i, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * The next line, waiting at most {@code timeoutMs}; a built-in server whose hang count passes
     * {@code hangsBefore} ends the wait at once as a modelled timeout.
     */
    Input read(long timeoutMs, long hangsBefore) throws IOException {
        boolean drained = false;
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        for (;;) {
            String line = bufferedLine();
            if (line != null) {
                gotInput = true;
                lastInputNanos = System.nanoTime();
                return new Line(line);
            }
            if (eof) {
                return new Closed("Connection closed");
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return new TimedOut(false);
            }
            if (hangs != null && hangs.getAsLong() > hangsBefore) {
                // what the server sent before it decided to hang is already readable: take it first
                if (!drained) {
                    drained = true;
                    selector.selectNow();
                    selector.selectedKeys().clear();
                    if (readAvailable()) {
                        continue;
                    }
                }
                return new TimedOut(true);
            }
            selector.select(hangs != null ? Math.min(left, 20) : left);
            selector.selectedKeys().clear();
            try {
                readAvailable();
            } catch (IOException e) {
                // a reset: io_stream_get_disconnect_reason's "Connection closed: <error>"
                eof = true;
                pending.reset();
                return new Closed("Connection closed: " + e.getMessage());
            }
        }
    }

    /** Reads what the socket has now; true when something (data or the end) arrived. */
    private boolean readAvailable() throws IOException {
        buf.clear();
        int n = channel.read(buf);
        if (n < 0) {
            eof = true;
            return true;
        }
        if (n > 0) {
            pending.write(buf.array(), 0, n);
        }
        return n > 0;
    }

    /** Whether any line arrived on this connection (which of connection_input_timeout_reason's texts). */
    boolean gotInput() {
        return gotInput;
    }

    long lastInputNanos() {
        return lastInputNanos;
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            // nothing to report: connection_disconnect() has no error either
        }
        try {
            channel.close();
        } catch (IOException e) {
            // as above
        }
    }
}
