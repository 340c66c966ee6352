package org.dovelua.lua.shim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.dovelua.lua.BuiltinModules;
import org.dovelua.lua.LuaRunner;
import org.dovelua.lua.RealLua;
import org.dovelua.lua.sandbox.VirtualFileSystem;
import org.dovelua.testkit.KnownDivergence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** cjson as Debian 12's lua-cjson 2.1.0 behaves under Lua 5.4. */
class CjsonLibTest {
    @TempDir
    Path tmp;
    LuaRunner lua;

    @BeforeEach
    void setUp() {
        lua = new LuaRunner(new VirtualFileSystem());
        BuiltinModules.install(lua.sandbox);
    }

    private List<String> run(String body) {
        return lua.run("local cjson = require('cjson')\n" + body);
    }

    private String err(String body) {
        return run("local ok, e = pcall(function()\n" + body + "\nend) assert(not ok) return e").get(0);
    }

    @Test
    void moduleFields() {
        assertThat(run("return cjson._NAME, cjson._VERSION, tostring(cjson.null), type(cjson.null)"))
                .containsExactly("cjson", "2.1.0", "userdata: (nil)", "userdata");
    }

    @Test
    void emptyTableIsAnObjectAndSequencesAreArrays() {
        assertThat(run("return cjson.encode({}), cjson.encode({1, 2, 3}), cjson.encode({1, 2, nil, 4})"))
                .containsExactly("{}", "[1,2,3]", "[1,2,null,4]");
        assertThat(run("return cjson.encode({[0] = 1}), cjson.encode({[-1] = 1}), cjson.encode({[1.5] = 1})"))
                .containsExactly("{\"0\":1}", "{\"-1\":1}", "{\"1.5\":1}");
        assertThat(run("return cjson.encode({a = cjson.null}), cjson.encode({a = {b = {}}})"))
                .containsExactly("{\"a\":null}", "{\"a\":{\"b\":{}}}");
    }

    @Test
    void sparseArrays() {
        assertThat(err("return cjson.encode({[1] = 1, [20] = 2})"))
                .isEqualTo("Cannot serialise table: excessively sparse array");
        assertThat(run("return cjson.encode({[10] = 1}), cjson.encode({[1] = 1, [3] = 2})"))
                .containsExactly("[null,null,null,null,null,null,null,null,null,1]", "[1,null,2]");
        assertThat(run("return cjson.encode_sparse_array(true)")).containsExactly("true", "2", "10");
        assertThat(run("cjson.encode_sparse_array(true); return cjson.encode({[20] = 2})"))
                .containsExactly("{\"20\":2}");
        assertThat(run("cjson.encode_sparse_array(false, 0); return #cjson.encode({[30] = 2})"))
                .containsExactly("148");
    }

    @Test
    void anIndexPastACIntMakesTheTableAnObject() {
        // lua-cjson keeps the highest index in a C int; 2^40 overflows it to INT_MIN
        assertThat(run("return cjson.encode({[2^40] = 1})")).containsExactly("{\"1099511627776\":1}");
        assertThat(err("return cjson.encode({[2^31 - 1] = 1})")).isEqualTo("Cannot serialise table: excessively sparse array");
    }

    @Test
    void numbersUseFourteenSignificantDigits() {
        assertThat(run("return cjson.encode(2^53), cjson.encode(1/3), cjson.encode(2^63),"
                + " cjson.encode(1e100), cjson.encode(0.0001), cjson.encode(0.00001), cjson.encode(123456789012345)"))
                .containsExactly("9.007199254741e+15", "0.33333333333333", "9.2233720368548e+18", "1e+100",
                        "0.0001", "1e-05", "1.2345678901234e+14");
        assertThat(run("return cjson.encode_number_precision(3), cjson.encode(1/3), cjson.encode(123456)"))
                .containsExactly("3", "0.333", "1.23e+05");
    }

