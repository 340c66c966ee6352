package org.dovelua.lua;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dovelua.lua.lua54.Lua54SemanticsTest;

/**
 * Runs one Lua script on the real {@code lua5.4} (Debian's, with its {@code cjson.so}) and on
 * LuaJ with dovelua's sandbox, so tests can compare what both print. Tests using it are skipped
 * where {@code lua5.4} is not installed.
 */
public final class RealLua {
    public static final Path LUA54 = Path.of("/usr/bin/lua5.4");

    private RealLua() {
    }

    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(LUA54), "lua5.4 is not installed");
    }

    public static boolean hasCjson() {
        return Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/lua/5.4/cjson.so"));
    }

    /** The script's stdout lines from lua5.4, run as {@code file} (its chunk name in errors). */
    public static List<String> real(Path file, String script) throws IOException, InterruptedException {
        Files.writeString(file, script);
        Process p = new ProcessBuilder(LUA54.toString(), file.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.ISO_8859_1).lines().toList();
    }

    /** The script's stdout lines from LuaJ in the given runner. */
    public static List<String> ours(LuaRunner lua, String script) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lua.globals.STDOUT = new PrintStream(out, true, StandardCharsets.ISO_8859_1);
        try {
            lua.globals.load(script, "@test.lua").call();
        } catch (RuntimeException e) {
            lua.globals.STDOUT.println("uncaught: " + e.getMessage());
        }
        lua.globals.STDOUT.flush();
        return new String(out.toByteArray(), StandardCharsets.ISO_8859_1).lines().toList();
    }

    /**
     * Runs a generated {@code script} on lua5.4 (as {@code file}) and on dovelua, and makes one test
     * per line it prints: line k, named {@code labels.get(k)}, must read the same on both after
     * {@code normalize}.
     */
    public static List<org.junit.jupiter.api.DynamicTest> lineByLine(Path file, String script, List<String> labels,
            java.util.function.UnaryOperator<String> normalize) throws IOException, InterruptedException {
        List<String> real = real(file, script);
        List<String> ours = Lua54SemanticsTest.ours(script);
        if (real.size() != labels.size()) {
            throw new AssertionError("lua5.4 did not run the generated script: " + real);
        }
        List<org.junit.jupiter.api.DynamicTest> tests = new java.util.ArrayList<>();
        for (int k = 0; k < labels.size(); k++) {
            String expected = normalize.apply(real.get(k));
            String got = k < ours.size() ? normalize.apply(ours.get(k)) : "(nothing)";
            String label = labels.get(k);
            tests.add(org.junit.jupiter.api.DynamicTest.dynamicTest(label,
                    () -> org.assertj.core.api.Assertions.assertThat(got).as(label).isEqualTo(expected)));
        }
        return tests;
    }

    /** A Lua string literal for arbitrary bytes. */
    public static String literal(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : bytes) {
            sb.append('\\').append(String.format("%03d", b & 0xFF));
        }
        return sb.append('"').toString();
    }
}
