package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.dovelua.serve.ServeEndpoint;
import org.dovelua.serve.ServeProtocol;
import org.dovelua.serve.ServeServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code dovelua} launcher (bash) in a checkout of its own with a {@code java} that only says
 * how it was started: which jar and archive it picks, that a missing or stale archive still runs,
 * and that it hands a served command to {@code dovelua serve} over /dev/tcp without any JVM.
 */
class LauncherTest {
    @TempDir
    Path dir;

    private Path checkout;
    private Path target;
    private Path record;
    private Path work;
    private long t0;

    @BeforeEach
    void checkout() throws IOException {
        checkout = dir.resolve("checkout");
        target = checkout.resolve("runtime/target");
        Files.createDirectories(target);
        Path launcher = Files.copy(Path.of("..", "dovelua"), checkout.resolve("dovelua"));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        t0 = System.currentTimeMillis() - 3_600_000;
        for (String p : List.of("pom.xml", "lua-api/pom.xml", "runtime/pom.xml", "lua-api/src/main/A.java",
                "runtime/src/main/B.java")) {
            Path f = checkout.resolve(p);
            Files.createDirectories(f.getParent());
            Files.writeString(f, "");
            Files.setLastModifiedTime(f, FileTime.fromMillis(t0));
        }
        for (String d : List.of("lua-api/src/main", "runtime/src/main", "lua-api", "runtime")) {
            Files.setLastModifiedTime(checkout.resolve(d), FileTime.fromMillis(t0));
        }
        jarAt("dovelua-cli.jar", 10);
        record = dir.resolve("java-calls");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"java $*\" >> \"" + record + "\"\necho \"java $*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        work = Files.createDirectories(dir.resolve("work"));
    }

    /** A file in runtime/target, {@code minutes} after the sources. */
    private Path jarAt(String name, int minutes) throws IOException {
        Path f = target.resolve(name);
        Files.writeString(f, name);
        Files.setLastModifiedTime(f, FileTime.fromMillis(t0 + minutes * 60_000L));
        return f;
    }