    @Test
    void stringsEscapeSlashControlsAndDel() {
        assertThat(run("return cjson.encode('a/b\"\\\\\\1\\127\\n\\t\\b\\f\\r\\31')"))
                .containsExactly("\"a\\/b\\\"\\\\\\u0001\\u007f\\n\\t\\b\\f\\r\\u001f\"");
        assertThat(run("return cjson.encode('\\195\\169') == '\"\\195\\169\"'")).containsExactly("true");
    }

    @Test
    void invalidNumbers() {
        assertThat(err("return cjson.encode(math.huge)")).isEqualTo("Cannot serialise number: must not be NaN or Inf");
        assertThat(run("return cjson.encode_invalid_numbers('null'), cjson.encode({math.huge, 0/0})"))
                .containsExactly("null", "[null,null]");
        assertThat(run("return cjson.encode_invalid_numbers(true), cjson.encode({math.huge, -math.huge, 0/0})"))
                .containsExactly("true", "[inf,-inf,nan]");
        assertThat(run("return cjson.decode('[-inf, nan, 0x10, 01, +1, 1., Infinity]')[3]")).containsExactly("16.0");
        assertThat(run("return cjson.decode_invalid_numbers(false)")).containsExactly("false");
        assertThat(err("cjson.decode_invalid_numbers(false) return cjson.decode('nan')"))
                .isEqualTo("Expected value but found invalid token at character 1");
        assertThat(err("cjson.decode_invalid_numbers(false) return cjson.decode('0x1')"))
                .isEqualTo("Expected value but found invalid number at character 1");
    }

    @Test
    void encodeErrors() {
        assertThat(err("return cjson.encode(print)")).isEqualTo("Cannot serialise function: type not supported");
        assertThat(err("return cjson.encode({[true] = 1})"))
                .isEqualTo("Cannot serialise boolean: table key must be a number or string");
        assertThat(err("return cjson.encode()")).endsWith("bad argument #1 to 'encode' (expected 1 argument)");
        assertThat(err("return cjson.encode(1, 2)")).endsWith("bad argument #1 to 'encode' (expected 1 argument)");
        assertThat(err("cjson.encode_max_depth(1) return cjson.encode({{}})"))
                .isEqualTo("Cannot serialise, excessive nesting (2)");
        assertThat(err("local t = {} t[1] = t return cjson.new().encode(t)"))
                .isEqualTo("Cannot serialise, excessive nesting (1001)");
    }

    @Test
    void decodeErrorsNameTheTokenAndCharacter() {
        String[][] cases = {
            {"''", "Expected value but found T_END at character 1"},
            {"'x'", "Expected value but found invalid token at character 1"},
            {"'[1,]'", "Expected value but found T_ARR_END at character 4"},
            {"'{\"a\" 1}'", "Expected colon but found T_NUMBER at character 6"},
            {"'{1:2}'", "Expected object key string but found T_NUMBER at character 2"},
            {"'[1 2]'", "Expected comma or array end but found T_NUMBER at character 4"},
            {"'{\"a\":1 \"b\"}'", "Expected comma or object end but found T_STRING at character 8"},
            {"'1 2'", "Expected the end but found T_NUMBER at character 3"},
            {"'\"abc'", "Expected value but found unexpected end of string at character 5"},
            {"'\"\\\\q\"'", "Expected value but found invalid escape code at character 2"},
            {"'\"\\\\ud800\"'", "Expected value but found invalid unicode escape code at character 2"},
            {"'-'", "Expected value but found invalid number at character 1"},
            {"'tru'", "Expected value but found invalid token at character 1"},
            {"'\\0a'", "JSON parser does not support UTF-16 or UTF-32"},
            {"nil", "bad argument #1 to 'decode' (string expected, got nil)"},
            {"{}", "bad argument #1 to 'decode' (string expected, got table)"},
        };
        for (String[] c : cases) {
            assertThat(err("return cjson.decode(" + c[0] + ")")).as(c[0]).isEqualTo("" + c[1]);
        }
        assertThat(err("cjson.decode_max_depth(1) return cjson.decode('[[1]]')"))
                .isEqualTo("Found too many nested data structures (2) at character 2");
    }

