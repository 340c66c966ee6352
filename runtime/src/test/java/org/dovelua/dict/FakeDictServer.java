package org.dovelua.dict;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A scripted dict server for the client's tests: records every line it receives ({@code cN} for
 * the N-th connection) and answers each command line after the HELLO with the lines the handler
 * gives: null closes the connection, {@link #HANG} never answers.
 */
final class FakeDictServer implements AutoCloseable {
    static final List<String> HANG = List.of("\u0000hang");

    final Path dir;
    final Path socket;
    private final ServerSocketChannel server;
    private final List<String> received = new ArrayList<>();
    private final List<SocketChannel> open = new ArrayList<>();

    FakeDictServer(Function<String, List<String>> handler) throws IOException {
        dir = Files.createTempDirectory("fake-dict");
        socket = dir.resolve("dict.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(() -> {
            int n = 0;
            while (true) {
                SocketChannel ch;
                try {
                    ch = server.accept();
                } catch (IOException e) {
                    return;
                }
                synchronized (open) {
                    open.add(ch);
                }
                int c = ++n;
                Thread conn = new Thread(() -> serve(ch, c, handler));
                conn.setDaemon(true);
                conn.start();
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private void serve(SocketChannel ch, int c, Function<String, List<String>> handler) {
        try (ch) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            OutputStream out = Channels.newOutputStream(ch);
            boolean hello = true;
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (received) {
                    received.add("c" + c + " " + line);
                }
                if (hello) {
                    hello = false;
                    continue;
                }
                List<String> reply = handler.apply(line);
                if (reply == null) {
                    return;
                }
                if (reply == HANG) {
                    continue;
                }
                StringBuilder sb = new StringBuilder();
                reply.forEach(r -> sb.append(r).append('\n'));
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (open) {
            for (SocketChannel ch : open) {
                ch.close();
            }
        }
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }
}
