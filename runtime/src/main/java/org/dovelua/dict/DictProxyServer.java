package org.dovelua.dict;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dovelua.lib.TabEscape;

/**
 * A dict server answering from a {@link DictServerBackend} (a {@link DictProxyData} file, or the
 * dictionaries of the emulated dict service) on a real UNIX socket, so the
 * {@code proxy:} client runs its one code path against it. It speaks what Dovecot 2.3.19's dict
 * server sends a protocol-3.2 client (src/dict/dict-commands.c, dict-connection.c): no reply to
 * {@code H}, {@code *n} for each {@code L}/{@code I}, the reply as {@code +n\t<reply>} with the
 * four timing fields, iteration rows {@code +n\tO<key>\t<value>} and an empty end reply; or, in
 * {@code in_order} mode, bare replies without ids or timings. Its faults: {@code fail},
 * {@code drop}, {@code slow} (it never answers and says so through {@link #hangs()}, so the
 * client needs no real 30 s wait), raw {@code reply} lines. Every line is kept in {@link #wire()}
 * ({@code cN < } received, {@code cN > } sent).
 */
public final class DictProxyServer implements AutoCloseable {
    private final DictServerBackend data;
    private final Path socket;
    private final Path privateDir;
    private final ServerSocketChannel server;
    private final AtomicLong hangs = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> wire = new ArrayList<>();
    private final List<SocketChannel> open = new ArrayList<>();
    private volatile boolean closed;

    private DictProxyServer(DictServerBackend data, Path socket, Path privateDir) throws IOException {
        this.data = data;
        this.socket = socket;
        this.privateDir = privateDir;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(this::acceptLoop, "dict-proxy-server " + socket.getFileName());
        t.setDaemon(true);
        t.start();
    }

    /** A server on a socket in a private temporary directory (the built-in {@code proxy::NAME} fixture). */
    public static DictProxyServer startPrivate(DictServerBackend data) throws IOException {
        return startPrivate(data, "dict.sock");
    }

    /** As {@link #startPrivate(DictServerBackend)}, the socket named {@code listener} (its name in the server's log). */
    public static DictProxyServer startPrivate(DictServerBackend data, String listener) throws IOException {
        Path dir = Files.createTempDirectory("dovelua-dict-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        return new DictProxyServer(data, dir.resolve(listener), dir);
    }

    /** A server at {@code socket}, open to every local user (a differential case's, for Dovecot's auth worker). */
    public static DictProxyServer startAt(DictServerBackend data, Path socket) throws IOException {
        DictProxyServer s = new DictProxyServer(data, socket, null);
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        return s;
    }

    public Path socket() {
        return socket;
    }

    /** How many times the server decided never to answer (a {@code slow} key). */
    public long hangs() {
        return hangs.get();
    }

    /** Every line so far: {@code cN < line} received, {@code cN > line} sent, {@code cN closed by peer|server}. */
    public List<String> wire() {
        synchronized (wire) {
            return List.copyOf(wire);
        }
    }

    private void log(int c, String what) {
        synchronized (wire) {
            wire.add("c" + c + " " + what);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                return;
            }
            synchronized (open) {
                open.add(ch);
            }
            int n = connections.incrementAndGet();
            Thread t = new Thread(() -> serve(ch, n), "dict-proxy-conn " + n);
            t.setDaemon(true);
            t.start();
        }
    }

    /** One client connection (dict-connection.c): the handshake line, then one command per line. */
    private void serve(SocketChannel ch, int c) {
        Session s = new Session(ch, c);
        try (ch) {
            for (String line; (line = s.readLine()) != null; ) {
                log(c, "< " + line);
                if (s.source == null) {
                    // dict_connection_handshake_args(): H, major 3, five fields; no reply is sent.
                    // The dict it names is opened (dict_connection_dict_init) or the connection closes.
                    List<String> hello = TabEscape.split(line);
                    s.source = line.startsWith("H3\t") && hello.size() >= 5
                            ? data.open(hello.get(4), socket.getFileName().toString()) : null;
                    if (s.source == null) {
                        log(c, "closed by server");
                        return;
                    }
                    continue;
                }
                if (!s.command(line)) {
                    return;
                }
            }
            log(c, "closed by peer");
        } catch (IOException e) {
            if (!closed) {
                log(c, "closed by peer");
            }
        }
    }