    @Test
    void decodeValues() {
        assertThat(run("local t = cjson.decode('{\"a\":[1,\"x\",true,null],\"b\":{}}')"
                + " return t.a[1], t.a[2], t.a[3], t.a[4] == cjson.null, #t.a, next(t.b)"))
                .containsExactly("1.0", "x", "true", "true", "4", "nil");
        assertThat(run("return cjson.decode('\"\\\\u00e9\\\\ud83d\\\\ude00\\\\/\"') == '\\195\\169\\240\\159\\152\\128/'"))
                .containsExactly("true");
        assertThat(run("return cjson.decode(12), cjson.decode('12\\0junk'), cjson.decode(' 1e2 ')"))
                .containsExactly("12.0", "12.0", "100.0");
    }

    @Test
    void configurationFunctions() {
        assertThat(run("return cjson.encode_sparse_array()")).containsExactly("false", "2", "10");
        assertThat(run("return cjson.encode_keep_buffer(), cjson.encode_keep_buffer(false), cjson.encode_keep_buffer('on')"))
                .containsExactly("true", "false", "true");
        assertThat(run("return cjson.encode_max_depth(), cjson.decode_max_depth(5), cjson.encode_invalid_numbers('on')"))
                .containsExactly("1000", "5", "true");
        // lua-cjson raises through luaL_error: the calling line's position comes first
        assertThat(err("cjson.encode_max_depth(0)")).startsWith("test.lua:3")
                .endsWith(" bad argument #1 to 'encode_max_depth' (expected integer between 1 and 2147483647)");
        assertThat(err("cjson.encode_max_depth('x')")).startsWith("test.lua:3")
                .endsWith(" bad argument #1 to 'encode_max_depth' (number expected, got string)");
        assertThat(err("cjson.encode_max_depth(1, 2)"))
                .endsWith("bad argument #2 to 'encode_max_depth' (found too many arguments)");
        assertThat(err("cjson.encode_number_precision(1.5)"))
                .endsWith("bad argument #1 to 'encode_number_precision' (number has no integer representation)");
        assertThat(err("cjson.encode_number_precision(15)"))
                .endsWith("bad argument #1 to 'encode_number_precision' (expected integer between 1 and 14)");
        assertThat(err("cjson.encode_sparse_array('maybe')"))
                .endsWith("bad argument #1 to 'encode_sparse_array' (invalid option 'maybe')");
        // lua-cjson checks the range of every option as argument #1
        assertThat(err("cjson.encode_sparse_array(nil, -1)"))
                .endsWith("bad argument #1 to 'encode_sparse_array' (expected integer between 0 and 2147483647)");
    }

    @Test
    void newGivesAnIndependentConfigurationAndTheSameNull() {
        assertThat(run("local c2 = cjson.new() c2.encode_number_precision(2)"
                + " return cjson.encode(1/3), c2.encode(1/3), c2.null == cjson.null, c2._VERSION"))
                .containsExactly("0.33333333333333", "0.33", "true", "2.1.0");
    }

    @Test
    void safeReturnsNilAndTheMessage() {
        assertThat(lua.run("""
                local safe = require('cjson.safe')
                local a, b = safe.decode('x')
                local c, d = safe.encode(print)
                local e, f = safe.new().decode('[')
                return a, b, c, d, e, f, safe.decode('[1]')[1], safe.null == require('cjson').null, safe._NAME
                """)).containsExactly("nil", "Expected value but found invalid token at character 1",
                "nil", "Cannot serialise function: type not supported",
                "nil", "Expected value but found T_END at character 2", "1.0", "true", "cjson");
        assertThat(lua.run("return pcall(require('cjson.safe').encode)"))
                .containsExactly("false", "bad argument #1 to 'encode' (expected 1 argument)");
    }