    private record Run(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(checkout.resolve("dovelua").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        pb.environment().remove("PWD");
        pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("HOME", dir.toString());
        pb.environment().remove("XDG_RUNTIME_DIR");
        pb.environment().remove("DOVELUA_NO_SERVE");
        pb.environment().put("DOVELUA_NO_FAST_START", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }

    @Test
    void withoutAFastJarTheCliJarRunsAndTheFastJarIsMadeInTheBackground() throws Exception {
        Run r = launch(Map.of("DOVELUA_NO_FAST_START", ""), "--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("-jar " + target.resolve("dovelua-cli.jar")).doesNotContain("SharedArchiveFile");
        // the background job (bounded wait for the fake java to be called; no timing is asserted)
        String calls = "";
        for (int i = 0; i < 200 && !calls.contains("FastStart"); i++) {
            Thread.sleep(50);
            calls = Files.exists(record) ? Files.readString(record) : "";
        }
        assertThat(calls).contains("-cp " + target.resolve("dovelua-cli.jar") + " org.dovelua.cli.FastStart "
                + target.resolve("dovelua-cli.jar") + " " + target.resolve("dovelua-fast.jar") + " "
                + target.resolve("dovelua-fast.jsa"));
    }

    @Test
    void aFreshFastJarAndArchiveAreUsedWithC1ForShortRuns() throws Exception {
        jarAt("dovelua-fast.jar", 20);
        jarAt("dovelua-fast.jsa", 30);
        Run r = launch(Map.of(), "--script", "a.lua", "auth", "test", "u", "p");
        assertThat(r.out()).contains("-XX:SharedArchiveFile=" + target.resolve("dovelua-fast.jsa"))
                .contains("-Xlog:cds=off").contains("-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1")
                .contains("-jar " + target.resolve("dovelua-fast.jar") + " --script a.lua auth test u p");
        Run bench = launch(Map.of(), "--script", "a.lua", "bench", "u", "p");
        assertThat(bench.out()).doesNotContain("TieredStopAtLevel").doesNotContain("CICompilerCount");
    }

    @Test
    void aStaleArchiveIsLeftOutAndTheFastJarStillRuns() throws Exception {
        jarAt("dovelua-fast.jsa", 20);
        jarAt("dovelua-fast.jar", 30); // a new fast jar, its archive not yet made
        Run r = launch(Map.of(), "--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).doesNotContain("SharedArchiveFile").contains("-jar " + target.resolve("dovelua-fast.jar"));
    }

    /** The calls to the fake java so far, waiting (bounded) for one that starts FastStart. */
    private String callsOnceFastStartRan() throws InterruptedException, IOException {
        String calls = "";
        for (int i = 0; i < 200 && !calls.contains("FastStart"); i++) {
            Thread.sleep(50);
            calls = Files.exists(record) ? Files.readString(record) : "";
        }
        return calls;
    }

    @Test
    void aFastJarWhoseArchiveWasNeverWrittenGetsItMadeAgain() throws Exception {
        jarAt("dovelua-fast.jar", 20); // the last FastStart was killed before its archive was written
        Run r = launch(Map.of("DOVELUA_NO_FAST_START", ""), "--version");
        assertThat(r.out()).doesNotContain("SharedArchiveFile").contains("-jar " + target.resolve("dovelua-fast.jar"));
        assertThat(callsOnceFastStartRan()).contains("org.dovelua.cli.FastStart " + target.resolve("dovelua-cli.jar"));
    }

    @Test
    void noArchiveIsTriedAgainWhereFastStartCouldNotMakeOne() throws Exception {
        jarAt("dovelua-fast.jar", 20);
        jarAt("dovelua-fast.jsa.failed", 21);
        Run r = launch(Map.of("DOVELUA_NO_FAST_START", ""), "--version");
        assertThat(r.out()).contains("-jar " + target.resolve("dovelua-fast.jar"));
        // the background job takes its lock before it starts: none taken, none started
        assertThat(target.resolve("dovelua-fast.jar.lock")).doesNotExist();
        assertThat(Files.readString(record)).doesNotContain("FastStart");
    }

    @Test
    void aFastJarOlderThanTheCliJarIsNotUsed() throws Exception {
        jarAt("dovelua-fast.jar", 5);
        jarAt("dovelua-fast.jsa", 6);
        Run r = launch(Map.of(), "--version");
        assertThat(r.out()).doesNotContain("SharedArchiveFile").contains("-jar " + target.resolve("dovelua-cli.jar"));
    }

    @Test
    void aServedCommandIsAnsweredByTheServerWithoutAJvm() throws Exception {
        AtomicReference<ServeProtocol.Request> seen = new AtomicReference<>();
        Path runtimeDir = Files.createDirectories(dir.resolve("xdg"));
        String token = ServeEndpoint.newToken();
        try (ServeServer server = new ServeServer(token)) {
            ServeEndpoint.publish(ServeEndpoint.file(ServeEndpoint.folder(Map.of("XDG_RUNTIME_DIR", runtimeDir.toString())),
                    work.toString()), server.port(), token);
            Thread t = new Thread(() -> server.serve(r -> {
                seen.set(r);
                return r.argv().contains("local") ? ServeProtocol.Answer.LOCAL
                        : new ServeProtocol.Answer(false, 77, "out\0put\n".getBytes(StandardCharsets.UTF_8),
                                "err line\n".getBytes(StandardCharsets.UTF_8));
            }));
            t.start();
            Map<String, String> env = Map.of("XDG_RUNTIME_DIR", runtimeDir.toString());
            Run served = launch(env, "--script", "a b.lua", "auth", "test", "", "p w");
            assertThat(served.exit()).isEqualTo(77);
            assertThat(served.stdout()).isEqualTo("out\0put\n".getBytes(StandardCharsets.UTF_8));
            assertThat(served.stderr()).isEqualTo("err line\n");
            assertThat(seen.get().cwd()).isEqualTo(work.toString());
            assertThat(seen.get().argv()).containsExactly("--script", "a b.lua", "auth", "test", "", "p w");
            assertThat(record).doesNotExist();

            Run local = launch(env, "auth", "test", "local", "x");
            assertThat(local.out()).contains("-jar " + target.resolve("dovelua-cli.jar") + " auth test local x");

            seen.set(null);
            Run off = launch(Map.of("XDG_RUNTIME_DIR", runtimeDir.toString(), "DOVELUA_NO_SERVE", "1"), "user", "u");
            assertThat(off.out()).contains("-jar " + target.resolve("dovelua-cli.jar") + " user u");
            assertThat(seen.get()).isNull();
            server.stop();
            t.join();
        }
        // no server any more: the stale state file costs nothing but a refused connection
        Run gone = launch(Map.of("XDG_RUNTIME_DIR", runtimeDir.toString()), "user", "u");
        assertThat(gone.exit()).isZero();
        assertThat(gone.stderr()).isEmpty();
        assertThat(gone.out()).contains("-jar " + target.resolve("dovelua-cli.jar") + " user u");
    }
}
