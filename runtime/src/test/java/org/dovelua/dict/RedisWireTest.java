package org.dovelua.dict;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bytes the redis: dict writes, against dict-redis.c@2.3.19's printf formats
 * ({@code *2\r\n$4\r\nAUTH\r\n$%d\r\n%s\r\n} ...): a loopback peer that records every byte and
 * answers {@code +OK} / {@code $-1}, so anything Jedis would add (CLIENT SETINFO on connect) shows.
 * Redis 7.0's MONITOR cannot show that: it does not know CLIENT SETINFO and logs no failed command.
 */
class RedisWireTest {
    /** One accepted connection: what it received, read as RESP arrays and answered. */
    static final class Peer implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        final List<ByteArrayOutputStream> connections = new ArrayList<>();
        private final Thread thread;

        Peer() throws IOException {
            thread = new Thread(this::serve, "resp-peer");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            while (true) {
                try (Socket s = server.accept()) {
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    synchronized (connections) {
                        connections.add(got);
                    }
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    for (String cmd; (cmd = readCommand(in, got)) != null; ) {
                        out.write((cmd.equals("GET") ? "$-1\r\n" : "+OK\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        /** Reads one {@code *N} array of bulk strings into {@code got}; its first element, or null at EOF. */
        private static String readCommand(DataInputStream in, ByteArrayOutputStream got) throws IOException {
            String head = line(in, got);
            if (head == null) {
                return null;
            }
            int n = Integer.parseInt(head.substring(1));
            String first = null;
            for (int i = 0; i < n; i++) {
                int len = Integer.parseInt(line(in, got).substring(1));
                byte[] b = new byte[len + 2];
                in.readFully(b);
                got.write(b);
                if (i == 0) {
                    first = new String(b, 0, len, StandardCharsets.UTF_8).toUpperCase(java.util.Locale.ROOT);
                }
            }
            return first;
        }

        private static String line(DataInputStream in, ByteArrayOutputStream got) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c; (c = in.read()) >= 0; ) {
                got.write(c);
                if (c == '\n') {
                    return sb.substring(0, sb.length() - 1);
                }
                sb.append((char) c);
            }
            return null;
        }

        String received(int conn) {
            synchronized (connections) {
                return connections.get(conn).toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void authSelectAndGetAreDovecotsBytesAndNothingElse() throws Exception {
        try (Peer peer = new Peer()) {
            TestDictContext ctx = new TestDictContext();
            ctx.network = true;
            try (Dict d = DictModules.standard().init("redis:port=" + peer.server.getLocalPort()
                    + ":password=s3cret:db=2:prefix=p/", ctx)) {
                assertThat(d.lookup("shared/passdb/alice", "alice")).isEqualTo(Dict.DictLookup.notFound());
                assertThat(d.lookup("priv/q", "u/1")).isEqualTo(Dict.DictLookup.notFound());
            }
            assertThat(peer.received(0)).isEqualTo("*2\r\n$4\r\nAUTH\r\n$6\r\ns3cret\r\n"
                    + "*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n"
                    + "*2\r\n$3\r\nGET\r\n$14\r\np/passdb/alice\r\n"
                    + "*2\r\n$3\r\nGET\r\n$8\r\np/u\\-1/q\r\n");
            assertThat(peer.connections).hasSize(1);
        }
    }

    @Test
    void withoutPasswordAndDbOnlyGet() throws Exception {
        try (Peer peer = new Peer()) {
            TestDictContext ctx = new TestDictContext();
            ctx.network = true;
            try (Dict d = DictModules.standard().init("redis:port=" + peer.server.getLocalPort(), ctx)) {
                d.lookup("shared/k", "u");
            }
            assertThat(peer.received(0)).isEqualTo("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
        }
    }

    @Test
    void aLookupTimeoutIsACommunicationFailureWithoutLogLine() throws Exception {
        // redis_dict_lookup_timeout() only disconnects; the lookup then reports the general failure.
        // Real 2.3.19 with timeout_msecs=700 and CLIENT PAUSE on the server: "Failed to lookup key
        // shared/passdb/alice: redis: Communication failure (last reply: )", no other line.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            TestDictContext ctx = new TestDictContext();
            ctx.network = true;
            try (Dict d = DictModules.standard().init("redis:port=" + silent.getLocalPort() + ":timeout_msecs=100", ctx)) {
                assertThat(d.lookup("shared/k", "u"))
                        .isEqualTo(Dict.DictLookup.failed("redis: Communication failure (last reply: )"));
            }
            assertThat(ctx.log).isEmpty();
        }
    }
}
