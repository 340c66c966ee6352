package org.dovelua.lua.shim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.dovelua.testkit.Fuzz;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * Seeded fuzzing of the cjson decoder: mutated JSON decodes or raises lua_cjson's error (a
 * LuaError), never a Java exception. {@code -Dfuzz.scale=N} runs N times as many.
 */
class CjsonDecoderFuzzTest {
    private static final String[] SEEDS = {
        "{\"a\":[1,2.5,-3e10,true,false,null],\"b\":{\"c\":\"d\\u00e9\\n\"}}", "[]", "{}", "\"x\"", "0",
        "[1e308, -0, 0.5e-3, 123456789012345678901234567890]", "{\"k\": \"\\ud83d\\ude00 \\\"q\\\" \\\\\"}",
        "[[[[[[[[[[1]]]]]]]]]]", "  null  ", "[NaN, Infinity, -Infinity, 0x1F]",
    };
    private static final byte[] JSON_BYTES = "{}[],:\"\\/ubfnrt0123456789.eE+-aelsNIx\0 \t\n\u00ff"
            .getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void mutatedJsonDecodesOrRaisesCjsonsError() {
        int runs = Fuzz.runs(5000);
        for (int seed = 0; seed < runs; seed++) {
            Random r = new Random(seed);
            byte[] json = Fuzz.mutate(r, SEEDS[r.nextInt(SEEDS.length)].getBytes(StandardCharsets.UTF_8), JSON_BYTES);
            try {
                new CjsonDecoder(new CjsonLib.Config(), LuaValue.NIL, LuaValue.valueOf(json)).decode();
            } catch (LuaError expected) {
                assertThat(expected.getMessage()).as("seed %d", seed).isNotNull();
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("seed " + seed + ": " + e + " decoding "
                        + new String(json, StandardCharsets.ISO_8859_1), e);
            }
        }
    }
}