    @Test
    void negativeZeroKeepsItsSign() {
        // lua5.4 + cjson.so: decode pushes the float -0.0, encode writes it with %.14g
        assertThat(run("return cjson.encode(cjson.decode('-0')), tostring(cjson.decode('-0')), cjson.encode(-0.0)"))
                .containsExactly("-0", "-0.0", "-0");
    }

    /** lua-cjson's real behaviour; README "Known differences" lists the gap. */
    @Test
    @KnownDivergence("cjson errors carry the calling line's position in LuaJ's 'file:line message' form")
    void errorsCarryTheCallersPosition() {
        assertThat(err("return cjson.decode('x')"))
                .isEqualTo("test.lua:3: Expected value but found invalid token at character 1");
    }

    @Test
    void decodedNumbersAreFloats() {
        // lua-cjson pushes every number with lua_pushnumber (lua5.4 + cjson.so print 1.0, float)
        assertThat(run("return tostring(cjson.decode('1')), cjson.decode('[7]')[1] .. '', cjson.decode('1.5')"))
                .containsExactly("1.0", "7.0", "1.5");
        // and they stay floats through arithmetic, as 5.4's do
        assertThat(run("local n = cjson.decode('{\"quota\": 1024}').quota; return n * 2, n + 1, n / 2"))
                .containsExactly("2048.0", "1025.0", "512.0");
    }

    // ---- property tests -------------------------------------------------------------------

