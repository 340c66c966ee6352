package org.dovelua.lua.shim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.dovelua.lua.BuiltinModules;
import org.dovelua.lua.LuaRunner;
import org.dovelua.lua.SnippetSuite;
import org.dovelua.lua.sandbox.VirtualFileSystem;
import org.dovelua.testkit.Fuzz;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * Seeded properties of the built-in {@code json}: random JSON values survive
 * {@code json.decode(json.encode(v))}, and decoding random text (mutated JSON and luajson's
 * extensions) in each mode raises a Lua error or decodes, never a Java exception.
 * {@code -Dfuzz.scale=N} runs N times as many.
 */
class LuajsonPropertyTest {
    private static final String[] SEEDS = {
        "{\"a\":[1,2.5,-3e10,true,false,null],\"b\":{\"c\":\"d\\u00e9\\n\"}}", "[]", "{}", "\"x\"", "0",
        "{a: 1, 'b': [undefined, NaN, -Infinity,], /* c */ 2: \"\\x41\"} // end\n", "[[[[[[1]]]]]]",
        "{\"k\": \"\\ud83d\\ude00 \\\"q\\\" \\\\ \\z\"}", "\u00a0 [1 , 2] \ufeff", "{\"a\":\"b\":1}", "{]",
    };
    private static final byte[] JSON_BYTES = "{}[],:\"'\\/ubfnrtvxz0123456789.eE+-aelsNIdy_/*\n\0 \t\u00c2\u00a0\u00ff"
            .getBytes(StandardCharsets.ISO_8859_1);

    private final LuaRunner lua = new LuaRunner(new VirtualFileSystem());

    LuajsonPropertyTest() {
        BuiltinModules.install(lua.sandbox);
    }

    @Test
    void randomValuesRoundTrip() {
        int runs = Fuzz.runs(2000);
        int batch = 250;
        for (int first = 0; first < runs; first += batch) {
            StringBuilder src = new StringBuilder("""
                    local json = require "json"
                    local null = json.util.null
                    local function same(a, b)
                      if type(a) ~= "table" or type(b) ~= "table" then
                        return a == b and math.type(a) == math.type(b)
                      end
                      for k, v in pairs(a) do if not same(v, b[k]) then return false end end
                      for k in pairs(b) do if a[k] == nil then return false end end
                      return true
                    end
                    local function check(seed, v)
                      local text = json.encode(v)
                      if not same(v, json.decode(text)) then print("seed " .. seed .. ": " .. text) end
                    end
                    """);
            for (int seed = first; seed < Math.min(runs, first + batch); seed++) {
                src.append("check(").append(seed).append(", ").append(value(new Random(seed), 0)).append(")\n");
            }
            src.append("print(\"done\")\n");
            assertThat(SnippetSuite.ours(src.toString(), JsonSnippetsTest.withBuiltins()))
                    .as("values %d.. that do not survive a round trip", first).containsExactly("done");
        }
    }

    /** A random value luajson writes back exactly, as Lua source: no key "n", floats with few digits, non-empty arrays. */
    private static String value(Random r, int depth) {
        int kind = r.nextInt(depth > 3 ? 6 : 8);
        switch (kind) {
            case 0: return String.valueOf(r.nextBoolean());
            case 1: return "null";
            case 2: {
                long n = r.nextLong() >> r.nextInt(64);
                return n == Long.MIN_VALUE ? "math.mininteger" : "(" + n + ")";
            }
            case 3: return "(" + ((r.nextInt(2_000_000) - 1_000_000) / 4.0 + 0.25) + ")";
            case 4:
            case 5: {
                StringBuilder b = new StringBuilder("\"");
                for (int i = r.nextInt(12); i > 0; i--) {
                    b.append('\\').append(r.nextInt(256));
                }
                return b.append('"').toString();
            }
            case 6: {
                StringBuilder t = new StringBuilder("{");
                for (int i = 1 + r.nextInt(5); i > 0; i--) {
                    t.append(value(r, depth + 1)).append(", ");
                }
                return t.append('}').toString();
            }
            default: {
                StringBuilder t = new StringBuilder("{");
                for (int i = r.nextInt(5); i > 0; i--) {
                    t.append("k").append(Integer.toString(r.nextInt(1000), 36)).append(" = ").append(value(r, depth + 1)).append(", ");
                }
                return t.append('}').toString();
            }
        }
    }

    @Test
    void randomTextDecodesOrRaisesALuaError() {
        LuaValue decode = lua.globals.get("require").call("json").get("decode");
        LuaValue[] modes = {LuaValue.NIL, decode.get("strict"), decode.get("simple")};
        int runs = Fuzz.runs(4000);
        int errors = 0;
        for (int seed = 0; seed < runs; seed++) {
            Random r = new Random(seed);
            byte[] text = Fuzz.mutate(r, SEEDS[r.nextInt(SEEDS.length)].getBytes(StandardCharsets.UTF_8), JSON_BYTES);
            LuaValue mode = modes[r.nextInt(modes.length)];
            try {
                decode.call(LuaString.valueOf(text), mode);
            } catch (LuaError expected) {
                errors++;
                assertThat(expected.getMessage()).as("seed %d", seed).startsWith("/usr/share/lua/5.4/json/decode");
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("seed " + seed + ": " + e + " decoding "
                        + new String(text, StandardCharsets.ISO_8859_1), e);
            }
        }
        assertThat(errors).as("mutations that fail to decode").isBetween(1, runs - 1);
    }
}
