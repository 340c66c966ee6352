package org.dovelua.conformance.differential;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.dovelua.dict.RedisSeed;
import org.dovelua.stubs.StubServer;
import org.dovelua.testkit.RealRedisServer;

/**
 * Everything a case's real side depends on besides the case file itself, as text that changes
 * whenever one of them does: the harness (a version bumped by hand, and the bytes of the classes
 * that write the case directory, start Dovecot and compare its answers), the real Dovecot
 * ({@code dovecot --version} and the versions of its Debian packages and the libraries it loads
 * Lua, crypt and TLS from), and per case the extra software it uses: Debian's Lua module packages
 * for the corpus cases ({@code 3xx}, {@code files}, {@code env}, {@code allow_exec}),
 * {@code redis-server} for {@code redis:}, {@code sqlite3} for {@code sqlite: true} files, the
 * stub HTTP server for {@code http:}. {@link VerifiedRecordings} keys its markers by a hash of it.
 */
final class RealSideIdentity {
    /** Bump when the real side changes in a way no class below shows (e.g. how a fixture is started). */
    static final int HARNESS_VERSION = 1;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, String> MEMO = new ConcurrentHashMap<>();

    private RealSideIdentity() {
    }

    /** The identity text for case {@code c} run on {@code root}. */
    static String of(DifferentialCase c, DovecotRoot root) throws Exception {
        StringBuilder id = new StringBuilder();
        id.append("harness ").append(HARNESS_VERSION).append('\n');
        id.append("harness-classes ").append(memo("classes:harness", () -> classesDigest(RealRuns.class))).append('\n');
        id.append(dovecotOf(root));
        if (usesLuaModules(c)) {
            id.append(memo("lua:" + root.describe(), () -> "lua-packages\n" + packages(root, "lua-*", "liblua*", "lua5.*")));
        }
        if (present(c.redis())) {
            id.append(memo("redis", () -> "redis-server " + output(List.of("redis-server", "--version"))
                    + "redis-fixture-classes " + classesDigest(RedisSeed.class) + " " + classesDigest(RealRedisServer.class) + "\n"));
        }
        if (present(c.http())) {
            id.append(memo("http", () -> "stub-classes " + classesDigest(StubServer.class) + "\n"));
        }
        if (c.files().toString().contains("\"sqlite\":true")) {
            id.append(memo("sqlite", () -> "sqlite3 " + output(List.of("sqlite3", "--version"))));
        }
        return id.toString();
    }

    /** Corpus cases and anything else that loads Debian's Lua modules or runs helpers on the real side. */
    static boolean usesLuaModules(DifferentialCase c) {
        return c.name().startsWith("3") || c.files().size() > 0 || !c.env().isEmpty() || !c.realEnv().isEmpty()
                || c.allowExec();
    }

    private static boolean present(com.fasterxml.jackson.databind.JsonNode n) {
        return !n.isMissingNode() && !n.isNull();
    }

    /** {@link #dovecot}, found out once per root. */
    static String dovecotOf(DovecotRoot root) throws Exception {
        return memo("dovecot:" + root.describe(), () -> dovecot(root));
    }

    /** {@code dovecot --version} and the Debian packages of Dovecot and the libraries its Lua auth uses. */
    private static String dovecot(DovecotRoot root) throws Exception {
        return "dovecot " + output(root.command(List.of("dovecot", "--version")))
                + packages(root, "dovecot-*", "liblua*", "libc6", "libcrypt1", "libssl3*", "zlib1g");
    }

    /** {@code Package Version} of the installed packages matching the patterns, in the root's dpkg database. */
    private static String packages(DovecotRoot root, String... patterns) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("dpkg-query", "--admindir=" + root.dpkgAdminDir(), "-W",
                "-f", "${db:Status-Abbrev} ${Package} ${Version}\\n"));
        cmd.addAll(List.of(patterns));
        // dpkg-query exits 1 when a pattern matches nothing; the lines for those that matched are still complete
        Command.Result r = Command.run(cmd, TIMEOUT);
        return r.stdout().lines().filter(l -> l.startsWith("ii ")).sorted()
                .map(l -> "package " + l.substring(3).trim() + "\n").reduce("", String::concat);
    }

    private static String output(List<String> cmd) throws Exception {
        Command.Result r = Command.run(cmd, TIMEOUT);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(cmd + " failed: " + r.stderr());
        }
        return r.stdout().trim() + "\n";
    }

    /** SHA-256 over the names and bytes of the class files in {@code anchor}'s package, in name order. */
    static String classesDigest(Class<?> anchor) throws IOException {
        String dir = anchor.getPackageName().replace('.', '/') + "/";
        Path source;
        try {
            source = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        MessageDigest md = sha256();
        if (Files.isDirectory(source)) {
            try (Stream<Path> s = Files.list(source.resolve(dir))) {
                for (Path p : s.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                    md.update((p.getFileName() + "\n").getBytes());
                    md.update(Files.readAllBytes(p));
                }
            }
        } else {
            try (JarFile jar = new JarFile(source.toFile())) {
                for (var e : jar.stream().filter(e -> e.getName().startsWith(dir) && e.getName().endsWith(".class")
                        && e.getName().indexOf('/', dir.length()) < 0).sorted((a, b) -> a.getName().compareTo(b.getName())).toList()) {
                    md.update((e.getName().substring(dir.length()) + "\n").getBytes());
                    try (InputStream in = jar.getInputStream(e)) {
                        md.update(in.readAllBytes());
                    }
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Source {
        String get() throws Exception;
    }

    private static String memo(String key, Source s) throws Exception {
        String v = MEMO.get(key);
        if (v == null) {
            v = s.get();
            MEMO.putIfAbsent(key, v);
        }
        return v;
    }
}
