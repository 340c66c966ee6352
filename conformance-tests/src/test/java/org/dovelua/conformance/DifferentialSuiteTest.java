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
 *
 * <p>A case with {@code dovecot_version: 2.4.1} pins Dovecot 2.4.1 instead: a 2.4-syntax config, dovelua with
 * {@code --dovecot-version}, and real Dovecot from the trixie chroot at {@link #TRIXIE} (skipped without it).
 * {@code divergence:} (Lua 5.2 vs 5.4) and {@code pending:} (not emulated yet), on a case or a single run,
 * assert that dovelua still differs from the recording.
 */
class DifferentialSuiteTest {

    static final Path CASES = Path.of("src/test/resources/differential");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    /**
     * Debian 13 "trixie" chroot with real Dovecot 2.4.1, built by {@code conformance-tests/real-dovecot-24.sh};
     * cases with {@code dovecot_version: 2.4.x} run their real side there.
     */
    static final Path TRIXIE = Path.of(System.getProperty("differential.trixie", "/var/cache/dovelua/trixie"));

    /**
     * Where a case's files live: {@code host} on this machine, {@code seen} as Dovecot (and, through
     * {@code --mount}, dovelua) sees it. They differ only for 2.4 cases, whose real side runs in {@link #TRIXIE}.
     */
    record CaseDir(Path host, String seen) {
        CaseDir(Path host, String seen) {
            this.host = host;
            this.seen = seen == null ? host.toString() : seen;
        }
    }

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
            return files.stream().map(f -> DynamicTest.dynamicTest("record " + f.getFileName(), () -> {
                Assumptions.assumeTrue(realAvailable(read(f)), realMissing(read(f)));
                record(f);
            }));
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
                Assumptions.assumeTrue(realAvailable(c), realMissing(c));
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
        CaseDir dir = is24(c) ? newDir24(Files.isDirectory(TRIXIE.resolve("tmp")))
                : new CaseDir(newDir(), null);
        Main.Result r;
        try (HttpFixture http = writeCase(dir, c)) {
            List<String> argv = new ArrayList<>(List.of("-c", dir.host().resolve("dovecot.conf").toString(),
                    "--mount", dir.seen() + "=" + dir.host()));
            if (is24(c)) {
                argv.addAll(List.of("--dovecot-version", version(c)));
            }
            if (http.active()) {
                argv.add("--allow-network"); // the case's server is a real loopback server, as for Dovecot
            }
            argv.addAll(args(run, dir.seen()));
            r = Main.capture(argv.toArray(String[]::new));
        }
        Outcome actual = new Outcome(r.exitCode(), r.stdout().replace(dir.seen(), "%DIR%"),
                normaliseLog(r.stderr(), dir.seen(), debug(c), false));
        String diff = compare(c, run, actual);
        String where = name + " run " + n + " args=" + args(run);
        // divergence: the Lua 5.2 (LuaJ) vs 5.4 gap, which dovelua cannot close;
        // pending: something dovelua does not emulate yet. Both assert that dovelua still differs, and may be
        // given for the whole case or for single runs (a run's own entry wins).
        for (String key : List.of("pending", "divergence")) {
            JsonNode why = run.hasNonNull(key) ? run.get(key) : c.get(key);
            if (why != null && !why.isNull()) {
                if (diff == null) {
                    fail(where + ": " + key + " fixed, dovelua now matches; remove the " + key + ": entry ("
                            + why.asText() + ")");
                }
                return;
            }
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
            // the process name only: 2.4 puts the request context (user, ip, worker pid) right after it
            Matcher p = PROCESS.matcher(l);
            m.computeIfAbsent(p.lookingAt() ? p.group() : "", k -> new ArrayList<>()).add(l);
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

    /*
     * Line prefixes: 2.3 "auth-worker(1234): Info: conn unix:auth-worker (pid=..): auth-worker<1>: lua(u,ip): ..."
     * 2.4 "auth-worker(u,ip)<1234>: request [3]: Info: lua: ..." (context in parentheses, worker pid and
     * session in angle brackets, then the worker's request number). Groups: process, context, angles, message.
     */
    static final Pattern REAL_LINE = Pattern.compile("^[A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d "
            + "(auth|auth-worker)(\\([^)]*\\))?((?:<[^>]*>)*): (.*)$");
    static final Pattern DOVELUA_LINE = Pattern.compile("^(auth|auth-worker)(\\([^)]*\\))?((?:<[^>]*>)*): (.*)$");
    static final Pattern PROCESS = Pattern.compile("[a-z-]+");
    static final Pattern PID_CONTEXT = Pattern.compile("\\(\\d+\\)");
    static final Pattern ANGLE_PID = Pattern.compile("<\\d+>");
    /** 2.4 auth-workers number the requests they serve; the count depends on worker reuse, not on the case. */
    static final Pattern REQUEST_NO = Pattern.compile("^request \\[\\d+\\]: ");
    /** The per-connection prefix real auth-workers put before the request prefix; it carries pids. */
    static final Pattern WORKER_CONN =
            Pattern.compile("conn unix:auth-worker \\(pid=\\d+,uid=\\d+\\): auth-worker<\\d+>: ");

    static final Pattern RAW_BACKTRACE = Pattern.compile("^(Error: Raw backtrace: ).*$");
    /** 2.3: "Error: stack traceback:"; 2.4 puts the passdb name in between: "Error: lua: stack traceback:". */
    static final Pattern TRACEBACK = Pattern.compile("^[A-Za-z]+: (?:[a-z-]+: )?(\t|stack traceback:)");
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
    static List<String> normaliseLog(String text, String dir, boolean debug, boolean real) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("\t") || line.startsWith("stack traceback:")) {
                continue;
            }
            Matcher m = (real ? REAL_LINE : DOVELUA_LINE).matcher(line);
            if (!m.matches()) {
                continue;
            }
            String ctx = m.group(2) == null || PID_CONTEXT.matcher(m.group(2)).matches() ? "" : m.group(2);
            // 2.4 workers write their pid as <pid> after the request context; dovelua leaves pids out
            ctx += ANGLE_PID.matcher(m.group(3)).replaceAll("");
            String msg = WORKER_CONN.matcher(m.group(4)).replaceFirst("");
            String request = "";
            Matcher rq = REQUEST_NO.matcher(msg);
            if (rq.lookingAt()) {
                request = "request [N]: ";
                msg = msg.substring(rq.end());
            }
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
            out.add((m.group(1) + ctx + ": " + request + msg).replace(dir, "%DIR%"));
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

    static List<String> args(JsonNode run, String dir) {
        return args(run).stream().map(x -> x.replace("%DIR%", dir)).toList();
    }

    /** The release a case pins: {@code dovecot_version}, 2.3.19 (the host's Dovecot) when absent. */
    static String version(JsonNode c) {
        return c.path("dovecot_version").asText("2.3.19");
    }

    static boolean is24(JsonNode c) {
        return version(c).startsWith("2.4");
    }

    /**
     * A 2.4 case directory, seen as {@code /tmp/dv24-XXXXXXXX} on both sides (same length, so Lua's
     * shortened chunk names in error messages agree too): inside the chroot when it exists (the real side
     * always), otherwise under java.io.tmpdir and served to dovelua by {@code --mount}.
     */
    static CaseDir newDir24(boolean inChroot) throws IOException {
        Path parent = inChroot ? TRIXIE.resolve("tmp") : Path.of(System.getProperty("java.io.tmpdir"));
        java.util.Random rnd = new java.security.SecureRandom();
        for (int i = 0; ; i++) {
            String leaf = String.format("dv24-%08x", rnd.nextInt());
            try {
                Path host = Files.createDirectory(parent.resolve(leaf));
                Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwxr-xr-x"));
                return new CaseDir(host, "/tmp/" + leaf);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (i > 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * A 2.3 case directory, the same for both sides: a short name, so no script path passes Lua's
     * 60-character chunk-name limit (luaO_chunkid would shorten it to {@code ...tail}).
     */
    static Path newDir() throws IOException {
        Path dir = Files.createTempDirectory("dv-");
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
    static HttpFixture writeCase(CaseDir dir, JsonNode c) throws IOException {
        String d = dir.seen();
        HttpFixture http = new HttpFixture(dir.host(), c.path("http"));
        Files.writeString(dir.host().resolve("auth.lua"), http.apply(c.path("script").asText("").replace("%DIR%", d)));
        if (is24(c)) {
            Files.writeString(dir.host().resolve("dovecot.conf"), config24(c, d));
            return http;
        }
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
        Files.writeString(dir.host().resolve("dovecot.conf"), conf.toString());
        return http;
    }

    /**
     * The 2.4 form of the base config (DESIGN.md): {@code dovecot_config_version} must be the first setting,
     * {@code protocols} is a list, and the Lua databases are named filters with {@code lua_file}.
     * {@code base: none} leaves the passdb/userdb blocks to the case's {@code config} (e.g. for lua_settings).
     */
    static String config24(JsonNode c, String d) {
        String v = version(c);
        StringBuilder conf = new StringBuilder();
        conf.append("dovecot_config_version = ").append(v).append('\n')
                .append("dovecot_storage_version = ").append(v).append('\n')
                .append("base_dir = ").append(d).append("/run\n")
                .append("state_dir = ").append(d).append("/state\n")
                .append("protocols {\n}\n")
                .append("log_path = ").append(d).append("/dovecot.log\n")
                .append("auth_verbose = yes\n")
                .append("auth_debug = no\n");
        String base = c.path("base").asText("lua-both");
        if (base.equals("lua-both")) {
            for (String db : List.of("passdb", "userdb")) {
                conf.append(db).append(" lua {\n  lua_file = ").append(d).append("/auth.lua\n}\n");
            }
        } else if (!base.equals("none")) {
            throw new IllegalArgumentException("unknown base: " + base);
        }
        conf.append("service anvil {\n  chroot =\n}\nservice stats {\n  chroot =\n}\n");
        conf.append(c.path("config").asText("").replace("%DIR%", d));
        return conf.toString();
    }

    // ---------------------------------------------------------------- real Dovecot

    static boolean realAvailable(JsonNode c) {
        if (!Boolean.parseBoolean(System.getProperty("differential.real", "true"))) {
            return false; // -Ddifferential.real=false: dovelua side only (fast local loop)
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (is24(c)) {
            return root && Files.isExecutable(TRIXIE.resolve("usr/bin/doveadm"))
                    && Files.isExecutable(TRIXIE.resolve("usr/sbin/dovecot")) && procMounted();
        }
        boolean doveadm = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(p -> !p.isEmpty() && Files.isExecutable(Path.of(p, "doveadm")));
        return root && doveadm;
    }

    static String realMissing(JsonNode c) {
        return is24(c) ? "no Dovecot " + version(c) + " chroot at " + TRIXIE + " (build it with"
                + " conformance-tests/real-dovecot-24.sh) or not root: real Dovecot skipped"
                : "doveadm not on PATH or not root: real Dovecot skipped";
    }

    /** Dovecot needs /proc in the chroot; mount it if the build script's mount is gone (e.g. after a reboot). */
    static synchronized boolean procMounted() {
        if (Files.exists(TRIXIE.resolve("proc/self"))) {
            return true;
        }
        try {
            exec(List.of("mount", "-t", "proc", "proc", TRIXIE.resolve("proc").toString()));
        } catch (Exception e) {
            return false;
        }
        return Files.exists(TRIXIE.resolve("proc/self"));
    }

    /** The command line that runs a Dovecot binary for this case (in the chroot for 2.4 cases). */
    static List<String> dovecotCmd(JsonNode c, String... cmd) {
        List<String> l = new ArrayList<>();
        if (is24(c)) {
            l.addAll(List.of("chroot", TRIXIE.toString()));
        }
        l.addAll(List.of(cmd));
        return l;
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
        CaseDir cd = is24(c) ? newDir24(true) : new CaseDir(newDir(), null);
        try (HttpFixture http = writeCase(cd, c)) {
            return runReal(c, cd);
        }
    }

    static List<Outcome> runReal(JsonNode c, CaseDir cd) throws Exception {
        Path dir = cd.host();
        String conf = cd.seen() + "/dovecot.conf";
        Path log = dir.resolve("dovecot.log");
        String[] started = exec(dovecotCmd(c, "dovecot", "-c", conf));
        if (!started[0].equals("0")) {
            throw new IllegalStateException("dovecot did not start: " + started[2]);
        }
        Path pidFile = dir.resolve("run/master.pid");
        waitFor(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank()
                && Files.exists(dir.resolve("run/auth-client")), 5000);
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        List<Outcome> res = new ArrayList<>();
        try {
            for (JsonNode run : c.path("runs")) {
                long before = Files.exists(log) ? Files.size(log) : 0;
                List<String> cmd = dovecotCmd(c, "doveadm", "-c", conf);
                cmd.addAll(args(run, cd.seen()));
                String[] r = exec(cmd);
                settle(log);
                String fresh = tail(log, before);
                // on a loaded machine the log process can lag behind settle(): give the lines the
                // recording expects up to 5 s more before calling them missing
                int expected = run.path("log").size();
                for (int waited = 0; waited < 5000 && fresh.lines().count() < expected; waited += 100) {
                    Thread.sleep(100);
                    fresh = tail(log, before);
                }
                res.add(new Outcome(Integer.parseInt(r[0]), r[1].replace(cd.seen(), "%DIR%"),
                        normaliseLog(fresh, cd.seen(), debug(c), true)));
            }
        } finally {
            exec(dovecotCmd(c, "doveadm", "-c", conf, "stop"));
            waitFor(() -> !Files.exists(Path.of("/proc/" + pid)), 10000);
        }
        return res;
    }

    /** What the log file gained after {@code before} bytes. */
    static String tail(Path log, long before) throws IOException {
        byte[] all = Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
        int from = (int) Math.min(before, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
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
            for (String k : List.of("fields_as_set", "pending", "divergence")) {
                if (old.has(k)) {
                    run.set(k, old.get(k));
                }
            }
            runs.set(i, run);
        }
        ObjectNode ordered = YAML.createObjectNode();
        for (String k : List.of("description", "dovecot_version", "script", "config", "base", "http", "runs",
                "divergence", "pending")) {
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