    /** A random Lua value as source text: nested tables, strings of any bytes, numbers, booleans. */
    static String value(Random r, int depth) {
        switch (depth > 3 ? r.nextInt(4) : r.nextInt(6)) {
            case 0:
                return RealLua.literal(bytes(r));
            case 1:
                return number(r);
            case 2:
                return r.nextBoolean() ? "true" : "false";
            case 3:
                return "cjson.null";
            case 4: {
                StringBuilder sb = new StringBuilder("{");
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    sb.append(value(r, depth + 1)).append(',');
                }
                return sb.append('}').toString();
            }
            default: {
                StringBuilder sb = new StringBuilder("{");
                int n = r.nextInt(4) + 1;
                for (int i = 0; i < n; i++) {
                    sb.append('[').append(RealLua.literal(bytes(r))).append("]=").append(value(r, depth + 1)).append(',');
                }
                return sb.append('}').toString();
            }
        }
    }

    static byte[] bytes(Random r) {
        byte[] b = new byte[r.nextInt(8)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : 32 + r.nextInt(95));
        }
        return b;
    }

    static String number(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> String.valueOf(r.nextInt(2001) - 1000);
            case 1 -> String.valueOf(r.nextLong());
            case 2 -> "(" + r.nextInt(100000) + "/" + (r.nextInt(999) + 1) + ")";
            default -> "(" + Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL) + ")";
        };
    }

    /** Lua that compares two values deeply; numbers equal when they print the same at %.14g. */
    static final String SAME = """
            local function same(a, b)
              if type(a) == 'number' and type(b) == 'number' then return cjson.encode(a) == cjson.encode(b) end
              if type(a) ~= 'table' or type(b) ~= 'table' then return a == b end
              for k, v in pairs(a) do if not same(v, b[k]) then return false end end
              for k in pairs(b) do if a[k] == nil then return false end end
              return true
            end
            """;

    @TestFactory
    Stream<DynamicTest> encodeThenDecodeGivesTheValueBack() {
        return IntStream.range(0, 300).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            String v = value(new Random(seed), 0);
            List<String> r = run(SAME + "local v = " + v + "\nlocal j = cjson.encode(v)\n"
                    + "return same(v, cjson.decode(j)), (j:gsub('[\\128-\\255]', function(c) return '<' .. c:byte() .. '>' end))");
            assertThat(r.get(0)).as("seed %d: %s encoded as %s", seed, v, r.get(1)).isEqualTo("true");
        }));
    }

    /**
     * The same script on lua5.4 with Debian's cjson.so and on LuaJ with ours. Object key order
     * follows each VM's hash order, so results are compared after a sorted re-encoding.
     */
    @TestFactory
    Stream<DynamicTest> sameResultsAsLuaCjsonOnLua54() {
        return IntStream.range(0, 20).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            RealLua.assumeInstalled();
            org.junit.jupiter.api.Assumptions.assumeTrue(RealLua.hasCjson(), "lua-cjson is not installed");
            Random r = new Random(seed);
            StringBuilder cases = new StringBuilder();
            String[] texts = {"[1,2", "{\"a\":", "\"\\u12", "0x1p3", "-Infinity", "1e400", "-0", "[[[]]]", "{\"\":{}}",
                    "\"\\ud83d\\ude00\"", "\"\\ud83dx\"", "nul", "01.5e+3", "[1,,2]", "\t\n 7 ", ".5", "1.e5", "\"\\/\\b\"",
                    "0X1F", "+.5", "-nan", "infinity", "1e", "[true,false,null]"};
            for (int i = 0; i < 30; i++) {
                cases.append("show(cjson.encode, ").append(value(r, 0)).append(")\n");
                String text;
                if (r.nextBoolean()) {
                    text = texts[r.nextInt(texts.length)];
                } else {
                    StringBuilder t = new StringBuilder();
                    String pieces = "{}[]:,\"\\ u0aeE+-.1x9tfn ";
                    for (int j = r.nextInt(10); j > 0; j--) {
                        t.append(pieces.charAt(r.nextInt(pieces.length())));
                    }
                    text = t.toString();
                }
                cases.append("show(cjson.decode, ").append(RealLua.literal(text.getBytes())).append(")\n");
            }
            String script = "local cjson = require('cjson')\ncjson.encode_sparse_array(true)\n" + """
                    local function esc(s) return (s:gsub('[\\128-\\255]', function(c) return '<' .. c:byte() .. '>' end)) end
                    local function canon(v)
                      if v == 0 then return '0' end -- LuaJ has no -0 (see README)
                      if type(v) ~= 'table' then
                        local c = cjson.new() c.encode_invalid_numbers(true) return c.encode(v) end
                      local keys = {}
                      for k in pairs(v) do keys[#keys + 1] = k end
                      table.sort(keys, function(a, b) return esc(tostring(a)) < esc(tostring(b)) end)
                      local out = {}
                      for _, k in ipairs(keys) do out[#out + 1] = tostring(k) .. '=' .. canon(v[k]) end
                      return '{' .. table.concat(out, ',') .. '}'
                    end
                    local function show(f, ...)
                      local r = {pcall(function(...) return f(...) end, ...)}
                      if not r[1] then print('err', (tostring(r[2]):gsub('^[^:]*:%d+: ', ''))) return end
                      if f == cjson.encode then print('ok', esc(canon(cjson.decode(r[2])))) else print('ok', esc(canon(r[2]))) end
                    end
                    """ + cases;
            List<String> real = RealLua.real(tmp.resolve("t" + seed + ".lua"), script);
            List<String> mine = RealLua.ours(new LuaRunnerWithBuiltins().lua, script);
            List<String> lines = new ArrayList<>(List.of(cases.toString().split("\n")));
            for (int i = 0; i < real.size(); i++) {
                assertThat(i < mine.size() ? mine.get(i) : "<missing>").as("seed %d, %s", seed, i < lines.size() ? lines.get(i) : "?")
                        .isEqualTo(real.get(i));
            }
            assertThat(mine).as("seed %d", seed).hasSameSizeAs(real);
        }));
    }

    /** A fresh sandboxed state with the built-in modules. */
    static final class LuaRunnerWithBuiltins {
        final LuaRunner lua = new LuaRunner(new VirtualFileSystem());

        LuaRunnerWithBuiltins() {
            BuiltinModules.install(lua.sandbox);
        }
    }
}
