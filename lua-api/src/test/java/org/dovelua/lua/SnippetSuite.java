package org.dovelua.lua;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.testkit.KnownDivergences;
import org.junit.jupiter.api.DynamicTest;

/**
 * A differential snippet suite: each snippet of a resource file runs on dovelua (a {@link LuaScript},
 * as Dovecot's scripts run) and on the real {@code lua5.4}, and both must print the same lines.
 *
 * <p>The file is a list of {@code === name} headers, each followed by its Lua source. A header
 * {@code === name divergence: <why>} marks a known divergence ({@link KnownDivergences}): it asserts
 * the same and is expected to fail, so the marker goes once dovelua agrees. Where lua5.4 (or a
 * module the suite needs on the real side) is missing, the marked snippets count as not checked and
 * the suite is skipped.
 *
 * <p>Used by {@code Lua54SemanticsTest} and by one suite per built-in module (json, LuaSocket,
 * luasql, ...), which point the real side at Debian's copy of the module with {@link #realEnv}.
 */
public final class SnippetSuite {
    /** The chunk name both sides run the snippet as. */
    public static final String CHUNK = "t.lua";

    /** One snippet: its name, the known divergence (or null), its source and first line. */
    public record Snippet(String name, String divergence, String source, int line) {
    }

    private final String resource;
    private final String title;
    private int minimum = 1;
    private final Map<String, String> realEnv = new LinkedHashMap<>();
    private Function<Path, ScriptOptions> options = dir -> defaultOptions();
    private final List<Path> realPrerequisites = new ArrayList<>();
    private UnaryOperator<String> normalizeReal = UnaryOperator.identity();

    /** A suite over {@code resource} (a classpath path), reported as {@code title}. */
    public SnippetSuite(String resource, String title) {
        this.resource = resource;
        this.title = title;
    }

    /** The suite fails when the file holds fewer snippets (so a truncated file does not pass). */
    public SnippetSuite minimum(int count) {
        this.minimum = count;
        return this;
    }

    /** An environment variable for the real lua5.4 ({@code LUA_PATH}, {@code LUA_CPATH}). */
    public SnippetSuite realEnv(String name, String value) {
        realEnv.put(name, value);
        return this;
    }

    /** A file the real side needs (a Debian module); without it the suite is skipped. */
    public SnippetSuite requiresOnRealSide(Path file) {
        realPrerequisites.add(file);
        return this;
    }

    /**
     * Rewrites each line the real side prints before comparing, for what differs by installation
     * alone (Debian ships lua-json for 5.3 only, so its error positions name /usr/share/lua/5.3).
     */
    public SnippetSuite normalizeReal(UnaryOperator<String> normalize) {
        this.normalizeReal = normalize;
        return this;
    }

    /** The options of dovelua's state (default: a 10 s call limit, stdout collected). */
    public SnippetSuite options(Supplier<ScriptOptions> options) {
        this.options = dir -> options.get();
        return this;
    }

    /** Options made for the directory the real side runs in (a sandbox whose files are there). */
    public SnippetSuite optionsIn(Function<Path, ScriptOptions> options) {
        this.options = options;
        return this;
    }

    public List<Snippet> snippets() throws IOException {
        return read(resource);
    }

    /** The snippets of a resource file. */
    public static List<Snippet> read(String resource) throws IOException {
        List<Snippet> out = new ArrayList<>();
        try (InputStream in = SnippetSuite.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the test classpath");
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            String name = null;
            String divergence = null;
            int start = 0;
            StringBuilder src = new StringBuilder();
            for (int i = 0; i <= lines.length; i++) {
                if (i == lines.length || lines[i].startsWith("=== ")) {
                    if (name != null) {
                        out.add(new Snippet(name, divergence, src.toString(), start));
                    }
                    if (i == lines.length) {
                        break;
                    }
                    String head = lines[i].substring(4);
                    int d = head.indexOf(" divergence: ");
                    name = d < 0 ? head.trim() : head.substring(0, d).trim();
                    divergence = d < 0 ? null : head.substring(d + " divergence: ".length()).trim();
                    start = i + 1;
                    src.setLength(0);
                } else if (name != null) {
                    src.append(lines[i]).append('\n');
                }
            }
        }
        return out;
    }