    /** One connection's state: its async-id counter and output. */
    private final class Session {
        private final SocketChannel ch;
        private final int c;
        private final ByteArrayOutputStream in = new ByteArrayOutputStream();
        private final ByteBuffer buf = ByteBuffer.allocate(8192);
        private int asyncIds;
        /** The dictionary the handshake named. */
        private DictServerBackend.Source source;

        Session(SocketChannel ch, int c) {
            this.ch = ch;
            this.c = c;
        }

        String readLine() throws IOException {
            for (;;) {
                byte[] b = in.toByteArray();
                for (int i = 0; i < b.length; i++) {
                    if (b[i] == '\n') {
                        in.reset();
                        in.write(b, i + 1, b.length - i - 1);
                        int end = i > 0 && b[i - 1] == '\r' ? i - 1 : i;
                        return new String(b, 0, end, StandardCharsets.UTF_8);
                    }
                }
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) {
                    return null;
                }
                in.write(buf.array(), 0, n);
            }
        }

        void send(String line) throws IOException {
            log(c, "> " + line);
            ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                ch.write(out);
            }
        }

        /** dict-commands.c: L and I are answered, anything else closes the connection. Returns false when closed. */
        boolean command(String line) throws IOException {
            List<String> args = TabEscape.split(line.substring(1));
            char cmd = line.charAt(0);
            if ((cmd != 'L' && cmd != 'I') || args.isEmpty()) {
                log(c, "closed by server");
                return false;
            }
            long start = System.currentTimeMillis();
            String key = cmd == 'L' ? args.get(0) : args.size() > 2 ? args.get(2) : "";
            String user = cmd == 'L' ? (args.size() > 1 ? args.get(1) : "") : (args.size() > 3 ? args.get(3) : "");
            DictServerBackend.Listing listing = cmd == 'I' ? source.iterate(key, user) : null;
            DictProxyData.Answer a = cmd == 'L' ? source.lookup(key, user) : listing.fault();
            if (a != null && a.drop()) {
                log(c, "closed by server");
                return false;
            }
            if (a != null && a.reply() != null) {
                // raw lines, exactly as given: no async id of the server's own
                for (String raw : a.reply()) {
                    send(raw);
                }
                return true;
            }
            String prefix = "";
            if (data.async()) {
                asyncIds++;
                send("*" + asyncIds);
                prefix = "+" + asyncIds + "\t";
            }
            if (a != null && a.slow()) {
                hangs.incrementAndGet();
                // never answers: waits for the client to give up and close
                while (readLine() != null) {
                    // a client that keeps talking gets nothing either
                }
                log(c, "closed by peer");
                return false;
            }
            String timings = data.async() ? "\t" + timings(start) : "";
            if (cmd == 'I') {
                if (a == null) {
                    for (Map.Entry<String, List<String>> row : listing.rows()) {
                        StringBuilder sb = new StringBuilder(prefix).append('O').append(TabEscape.escape(row.getKey()));
                        for (String v : row.getValue()) {
                            sb.append('\t').append(TabEscape.escape(v));
                        }
                        send(sb.toString());
                    }
                    // the end of the rows: an empty reply (with the timings after it)
                    send(prefix + timings);
                } else if (a.fail() != null) {
                    // the iteration's failure goes out unescaped (dict-commands.c cmd_iterate_flush)
                    send(prefix + "F" + a.fail() + timings);
                } else {
                    send(prefix + "O" + TabEscape.escape(a.value() != null ? a.value() : "") + timings);
                }
                return true;
            }
            String reply;
            if (a == null) {
                reply = "N";
            } else if (a.fail() != null) {
                reply = "F" + TabEscape.escape(a.fail());
            } else if (a.values() != null) {
                // M: each value escaped, joined by TAB, the whole escaped again
                List<String> esc = a.values().stream().map(TabEscape::escape).toList();
                reply = "M" + TabEscape.escape(String.join("\t", esc));
            } else {
                reply = "O" + TabEscape.escape(a.value());
            }
            send(prefix + reply + timings);
            return true;
        }

        private String timings(long startMs) {
            long end = System.currentTimeMillis();
            return startMs / 1000 + "\t" + (startMs % 1000) * 1000 + "\t" + end / 1000 + "\t" + (end % 1000) * 1000;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing a listening socket has nothing to report
        }
        synchronized (open) {
            for (SocketChannel ch : open) {
                try {
                    ch.close();
                } catch (IOException e) {
                    // as above
                }
            }
        }
        try {
            Files.deleteIfExists(socket);
            if (privateDir != null) {
                Files.deleteIfExists(privateDir);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
