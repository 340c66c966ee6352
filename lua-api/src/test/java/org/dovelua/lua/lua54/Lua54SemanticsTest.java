package org.dovelua.lua.lua54;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dovelua.lua.LuaScript;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.lua.RealLua;
import org.dovelua.lua.ScriptException;
import org.dovelua.lua.ScriptOptions;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.testkit.KnownDivergences;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lua-semantics suite: each snippet of {@code lua54/semantics.txt} runs on dovelua (a
 * {@link LuaScript}, as Dovecot's scripts run) and on the real {@code lua5.4}, and both must print
 * the same lines. A snippet marked {@code divergence: <why>} is a known divergence
 * ({@link KnownDivergences}): it asserts the same and is expected to fail, so the marker goes once
 * dovelua agrees. Skipped where lua5.4 is not installed (the marked snippets then count as not checked).
 */
public class Lua54SemanticsTest {
    private static final String RESOURCE = "/lua54/semantics.txt";
    private static final String CHUNK = "t.lua";

    /** One snippet: its name, the known divergence (or null) and its source. */
    record Snippet(String name, String divergence, String source, int line) {
    }

    static List<Snippet> snippets() throws IOException {
        List<Snippet> out = new ArrayList<>();
        try (InputStream in = Lua54SemanticsTest.class.getResourceAsStream(RESOURCE)) {
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

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> snippetsPrintWhatLua54Prints() throws Exception {
        List<Snippet> all = snippets();
        if (!Files.isExecutable(RealLua.LUA54)) {
            // still declared, so the count of open divergences does not depend on this machine
            all.stream().filter(s -> s.divergence() != null)
                    .forEach(s -> KnownDivergences.unchecked(where(s), s.divergence(), "lua5.4 is not installed"));
        }
        RealLua.assumeInstalled();
        assertThat(all).hasSizeGreaterThanOrEqualTo(150);
        List<DynamicTest> tests = new ArrayList<>();
        int agree = 0;
        StringBuilder report = new StringBuilder();
        for (Snippet s : all) {
            List<String> real = real(s.source());
            List<String> ours = ours(s.source());
            boolean same = real.equals(ours);
            agree += same ? 1 : 0;
            if (!same) {
                report.append("=== ").append(s.name()).append(s.divergence() == null ? "" : " (marked)")
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
        String rate = "Lua 5.4 semantics: " + agree + "/" + all.size() + " snippets agree with lua5.4";
        System.out.println(rate);
        // what differs, for the README's list of divergences
        Files.writeString(Path.of("target", "lua54-semantics-differences.txt"), rate + "\n" + report);
        return tests.stream();
    }

    /** The snippet's place in the marker file, as messages and the divergence report name it. */
    private static String where(Snippet s) {
        return RESOURCE + ":" + s.line() + " " + s.name();
    }

    /** What lua5.4 prints for the snippet run as {@code t.lua}; an uncaught error is one line. */
    private List<String> real(String source) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(CHUNK), source, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(RealLua.LUA54.toString(), CHUNK).directory(dir.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
        List<String> lines = new ArrayList<>(new String(out, StandardCharsets.UTF_8).lines().toList());
        if (p.exitValue() != 0) {
            // "lua5.4: t.lua:3: boom" and a traceback: keep the message
            String first = new String(err, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            lines.add("uncaught: " + first.replaceFirst("^[^:]*lua5\\.4: ", ""));
        }
        return lines;
    }

    /** What dovelua prints for it, loaded and run as Dovecot runs a script's body. */
    public static List<String> ours(String source) {
        List<String> lines = new ArrayList<>();
        DovecotEvent root = DovecotEvent.root("auth", (p, l, m) -> { }, false);
        try (LuaScript script = LuaScript.load(CHUNK, source.getBytes(StandardCharsets.UTF_8), root,
                // generous: the deep-recursion snippets take seconds on a loaded 2-core machine,
                // and a snippet that only ends by the limit is a marked divergence anyway
                new ScriptOptions().callTimeout(Duration.ofSeconds(10)).stdout(lines::add))) {
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
