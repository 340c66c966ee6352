package org.dovelua.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.lua.lua54.vm.PrepatchedJar;

/**
 * What the {@code dovelua} launcher makes once per build, so later launches start faster:
 * {@code FastStart CLI.jar FAST.jar ARCHIVE.jsa} writes the {@link PrepatchedJar} copy of the CLI
 * jar, then runs {@link Training} in a JVM that dumps the classes it loaded into a class-data
 * sharing archive ({@code -XX:ArchiveClassesAtExit}, JDK 13+). The launcher uses the pair only
 * while both are newer than the CLI jar; a missing, stale or unreadable archive costs speed, never
 * an answer (the JVM then loads classes from the jar as usual).
 */
public final class FastStart {
    private FastStart() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: FastStart CLI.jar FAST.jar ARCHIVE.jsa");
            System.exit(64);
        }
        Path fast = Path.of(args[1]);
        Path archive = Path.of(args[2]);
        Files.deleteIfExists(archive); // a new fast jar invalidates the old archive
        Path failed = archive.resolveSibling(archive.getFileName() + ".failed");
        Files.deleteIfExists(failed);
        PrepatchedJar.write(Path.of(args[0]), fast);
        Path tmp = archive.resolveSibling(archive.getFileName() + ".tmp" + ProcessHandle.current().pid());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:ArchiveClassesAtExit=" + tmp);
        cmd.add("-Xss1g");
        // the same class path string the launcher gives (-jar FAST.jar), or the archive does not match
        cmd.addAll(List.of("-cp", args[1], Training.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() == 0 && Files.isRegularFile(tmp)) {
            Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.deleteIfExists(tmp);
            // the launcher does not try again for this fast jar (no class-data archive on this JDK)
            Files.writeString(failed, "the training run with -XX:ArchiveClassesAtExit made no archive\n");
            System.exit(1);
        }
    }

    /**
     * The training run: the command lines users start most, in-process, over a scratch folder,
     * so their classes are the ones archived. What they print is thrown away.
     */
    public static final class Training {
        private Training() {
        }

        public static void main(String[] args) throws IOException {
            Path dir = Files.createTempDirectory("dovelua-training");
            try {
                Path script = dir.resolve("auth.lua");
                Files.writeString(script, String.join("\n",
                        "function auth_passdb_lookup(req)",
                        "  if req.user == \"testuser1\" then",
                        "    return dovecot.auth.PASSDB_RESULT_OK, \"password=pass\"",
                        "  end",
                        "  return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, \"no such user\"",
                        "end",
                        "function auth_userdb_lookup(req)",
                        "  if req.user == \"testuser1\" then",
                        "    return dovecot.auth.USERDB_RESULT_OK, \"uid=vmail gid=vmail\"",
                        "  end",
                        "  return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, \"no such user\"",
                        "end",
                        "function script_init() return 0 end",
                        ""), StandardCharsets.UTF_8);
                Files.writeString(dir.resolve("cases.yaml"), String.join("\n",
                        "script: auth.lua",
                        "cases:",
                        "  - name: ok",
                        "    auth_test: {user: testuser1, password: pass}",
                        "    expect: {result: ok, exit: 0}",
                        "  - name: mismatch",
                        "    auth_test: {user: testuser1, password: nope}",
                        "    expect: {result: password_mismatch}",
                        "  - name: user",
                        "    user: testuser1",
                        "    expect: {result: found}",
                        ""), StandardCharsets.UTF_8);
                String s = script.toString();
                Main.capture("--version");
                Main.capture("--help");
                Main.capture("--script", s, "auth", "test", "testuser1", "pass");
                Main.capture("--script", s, "auth", "test", "-x", "service=imap", "testuser1", "wrong");
                Main.capture("--script", s, "auth", "lookup", "testuser1");
                Main.capture("--script", s, "user", "testuser1");
                Main.capture("--script", s, "auth", "cache", "flush");
                Main.capture("test", dir.toString());
                Path example = dir.resolve("example");
                Main.capture("init", example.toString());
                Main.capture("test", example.toString());
            } finally {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            System.exit(0);
        }
    }
}
