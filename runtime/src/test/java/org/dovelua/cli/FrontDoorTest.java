package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.dovelua.api.Command;
import org.dovelua.api.Dovelua;
import org.dovelua.api.DoveluaBuilder;
import org.dovelua.api.Result;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line has no engine of its own: it fills a {@link DoveluaBuilder} and runs a
 * {@link Command} through {@link Dovelua}, as API users and the case runner do. Shown two ways:
 * what the CLI prints equals, byte for byte, what the API prints for the same request (start-up
 * failures, a dying process and usage errors included), and the CLI's classes reference nothing in
 * {@code org.dovelua.auth} while the API's reference nothing in {@code org.dovelua.cli}.
 */
class FrontDoorTest {
    private static final String SCRIPT = String.join("\n",
            "function auth_passdb_lookup(req)",
            "  req:log_info('lookup ' .. req.user)",
            "  if req.user == 'x' then os.exit(3) end",
            "  if req.user == 'boom' then error('backend down') end",
            "  if req.user == 'nobody' then return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, 'no such user' end",
            "  return dovecot.auth.PASSDB_RESULT_OK, 'password=pw quota=1G'",
            "end",
            "function auth_userdb_lookup(req)",
            "  if req.user == 'nobody' then return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, 'no' end",
            "  return dovecot.auth.USERDB_RESULT_OK, 'uid=1000 gid=1000 home=/home/' .. req.user",
            "end",
            "function auth_userdb_iterate() return {'alice', 'bob', 'albert'} end",
            "");

    @TempDir
    Path dir;

    /** One request: the global options, then the doveadm command as the CLI takes it and as the API does. */
    private record Case(String name, List<String> options, List<String> command, Command request,
            java.util.function.Consumer<DoveluaBuilder> builder) {
    }

