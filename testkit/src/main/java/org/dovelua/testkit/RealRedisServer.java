package org.dovelua.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, for tests that check
 * dovelua's {@code redis:} dict against the server Dovecot talks to: no persistence
 * ({@code --save '' --appendonly no}), stopped on close. {@link #monitor()} records the commands
 * the server receives, as {@code redis-cli MONITOR} shows them.
 */
public final class RealRedisServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;

    private RealRedisServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** {@code redis-server} on PATH (or /usr/bin), if installed. */
    public static Optional<Path> binary() {
        return Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/bin"))
                .filter(p -> !p.isEmpty()).map(p -> Path.of(p, "redis-server"))
                .filter(Files::isExecutable).findFirst();
    }

    /** A loopback port nothing listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts the server with {@code extraArgs} (e.g. {@code --requirepass x}) and waits until it answers PING. */
    public static RealRedisServer start(String... extraArgs) throws IOException, InterruptedException {
        Path bin = binary().orElseThrow(() -> new IOException("redis-server is not installed"));
        Path dir = Files.createTempDirectory("redis-");
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(bin.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--daemonize", "no"));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        RealRedisServer s = new RealRedisServer(p, port, dir);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket sock = new Socket()) {
                sock.connect(new InetSocketAddress("127.0.0.1", port), 200);
                sock.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                String line = new BufferedReader(new InputStreamReader(sock.getInputStream(),
                        StandardCharsets.UTF_8)).readLine();
                if (line != null && (line.equals("+PONG") || line.startsWith("-NOAUTH"))) {
                    return s;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!p.isAlive() || System.nanoTime() > end) {
                s.close();
                throw new IOException("redis-server did not start on port " + port + ": "
                        + Files.readString(dir.resolve("redis.log")));
            }
            Thread.sleep(20);
        }
    }

    public int port() {
        return port;
    }

    /** Starts recording what the server receives (MONITOR on its own connection). */
    public Monitor monitor(String password) throws IOException {
        return new Monitor(port, password);
    }

    /** A MONITOR connection: the commands other clients sent, e.g. {@code "SELECT" "2"}. */
    public static final class Monitor implements AutoCloseable {
        private final Socket sock;
        private final BufferedReader in;

        Monitor(int port, String password) throws IOException {
            sock = new Socket();
            sock.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            sock.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(sock.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = sock.getOutputStream();
            if (password != null) {
                out.write(("AUTH " + password + "\r\n").getBytes(StandardCharsets.UTF_8));
                expectOk();
            }
            out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            expectOk();
        }

        private void expectOk() throws IOException {
            String line = in.readLine();
            if (!"+OK".equals(line)) {
                throw new IOException("redis MONITOR: " + line);
            }
        }

        /**
         * The commands received since, without MONITOR's timestamp and client address, up to and
         * including the first whose text contains {@code until} (send e.g. {@code ECHO end} last).
         */
        public List<String> commandsUntil(String until) throws IOException {
            List<String> got = new ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                // +1700000000.123456 [0 127.0.0.1:40000] "GET" "passdb/alice"
                int at = line.indexOf("] ");
                String cmd = at < 0 ? line : line.substring(at + 2);
                got.add(cmd);
                if (cmd.contains(until)) {
                    return got;
                }
            }
            throw new IOException("MONITOR closed before " + until + "; got " + got);
        }

        @Override
        public void close() throws IOException {
            sock.close();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
