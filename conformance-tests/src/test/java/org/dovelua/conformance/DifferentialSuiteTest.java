package org.dovelua.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dovelua.cli.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential suite: every {@code src/test/resources/differential/*.yaml} case holds a script, config and
 * command lines together with what real Dovecot 2.3.19.1 answered (stdout, exit code, normalised auth log).
 * dovelua is always compared against the recorded answer; when doveadm is installed and we are root, real
 * Dovecot is run too and compared against the recording, so recordings cannot drift from reality.
 *
 * <p>{@code -Ddifferential.record=true} (root + doveadm only) rewrites each case's runs with real Dovecot's
 * answers; that is the only way expected values are produced. {@code -Ddifferential.only=NNN} limits the cases.
 */
class DifferentialSuiteTest {

    static final Path CASES = Path.of("src/test/resources/differential");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    /** What one command answered, after normalisation. */
    record Outcome(int exit, String stdout, List<String> log) {
    }

    // ---------------------------------------------------------------- discovery

    @TestFactory
    Stream<DynamicNode> differential() throws IOException {
        String only = System.getProperty("differential.only", "");
        boolean record = Boolean.getBoolean("differential.record");
        List<Path> files;
        try (Stream<Path> s = Files.list(CASES)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> only.isEmpty() || p.getFileName().toString().startsWith(only))
                    .sorted().toList();
        }
        if (record) {
            Assumptions.assumeTrue(realAvailable(), "recording needs doveadm on PATH and root");
            return files.stream().map(f -> DynamicTest.dynamicTest("record " + f.getFileName(), () -> record(f)));
        }
        return files.stream().map(this::container);
    }

    private DynamicNode container(Path file) {
        String name = file.getFileName().toString();
        JsonNode c = read(file);
        List<DynamicNode> tests = new ArrayList<>();
        JsonNode runs = c.path("runs");
        // real Dovecot is started once per case file, lazily, for all of its runs
        RealCache real = new RealCache(c);
        for (int i = 0; i < runs.size(); i++) {
            JsonNode run = runs.get(i);
            int n = i + 1;
            String label = name + " run " + n + " " + args(run);
            tests.add(DynamicTest.dynamicTest(label + " [dovelua]", () -> checkDovelua(name, c, run, n)));
            tests.add(DynamicTest.dynamicTest(label + " [real dovecot]", () -> {
                Assumptions.assumeTrue(realAvailable(), "doveadm not on PATH or not root: real Dovecot skipped");
                Outcome actual = real.get().get(n - 1);
                String diff = compare(c, run, actual);
                if (diff != null) {
                    fail(name + " run " + n + " args=" + args(run) + ": real Dovecot no longer matches the recording"
                            + " (re-record with -Ddifferential.record=true)\n" + diff);
                }
            }));
        }
        return DynamicContainer.dynamicContainer(name, tests);
    }

    private void checkDovelua(String name, JsonNode c, JsonNode run, int n) throws IOException {
        Path dir = newDir(name);
        Main.Result r;
        try (HttpFixture http = writeCase(dir, c)) {
            List<String> argv = new ArrayList<>(List.of("-c", dir.resolve("dovecot.conf").toString(),
                    "--mount", dir + "=" + dir));
            if (http.active()) {
                argv.add("--allow-network"); // the case's server is a real loopback server, as for Dovecot
            }
            argv.addAll(args(run, dir));
            r = Main.capture(argv.toArray(String[]::new));
        }
        Outcome actual = new Outcome(r.exitCode(), r.stdout().replace(dir.toString(), "%DIR%"),
                normaliseLog(r.stderr(), dir, debug(c), false));
        String diff = compare(c, run, actual);
        String where = name + " run " + n + " args=" + args(run);
        if (c.hasNonNull("divergence")) {
            if (diff == null) {
                fail(where + ": divergence fixed, remove the divergence: entry (" + c.get("divergence").asText() + ")");
            }
            return;
        }
        if (diff != null) {
            fail(where + ": dovelua differs from real Dovecot\n" + diff + "\n--- dovelua stderr ---\n" + r.stderr());
        }
    }

    // ---------------------------------------------------------------- comparison

    /** Null when equal, otherwise a readable expected-vs-actual report. */
    static String compare(JsonNode c, JsonNode run, Outcome a) {
        StringBuilder sb = new StringBuilder();
        int exit = run.path("exit").asInt();
        if (exit != a.exit()) {
            sb.append("exit: expected ").append(exit).append(" but was ").append(a.exit()).append('\n');
        }
        String stdout = run.path("stdout").asText("");
        boolean asSet = run.path("fields_as_set").asBoolean(false);
        if (!canonStdout(stdout, asSet).equals(canonStdout(a.stdout(), asSet))) {
            sb.append("stdout").append(asSet ? " (compared as a set of lines)" : "").append(":\n--- expected ---\n")
                    .append(stdout).append("\n--- actual ---\n").append(a.stdout()).append('\n');
        }
        List<String> log = new ArrayList<>();
        run.path("log").forEach(l -> log.add(l.asText()));
        if (!byProcess(log).equals(byProcess(a.log()))) {
            sb.append("log:\n--- expected ---\n").append(String.join("\n", log)).append("\n--- actual ---\n")
                    .append(String.join("\n", a.log())).append('\n');
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /**
     * The auth and auth-worker processes log through separate pipes, so real Dovecot interleaves them
     * nondeterministically; the order is compared within each process, not across them.
     */
    static java.util.Map<String, List<String>> byProcess(List<String> log) {
        java.util.Map<String, List<String>> m = new java.util.TreeMap<>();
        for (String l : log) {
            m.computeIfAbsent(l.substring(0, Math.max(0, l.indexOf(':'))), k -> new ArrayList<>()).add(l);
        }
        return m;
    }

    static List<String> canonStdout(String s, boolean asSet) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (asSet) {
            Collections.sort(lines);
        }
        return lines;
    }

    // ---------------------------------------------------------------- log normalisation (both sides)

    static final Pattern REAL_LINE =
            Pattern.compile("^[A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d (auth|auth-worker)(?:\\(\\d+\\))?: (.*)$");
    static final Pattern DOVELUA_LINE = Pattern.compile("^(auth|auth-worker): (.*)$");
    /** The per-connection prefix real auth-workers put before the request prefix; it carries pids. */
    static final Pattern WORKER_CONN =
            Pattern.compile("conn unix:auth-worker \\(pid=\\d+,uid=\\d+\\): auth-worker<\\d+>: ");

    static final Pattern RAW_BACKTRACE = Pattern.compile("^(Error: Raw backtrace: ).*$");
    static final Pattern TRACEBACK = Pattern.compile("^[A-Za-z]+: (\t|stack traceback:)");
    static final Pattern PIDS = Pattern.compile("\\(pid=\\d+");
    static final Pattern CHILD_PID = Pattern.compile("child \\d+ ");
    /** The case's HTTP server ports, lib-http's connection ids and request timing figures vary per run. */
    static final Pattern LOOPBACK_PORT = Pattern.compile("127\\.0\\.0\\.1:\\d+");
    static final Pattern CONN_ID = Pattern.compile(",id=\\d+\\)");
    static final Pattern HTTP_STATS = Pattern.compile("\\(Request queued [^)]*\\)");

    /**
     * Keeps auth/auth-worker lines, strips timestamp, pid and the worker connection prefix, drops Debug lines
     * unless auth_debug=yes, drops traceback continuation lines, replaces DIR by %DIR%.
     */
    static List<String> normaliseLog(String text, Path dir, boolean debug, boolean real) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("\t") || line.startsWith("stack traceback:")) {
                continue;
            }
            Matcher m = (real ? REAL_LINE : DOVELUA_LINE).matcher(line);
            if (!m.matches()) {
                continue;
            }
            String msg = WORKER_CONN.matcher(m.group(2)).replaceFirst("");
            // Dovecot prefixes every line of a multi-line message, so a traceback shows up as
            // "Error: stack traceback:" / "Error: \t..." lines
            if (TRACEBACK.matcher(msg).find()) {
                continue;
            }
            msg = PIDS.matcher(msg).replaceAll("(pid=N");
            if (!debug && msg.startsWith("Debug: ")) {
                continue;
            }
            // addresses in panic backtraces and pids of killed children vary from run to run
            msg = RAW_BACKTRACE.matcher(msg).replaceFirst("$1<elided>");
            msg = CHILD_PID.matcher(msg).replaceAll("child N ");
            msg = LOOPBACK_PORT.matcher(msg).replaceAll("127.0.0.1:PORT");
            msg = CONN_ID.matcher(msg).replaceAll(",id=N)");
            msg = HTTP_STATS.matcher(msg).replaceAll("(Request queued STATS)");
            out.add((m.group(1) + ": " + msg).replace(dir.toString(), "%DIR%"));
        }
        return out;
    }

    static boolean debug(JsonNode c) {
        return Pattern.compile("(?m)^\\s*auth_debug\\s*=\\s*yes\\s*$").matcher(c.path("config").asText("")).find();
    }

    // ---------------------------------------------------------------- case files

    static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    static List<String> args(JsonNode run) {
        List<String> a = new ArrayList<>();
        run.path("args").forEach(x -> a.add(x.asText()));
        return a;
    }

    static List<String> args(JsonNode run, Path dir) {
        return args(run).stream().map(x -> x.replace("%DIR%", dir.toString())).toList();
    }

    static Path newDir(String name) throws IOException {
        Path dir = Files.createTempDirectory("dovelua-diff-" + name.replace(".yaml", "") + "-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /**
     * A case's {@code http:} entry: a static stub (same format as {@code --stub ...=static:FILE}) on a
     * loopback port that both real Dovecot and dovelua talk to; {@code %HTTP%} in the script is its
     * base URL, {@code %CLOSED%} a loopback URL where nothing listens.
     */
    static final class HttpFixture implements AutoCloseable {
        private final org.dovelua.stubs.StubServer server;
        final String base;
        final String closed;

        HttpFixture(Path dir, JsonNode spec) throws IOException {
            if (spec.isMissingNode() || spec.isNull()) {
                server = null;
                base = "";
                closed = "";
                return;
            }
            Path file = dir.resolve("http.yaml");
            Files.writeString(file, YAML.writeValueAsString(spec));
            try {
                server = org.dovelua.stubs.StubFiles.load("static", file);
            } catch (org.dovelua.stubs.StubFileException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            base = server.start().toString().replaceAll("/$", "");
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closed = "http://127.0.0.1:" + s.getLocalPort();
            }
        }

        boolean active() {
            return server != null;
        }

        String apply(String script) {
            return script.replace("%HTTP%", base).replace("%CLOSED%", closed);
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }

    /** Writes DIR/auth.lua and DIR/dovecot.conf exactly as both sides see them; starts the case's HTTP server. */
    static HttpFixture writeCase(Path dir, JsonNode c) throws IOException {
        String d = dir.toString();
        HttpFixture http = new HttpFixture(dir, c.path("http"));
        Files.writeString(dir.resolve("auth.lua"), http.apply(c.path("script").asText("").replace("%DIR%", d)));
        StringBuilder conf = new StringBuilder();
        conf.append("base_dir = ").append(d).append("/run\n")
                .append("state_dir = ").append(d).append("/state\n")
                .append("protocols =\n")
                .append("log_path = ").append(d).append("/dovecot.log\n")
                .append("auth_verbose = yes\n")
                .append("auth_debug = no\n");
        String base = c.path("base").asText("lua-both");
        if (base.equals("lua-both")) {
            for (String db : List.of("passdb", "userdb")) {
                conf.append(db).append(" {\n  driver = lua\n  args = file=").append(d)
                        .append("/auth.lua blocking=yes\n}\n");
            }
        } else if (!base.equals("none")) {
            throw new IllegalArgumentException("unknown base: " + base);
        }
        conf.append("service anvil {\n  chroot =\n}\nservice stats {\n  chroot =\n}\n");
        conf.append(c.path("config").asText("").replace("%DIR%", d));
        Files.writeString(dir.resolve("dovecot.conf"), conf.toString());
        return http;
    }

    // ---------------------------------------------------------------- real Dovecot

    static boolean realAvailable() {
        if (!Boolean.parseBoolean(System.getProperty("differential.real", "true"))) {
            return false; // -Ddifferential.real=false: dovelua side only (fast local loop)
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean doveadm = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(p -> !p.isEmpty() && Files.isExecutable(Path.of(p, "doveadm")));
        return root && doveadm;
    }

    /** Runs all runs of one case against one real Dovecot instance, once. */
    static final class RealCache {
        private final JsonNode c;
        private List<Outcome> outcomes;

        RealCache(JsonNode c) {
            this.c = c;
        }

        synchronized List<Outcome> get() throws Exception {
            if (outcomes == null) {
                outcomes = runReal(c);
            }
            return outcomes;
        }
    }

    static List<Outcome> runReal(JsonNode c) throws Exception {
        Path dir = newDir("real");
        try (HttpFixture http = writeCase(dir, c)) {
            return runReal(c, dir);
        }
    }

    static List<Outcome> runReal(JsonNode c, Path dir) throws Exception {
        String conf = dir.resolve("dovecot.conf").toString();
        Path log = dir.resolve("dovecot.log");
        exec(List.of("dovecot", "-c", conf));
        Path pidFile = dir.resolve("run/master.pid");
        waitFor(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank()
                && Files.exists(dir.resolve("run/auth-client")), 5000);
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        List<Outcome> res = new ArrayList<>();
        try {
            for (JsonNode run : c.path("runs")) {
                long before = Files.exists(log) ? Files.size(log) : 0;
                List<String> cmd = new ArrayList<>(List.of("doveadm", "-c", conf));
                cmd.addAll(args(run, dir));
                String[] r = exec(cmd);
                settle(log);
                byte[] all = Files.readAllBytes(log);
                String fresh = new String(all, (int) Math.min(before, all.length), (int) (all.length - Math.min(before, all.length)),
                        StandardCharsets.UTF_8);
                res.add(new Outcome(Integer.parseInt(r[0]), r[1].replace(dir.toString(), "%DIR%"),
                        normaliseLog(fresh, dir, debug(c), true)));
            }
        } finally {
            exec(List.of("doveadm", "-c", conf, "stop"));
            waitFor(() -> !Files.exists(Path.of("/proc/" + pid)), 10000);
        }
        return res;
    }

    /** Waits until the log file has stopped growing (log process writes asynchronously). */
    static void settle(Path log) throws Exception {
        long last = -1;
        int stable = 0;
        Thread.sleep(150);
        for (int i = 0; i < 60 && stable < 3; i++) {
            long now = Files.exists(log) ? Files.size(log) : 0;
            stable = now == last ? stable + 1 : 0;
            last = now;
            Thread.sleep(50);
        }
    }

    interface Cond {
        boolean ok() throws Exception;
    }

    static void waitFor(Cond cond, long ms) throws Exception {
        long end = System.currentTimeMillis() + ms;
        while (!cond.ok()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("timed out waiting for real Dovecot");
            }
            Thread.sleep(20);
        }
    }

    /** Returns {exit, stdout, stderr}. */
    static String[] exec(List<String> cmd) throws Exception {
        Path out = Files.createTempFile("dl-out", ".txt");
        Path err = Files.createTempFile("dl-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timeout: " + cmd);
            }
            return new String[] {String.valueOf(p.exitValue()), Files.readString(out), Files.readString(err)};
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    // ---------------------------------------------------------------- recording

    /** Rewrites the runs of one case file with what real Dovecot answers now. */
    static void record(Path file) throws Exception {
        ObjectNode c = (ObjectNode) read(file);
        List<Outcome> got = runReal(c);
        ArrayNode runs = (ArrayNode) c.get("runs");
        for (int i = 0; i < runs.size(); i++) {
            ObjectNode old = (ObjectNode) runs.get(i);
            Outcome o = got.get(i);
            ObjectNode run = YAML.createObjectNode();
            run.set("args", old.get("args"));
            run.put("exit", o.exit());
            run.put("stdout", o.stdout());
            ArrayNode log = run.putArray("log");
            o.log().forEach(log::add);
            if (old.has("fields_as_set")) {
                run.set("fields_as_set", old.get("fields_as_set"));
            }
            runs.set(i, run);
        }
        ObjectNode ordered = YAML.createObjectNode();
        for (String k : List.of("description", "script", "config", "base", "http", "runs", "divergence")) {
            if (c.has(k)) {
                ordered.set(k, c.get(k));
            }
        }
        c.fieldNames().forEachRemaining(k -> {
            if (!ordered.has(k)) {
                ordered.set(k, c.get(k));
            }
        });
        Files.writeString(file, YAML.writeValueAsString(ordered));
        Objects.requireNonNull(file);
    }
}
