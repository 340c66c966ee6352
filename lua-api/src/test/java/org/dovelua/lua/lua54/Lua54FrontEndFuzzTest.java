package org.dovelua.lua.lua54;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.dovelua.lua.lua54.vm.LuajPatches;
import org.dovelua.testkit.Fuzz;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Seeded fuzzing of the 5.4 front end (Lua54Syntax, the patched LexState, LuaC): the snippets of
 * the semantics suite, mutated byte by byte, compile or fail with a LuaError (Lua's syntax
 * error, as lua_load reports it) and nothing else. {@code -Dfuzz.scale=N} runs N times as many.
 */
class Lua54FrontEndFuzzTest {
    private static final byte[] LUA_BYTES = " \n()[]{}=.,;:'\"\\-+*/%^#&|~<>0123456789xe_abcdefghijklmnopqrstuvwz\0\u00ff"
            .getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void mutatedChunksCompileOrRaiseASyntaxError() throws IOException {
        LuajPatches.install();
        Globals g = JsePlatform.standardGlobals();
        Lua54Compiler.install(g);
        List<byte[]> corpus = snippets();
        int runs = Fuzz.runs(3000);
        for (int seed = 0; seed < runs; seed++) {
            Random r = new Random(seed);
            byte[] src = Fuzz.mutate(r, corpus.get(r.nextInt(corpus.size())), LUA_BYTES);
            try {
                g.load(new ByteArrayInputStream(src), "=fuzz", "t", g);
            } catch (LuaError expected) {
                assertThat(expected.getMessage()).as("seed %d", seed).isNotNull();
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("seed " + seed + ": " + e + " compiling\n"
                        + new String(src, StandardCharsets.ISO_8859_1), e);
            }
        }
    }

    private static List<byte[]> snippets() throws IOException {
        try (InputStream in = Lua54FrontEndFuzzTest.class.getResourceAsStream("/lua54/semantics.txt")) {
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<byte[]> out = new ArrayList<>();
            for (String part : all.split("(?m)^=== .*\n")) {
                if (!part.isBlank()) {
                    out.add(part.getBytes(StandardCharsets.UTF_8));
                }
            }
            assertThat(out).hasSizeGreaterThan(100);
            return out;
        }
    }
}