    /**
     * One dynamic test per snippet, run in {@code dir}; writes what differs to
     * {@code target/<report>} for the README's list of divergences.
     */
    public Stream<DynamicTest> tests(Path dir, String report) throws Exception {
        List<Snippet> all = snippets();
        String missing = missingOnRealSide();
        if (missing != null) {
            // still declared, so the count of open divergences does not depend on this machine
            all.stream().filter(s -> s.divergence() != null)
                    .forEach(s -> KnownDivergences.unchecked(where(s), s.divergence(), missing));
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(missing == null, missing);
        assertThat(all).as(resource).hasSizeGreaterThanOrEqualTo(minimum);
        List<DynamicTest> tests = new ArrayList<>();
        int agree = 0;
        StringBuilder differences = new StringBuilder();
        for (Snippet s : all) {
            List<String> real = real(dir, s.source());
            List<String> ours = ours(s.source(), options.apply(dir));
            boolean same = real.equals(ours);
            agree += same ? 1 : 0;
            if (!same) {
                differences.append("=== ").append(s.name()).append(s.divergence() == null ? "" : " (marked)")
                        .append("\nlua5.4:  ").append(String.join("\n         ", real))
                        .append("\ndovelua: ").append(String.join("\n         ", ours)).append('\n');
            }
            String where = where(s);
            tests.add(DynamicTest.dynamicTest(s.name(), () -> {
                if (s.divergence() == null) {
                    assertThat(ours).as(where).isEqualTo(real);
                } else {
                    KnownDivergences.expectFailure(where, s.divergence(), () -> assertThat(ours).as(where).isEqualTo(real));
                }
            }));
        }
        String rate = title + ": " + agree + "/" + all.size() + " snippets agree with lua5.4";
        System.out.println(rate);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", report), rate + "\n" + differences);
        return tests.stream();
    }

    /** Why the real side cannot run, or null. */
    private String missingOnRealSide() {
        if (!Files.isExecutable(RealLua.LUA54)) {
            return "lua5.4 is not installed";
        }
        for (Path p : realPrerequisites) {
            if (!Files.exists(p)) {
                return p + " is not installed (the module's Debian package)";
            }
        }
        return null;
    }

    /** The snippet's place in the resource file, as messages and the divergence report name it. */
    public String where(Snippet s) {
        return resource + ":" + s.line() + " " + s.name();
    }

    /** What lua5.4 prints for the snippet run as {@code t.lua}; an uncaught error is one line. */
    private List<String> real(Path dir, String source) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(CHUNK), source, StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(RealLua.LUA54.toString(), CHUNK).directory(dir.toFile());
        pb.environment().putAll(realEnv);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
        List<String> lines = new ArrayList<>(new String(out, StandardCharsets.UTF_8).lines().toList());
        if (p.exitValue() != 0) {
            // "lua5.4: t.lua:3: boom" and a traceback: keep the message
            String first = new String(err, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            lines.add("uncaught: " + first.replaceFirst("^[^:]*lua5\\.4: ", ""));
        }
        lines.replaceAll(normalizeReal);
        return lines;
    }

    /** The default options: generous, as deep-recursion snippets take seconds on a loaded 2-core machine. */
    public static ScriptOptions defaultOptions() {
        return new ScriptOptions().callTimeout(Duration.ofSeconds(10));
    }

    /** What dovelua prints for a snippet with the default options. */
    public static List<String> ours(String source) {
        return ours(source, defaultOptions());
    }

    /** What dovelua prints for it, loaded and run as Dovecot runs a script's body. */
    public static List<String> ours(String source, ScriptOptions options) {
        List<String> lines = new ArrayList<>();
        DovecotEvent root = DovecotEvent.root("auth", (p, l, m) -> { }, false);
        try (LuaScript script = LuaScript.load(CHUNK, source.getBytes(StandardCharsets.UTF_8), root,
                options.stdout(lines::add))) {
            script.runBody();
        } catch (ScriptException e) {
            String msg = e.getMessage().replaceFirst("^lua_(load|pcall)\\(t\\.lua\\) failed: ", "");
            lines.add("uncaught: " + msg.lines().findFirst().orElse(""));
        } catch (ProcessDeath e) {
            lines.add("killed: " + e.getMessage()); // a loop that ends on 5.4 but not on LuaJ
        }
        return lines;
    }
}