    private List<Case> cases(Path ok, Path broken, Path conf) {
        List<Case> c = new ArrayList<>();
        c.add(new Case("auth test ok", List.of("--script", ok.toString(), "--log-level", "info"),
                List.of("auth", "test", "-x", "rip=10.0.0.1", "alice", "pw"),
                new Command.AuthTest("alice", "pw", List.of("rip=10.0.0.1")), b -> b.script(ok).logLevel("info")));
        c.add(new Case("auth test mismatch, debug", List.of("--script", ok.toString(), "--log-level", "debug"),
                List.of("auth", "test", "alice", "wrong"),
                new Command.AuthTest("alice", "wrong", List.of()), b -> b.script(ok).logLevel("debug")));
        c.add(new Case("auth test internal failure", List.of("--script", ok.toString()),
                List.of("auth", "test", "boom", "pw"), new Command.AuthTest("boom", "pw", List.of()),
                b -> b.script(ok)));
        c.add(new Case("auth test kills the worker", List.of("--script", ok.toString()),
                List.of("auth", "test", "x", "pw"), new Command.AuthTest("x", "pw", List.of()), b -> b.script(ok)));
        c.add(new Case("auth lookup two users, one field", List.of("--script", ok.toString()),
                List.of("auth", "lookup", "-f", "quota", "alice", "nobody"),
                new Command.AuthLookup(List.of("alice", "nobody"), List.of(), "quota"), b -> b.script(ok)));
        c.add(new Case("user table for two users", List.of("--script", ok.toString()),
                List.of("user", "alice", "bob"), new Command.User(List.of("alice", "bob"), List.of(), null, false),
                b -> b.script(ok)));
        c.add(new Case("user -u", List.of("--script", ok.toString()), List.of("user", "-u", "nobody"),
                new Command.User(List.of("nobody"), List.of(), null, true), b -> b.script(ok)));
        c.add(new Case("user listing", List.of("--script", ok.toString()), List.of("user", "al*"),
                new Command.User(List.of("al*"), List.of(), null, false), b -> b.script(ok)));
        c.add(new Case("script that does not load", List.of("--script", broken.toString()),
                List.of("auth", "test", "alice", "pw"), new Command.AuthTest("alice", "pw", List.of()),
                b -> b.script(broken)));
        c.add(new Case("config the auth process refuses", List.of("-c", conf.toString()),
                List.of("user", "alice"), new Command.User(List.of("alice"), List.of(), null, false),
                b -> b.config(conf)));
        c.add(new Case("2.4 profile", List.of("--script", ok.toString(), "--dovecot-version", "2.4.1"),
                List.of("auth", "test", "boom", "pw"), new Command.AuthTest("boom", "pw", List.of()),
                b -> b.script(ok).version("2.4.1")));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> theCliPrintsWhatTheApiPrints() throws IOException {
        Path ok = write("auth.lua", SCRIPT);
        Path broken = write("broken.lua", "function auth_passdb_lookup(req)\n");
        Path conf = write("dovecot.conf", "passdb {\n  driver = nosuch\n}\n");
        return cases(ok, broken, conf).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            List<String> argv = new ArrayList<>(c.options());
            argv.addAll(c.command());
            Main.Result cli = Main.capture(argv.toArray(String[]::new));

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            DoveluaBuilder b = Dovelua.builder().output(new PrintWriter(out, true), new PrintWriter(err, true));
            c.builder().accept(b);
            Result api;
            try (Dovelua d = b.build()) {
                api = d.run(c.request());
            }
            assertThat(cli.exitCode()).isEqualTo(api.exitCode());
            assertThat(cli.stdout()).isEqualTo(out.toString());
            assertThat(pidless(cli.stderr())).isEqualTo(pidless(err.toString()));
            // without live output the result carries the request's part: the same stdout
            assertThat(api.stdout()).isEqualTo(cli.stdout());
        }));
    }

    @Test
    void aFailedStartIsReportedOnceByTheRequestThatFindsTheProcessDown() throws IOException {
        Path broken = write("broken.lua", "function auth_passdb_lookup(req)\n");
        Main.Result cli = Main.capture("--script", broken.toString(), "auth", "test", "alice", "pw");
        assertThat(cli.stderr().split("auth: Fatal: ", -1)).hasSize(2);
        try (Dovelua d = Dovelua.builder().script(broken).build()) {
            assertThat(d.startupLogs()).isEmpty();
            Result first = d.authTest("alice", "pw");
            assertThat(first.logs()).filteredOn(l -> l.startsWith("auth: Fatal: ")).hasSize(1);
            assertThat(first.stderr()).isEqualTo(cli.stderr());
            // the next request tries to start it again, as Dovecot's master does
            assertThat(d.authTest("alice", "pw").logs()).filteredOn(l -> l.startsWith("auth: Fatal: ")).hasSize(1);
        }
    }

    @Test
    void aMalformedInfoPairIsAUsageErrorOnBothSides() throws IOException {
        Path ok = write("auth.lua", SCRIPT);
        Main.Result cli = Main.capture("--script", ok.toString(), "auth", "test", "-x", "rip=not-an-ip", "alice", "pw");
        assertThat(cli.exitCode()).isEqualTo(64);
        try (Dovelua d = Dovelua.builder().script(ok).build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.authTest("alice", "pw", Map.of("rip", "not-an-ip")))
                    .isInstanceOf(org.dovelua.api.BadRequestException.class)
                    .satisfies(e -> assertThat(cli.stderr()).endsWith("dovelua: " + e.getMessage() + "\n"));
        }
    }

    @Test
    void theToolProviderRunsTheSameCommandLine() throws IOException {
        Path ok = write("auth.lua", SCRIPT);
        ToolProvider tool = ToolProvider.findFirst("dovelua").orElseThrow();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = tool.run(new PrintWriter(out, true), new PrintWriter(err, true), "--script", ok.toString(),
                "auth", "test", "alice", "pw");
        Main.Result cli = Main.capture("--script", ok.toString(), "auth", "test", "alice", "pw");
        assertThat(code).isEqualTo(cli.exitCode()).isZero();
        assertThat(out.toString()).isEqualTo(cli.stdout());
    }

    @Test
    void theCliReachesTheEngineOnlyThroughTheApi() {
        assertThat(references("org/dovelua/cli")).noneMatch(c -> c.startsWith("org/dovelua/auth/"));
        assertThat(references("org/dovelua/api")).noneMatch(c -> c.startsWith("org/dovelua/cli/"));
        assertThat(references("org/dovelua/cli")).contains("org/dovelua/api/Dovelua");
    }

    private static final Pattern INTERNAL_NAME = Pattern.compile("org/dovelua/[A-Za-z0-9_/$]+");

    /**
     * Every dovelua class the compiled classes of a package name: class references, field and
     * method descriptors and signatures all sit in the constant pool as internal names.
     */
    private static Set<String> references(String pkg) {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("target/classes").resolve(pkg))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                Matcher m = INTERNAL_NAME.matcher(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    out.add(m.group());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** Worker pids and debug-log pids are the JVM's own and differ per process start. */
    private static String pidless(String s) {
        return s.replaceAll("pid=\\d+", "pid=N").replaceAll("child \\d+ ", "child N ");
    }
}
