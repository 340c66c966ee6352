package org.dovelua.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.dovelua.api.Dovelua;
import org.dovelua.api.Result;
import org.dovelua.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's case file and Java API example do what the README says. */
class ReadmeExamplesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /**
     * The README's install: the runnable jar under its stable name (built by this reactor's
     * package phase) runs with java -jar, and the launcher linked from another folder finds its
     * checkout through the link.
     */
    @Test
    void theInstalledJarAndTheLinkedLauncherRun() throws Exception {
        Path jar = ROOT.resolve("runtime/target/dovelua-cli.jar");
        assertThat(jar).isRegularFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertThat(run(dir, java, "-jar", jar.toString(), "--version")).isEqualTo("dovelua 0.1.0\n");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("dovelua"), ROOT.resolve("dovelua"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        assertThat(run(elsewhere, link.toString(), "--version")).endsWith("dovelua 0.1.0\n");
    }

    /** The Dockerfile builds and its image runs, where a container engine is reachable. */
    @Test
    void theContainerImageRuns() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dockerReachable(),
                "no reachable docker daemon here: the image is not built");
        String tag = "dovelua-readme-test:latest";
        run(ROOT, "docker", "build", "-q", "-t", tag, ".");
        assertThat(run(dir, "docker", "run", "--rm", tag, "--version")).endsWith("dovelua 0.1.0\n");
    }

    private static boolean dockerReachable() {
        try {
            Process p = new ProcessBuilder("docker", "info", "--format", "{{.ServerVersion}}")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false; // no docker command at all
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(Path cwd, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        // the launcher starts `java` from PATH: the one running this test
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void theJavaApiExample() {
        // as in the README, with paths from the repository root
        try (Dovelua dovecot = Dovelua.builder()
                .config(ROOT.resolve("scripts/passwd-file/dovecot.conf"))
                .version("2.3.19")
                .mount("/etc/dovecot", ROOT.resolve("scripts/passwd-file"))
                .env("API_TOKEN", "test-token")
                .timeout(Duration.ofSeconds(5))
                .authVerbose(true)
                .build()) {
            Result r = dovecot.authTest("alice", "wonderland", Map.of("service", "imap", "rip", "10.0.0.1"));
            assertThat(r.result()).isEqualTo("ok");
            assertThat(r.exitCode()).isZero();
            assertThat(r.fields()).containsEntry("user", "alice");
            assertThat(r.logs()).anyMatch(l -> l.contains("found alice"));

            assertThat(dovecot.authLookup("carol").result()).isEqualTo("not_found");
            assertThat(dovecot.userLookup("bob").field("home")).isEqualTo("/home/bob");
            assertThat(dovecot.iterate().users()).containsExactly("alice", "bob");
        }
    }

    @Test
    void theJavaApiStubExample() {
        try (Dovelua nc = Dovelua.builder()
                .config(ROOT.resolve("scripts/nextcloud/dovecot.conf"))
                .mount("/etc/dovecot", ROOT.resolve("scripts/nextcloud"))
                .stub("https://nextcloud.example.com", "nextcloud", ROOT.resolve("scripts/nextcloud/nextcloud.yaml"))
                .build()) {
            Result r = nc.authTest("alice@example.com", "app-pass-alice-1", Map.of("service", "imap"));
            assertThat(r.http()).singleElement().satisfies(ex -> {
                assertThat(ex.method()).isEqualTo("PROPFIND");
                assertThat(ex.requestHeader("authorization")).startsWith("Basic ");
                assertThat(ex.status()).isEqualTo(207);
            });
            assertThat(r.result()).isEqualTo("ok");
        }
    }

    @Test
    void theCaseFileExampleRunsNextToThePasswdFileExample() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("```yaml\n# login.cases.yaml") + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        try (var files = Files.list(ROOT.resolve("scripts/passwd-file"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path cases = dir.resolve("login.cases.yaml");
        Files.writeString(cases, yaml);
        Main.Result r = Main.capture("test", cases.toString());
        assertThat(r.stdout()).isEqualTo("6 passed, 0 failed, 1 skipped\n");
        assertThat(r.exitCode()).isZero();
    }
}
