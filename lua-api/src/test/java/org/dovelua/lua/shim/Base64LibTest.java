package org.dovelua.lua.shim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.dovelua.lua.BuiltinModules;
import org.dovelua.lua.LuaRunner;
import org.dovelua.lua.RealLua;
import org.dovelua.lua.sandbox.VirtualFileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/** base64 as iskolbin's lbase64 1.5.3 behaves on Lua 5.4, quirks included. */
class Base64LibTest {
    static final String AT = Base64Lib.DEFAULT_CHUNK + ":";

    @TempDir
    Path tmp;
    LuaRunner lua;

    @BeforeEach
    void setUp() {
        lua = new LuaRunner(new VirtualFileSystem());
        BuiltinModules.install(lua.sandbox);
    }

    /** The error value a protected call of {@code body} returns, as a script's pcall sees it. */
    private String err(String body) {
        return run("local ok, e = pcall(function() " + body + " end) assert(not ok) return e").get(0);
    }

    private List<String> run(String body) {
        return lua.run("local base64 = require('base64')\n" + body);
    }

    @Test
    void encodesAndDecodesTheStandardAlphabetWithPadding() {
        assertThat(run("return base64.encode('hello'), base64.encode('hi'), base64.encode('h'), base64.encode('')"))
                .containsExactly("aGVsbG8=", "aGk=", "aA==", "");
        assertThat(run("return base64.decode('aGVsbG8='), base64.decode('aGk='), base64.decode('aA=='), base64.decode('')"))
                .containsExactly("hello", "hi", "h", "");
    }

    @Test
    void decodeDropsCharactersOutsideTheAlphabet() {
        assertThat(run("return base64.decode('aGVs\\nbG8=\\r\\n'), base64.decode(' a G k = ')"))
                .containsExactly("hello", "hi");
    }

    @Test
    void unpaddedInputWhoseLengthIsNotAMultipleOfFourFails() {
        assertThat(err("return base64.decode('aGVsbG8')")).isEqualTo(AT + "141: attempt to perform arithmetic on a nil value (field '?')");
        assertThat(err("return base64.decode('QQ=')")).isEqualTo(AT + "149: attempt to perform arithmetic on a nil value (field '?')");
        assertThat(err("return base64.decode('=')")).isEqualTo(AT + "149: attempt to perform arithmetic on a nil value (field '?')");
    }

    @Test
    void cachingChangesOnlyTheErrorLineAndWording() {
        assertThat(run("return base64.encode('hello', nil, true), base64.decode('aGVsbG8=', nil, true)"))
                .containsExactly("aGVsbG8=", "hello");
        assertThat(err("return base64.decode('aG', nil, true)")).isEqualTo(AT + "133: attempt to perform arithmetic on a nil value (local 'c')");
    }

    @Test
    void paddingInTheMiddleDecodesAsCodeSixtyFour() {
        assertThat(run("local s = base64.decode('QQ==QQ=='); return #s, s:byte(1, -1)"))
                .containsExactly("4", "65", "16", "64", "65");
    }

    @Test
    void wrongArgumentTypesFailAsTheLuaFileDoes() {
        assertThat(err("base64.encode(nil)")).isEqualTo(AT + "82: attempt to get length of a nil value (local 'str')");
        assertThat(err("base64.encode(123)")).isEqualTo(AT + "82: attempt to get length of a number value (local 'str')");
        assertThat(err("base64.decode(nil)")).isEqualTo(AT + "124: attempt to index a nil value (local 'b64')");
        assertThat(err("base64.decode({})")).isEqualTo(AT + "124: attempt to call a nil value (method 'gsub')");
        assertThat(err("base64.decode('aGk=', 5)")).isEqualTo(AT + "117: bad argument #1 to 'for iterator' (table expected, got number)");
        assertThat(err("base64.encode('abc', 5)")).isEqualTo(AT + "96: attempt to index a number value (local 'encoder')");
        assertThat(err("base64.encode('hi', {})")).isEqualTo(AT + "104: bad argument #1 to 'char' (number expected, got nil)");
        assertThat(err("base64.decode('aGk=', {})")).isEqualTo(AT + "122: bad argument #1 to 'char' (number expected, got nil)");
        assertThat(run("return base64.encode({})")).containsExactly("");
    }

    @Test
    void customAlphabetsAndTheirPaddingQuirk() {
        assertThat(run("""
                local e, d = base64.makeencoder('-', '_', '.'), base64.makedecoder('-', '_', '.')
                return base64.encode('\\255\\254\\253hi', e), base64.decode('__79aGk=', d):byte(1, -1)
                """)).containsExactly("__79aGk.", "255", "254", "253", "104", "105");
        // the decoder drops a custom pad character as noise, so the group comes up short
        assertThat(err("base64.decode('__79aGk.', base64.makedecoder('-', '_', '.'))")).isEqualTo(AT + "141: attempt to perform arithmetic on a nil value (field '?')");
    }

    @Test
    void makeencoderTakesTheFirstByteAndRejectsNonStrings() {
        assertThat(run("local e = base64.makeencoder('ab'); return e[62], e[63], e[64], e[0]"))
                .containsExactly("97", "47", "61", "65");
        assertThat(run("local d = base64.makedecoder(); return d[43], d[47], d[61], d[65]"))
                .containsExactly("62", "63", "64", "0");
        assertThat(err("base64.makeencoder(1)")).isEqualTo(AT + "62: attempt to index a number value (local 'char')");
        assertThat(err("base64.makeencoder({})")).isEqualTo(AT + "62: attempt to call a nil value (method 'byte')");
    }

    @Test
    void aDuplicateCharacterMapsToTheCodeVisitedLast() {
        assertThat(run("return base64.makedecoder('A')[65]")).containsExactly("0");
        assertThat(err("base64.decode('QUJD', base64.makedecoder('A'))")).isEqualTo(AT + "122: bad argument #1 to 'char' (number expected, got nil)");
    }

    @Test
    void aClassLetterAsCharacterSixtyTwoWidensWhatDecodeKeeps() {
        // '[^%w%s%S%=]' keeps every byte, so nothing is stripped and the space breaks the group
        assertThat(err("base64.decode('aG k', base64.makedecoder('s', 'S'))")).isEqualTo(AT + "141: attempt to perform arithmetic on a nil value (field '?')");
    }

    @Test
    void luaBytesFollowsLua54IndexRules() {
        byte[] s = "abc".getBytes();
        assertThat(Base64Lib.luaBytes(s, 0, 2, 3)).containsExactly('a', 'b', -1);
        assertThat(Base64Lib.luaBytes(s, -1, 1, 2)).containsExactly(-1, -1);
        assertThat(Base64Lib.luaBytes(s, -2, 3, 3)).containsExactly('b', 'c', -1);
    }

    // ---- property tests -------------------------------------------------------------------

    static byte[] randomBytes(Random r, int max) {
        byte[] b = new byte[r.nextInt(max + 1)];
        r.nextBytes(b);
        return b;
    }

    @TestFactory
    Stream<DynamicTest> standardAlphabetMatchesJavasEncoder() {
        return IntStream.range(0, 200).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Random r = new Random(seed);
            byte[] data = randomBytes(r, 64);
            Base64Lib lib = new Base64Lib();
            LuaTable m = lib.call(LuaValue.valueOf("base64"), LuaValue.NIL).checktable();
            String encoded = m.get("encode").call(LuaString.valueOf(data)).tojstring();
            assertThat(encoded).as("seed %d", seed).isEqualTo(Base64.getEncoder().encodeToString(data));
            LuaString decoded = m.get("decode").call(LuaValue.valueOf(encoded)).checkstring();
            assertThat(bytes(decoded)).as("seed %d", seed).isEqualTo(data);
            String mime = Base64.getMimeEncoder(8, "\r\n".getBytes()).encodeToString(data);
            assertThat(bytes(m.get("decode").call(LuaValue.valueOf(mime), LuaValue.FALSE, LuaValue.TRUE).checkstring()))
                    .as("seed %d, line-wrapped with caching", seed).isEqualTo(data);
        }));
    }

    @TestFactory
    Stream<DynamicTest> customAlphabetsRoundTrip() {
        String specials = "-_.~!*$@+/,;:";
        return IntStream.range(0, 200).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Random r = new Random(seed);
            byte[] data = randomBytes(r, 48);
            char c62 = specials.charAt(r.nextInt(specials.length()));
            char c63;
            do {
                c63 = specials.charAt(r.nextInt(specials.length()));
            } while (c63 == c62);
            LuaTable m = new Base64Lib().call(LuaValue.valueOf("base64"), LuaValue.NIL).checktable();
            LuaValue enc = m.get("makeencoder").call(LuaValue.valueOf(String.valueOf(c62)), LuaValue.valueOf(String.valueOf(c63)));
            LuaValue dec = m.get("makedecoder").call(LuaValue.valueOf(String.valueOf(c62)), LuaValue.valueOf(String.valueOf(c63)));
            boolean cache = r.nextBoolean();
            String encoded = m.get("encode").call(LuaString.valueOf(data), enc, LuaValue.valueOf(cache)).tojstring();
            String expected = Base64.getEncoder().encodeToString(data).replace('+', '\u0001').replace('/', '\u0002')
                    .replace('\u0001', c62).replace('\u0002', c63);
            assertThat(encoded).as("seed %d (%s%s)", seed, c62, c63).isEqualTo(expected);
            LuaString back = m.get("decode").call(LuaValue.valueOf(encoded), dec, LuaValue.valueOf(cache)).checkstring();
            assertThat(bytes(back)).as("seed %d (%s%s)", seed, c62, c63).isEqualTo(data);
        }));
    }

    static byte[] bytes(LuaString s) {
        byte[] b = new byte[s.length()];
        s.copyInto(0, b, 0, b.length);
        return b;
    }

    // ---- against the real file on the real lua5.4 -------------------------------------------

    private static final String DUMP = """
            local function hex(s) return (s:gsub('.', function(c) return c:byte() .. ',' end)) end
            local function show(...)
              local r = {pcall(...)}
              if r[1] then print('ok', type(r[2]) == 'string' and hex(r[2]) or tostring(r[2]))
              else print('err', r[2]) end
            end
            """;

    @TestFactory
    Stream<DynamicTest> sameResultsAsLbase64OnLua54() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("lb"));
        Path file = dir.resolve("base64.lua");
        try (var in = getClass().getResourceAsStream("/lbase64/base64.lua")) {
            Files.write(file, in.readAllBytes());
        }
        return IntStream.range(0, 20).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            RealLua.assumeInstalled();
            Random r = new Random(seed);
            StringBuilder cases = new StringBuilder();
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_. \n!";
            String[] coders = {"nil", "base64.makedecoder('-', '_')", "base64.makedecoder('-', '_', '.')",
                    "base64.makedecoder('s', 'S')", "base64.makedecoder('A')", "{}", "5"};
            String[] encoders = {"nil", "base64.makeencoder('-', '_')", "base64.makeencoder('-', '_', '.')",
                    "base64.makeencoder('')", "{}", "'xyz'"};
            for (int i = 0; i < 40; i++) {
                byte[] data = randomBytes(r, 12);
                cases.append("show(base64.encode, ").append(RealLua.literal(data)).append(", ")
                        .append(encoders[r.nextInt(encoders.length)]).append(", ").append(r.nextBoolean()).append(")\n");
                StringBuilder b64 = new StringBuilder();
                int n = r.nextInt(14);
                for (int j = 0; j < n; j++) {
                    b64.append(alphabet.charAt(r.nextInt(r.nextInt(4) == 0 ? alphabet.length() : 64)));
                }
                if (r.nextBoolean()) {
                    b64 = new StringBuilder(Base64.getEncoder().encodeToString(randomBytes(r, 10)));
                }
                cases.append("show(base64.decode, ").append(RealLua.literal(b64.toString().getBytes())).append(", ")
                        .append(coders[r.nextInt(coders.length)]).append(", ").append(r.nextBoolean()).append(")\n");
            }
            String script = "package.path = '" + dir + "/?.lua'\nlocal base64 = require('base64')\n" + DUMP + cases;
            List<String> real = RealLua.real(tmp.resolve("t" + seed + ".lua"), script);
            LuaRunner ours = new LuaRunner(new VirtualFileSystem());
            ours.sandbox.preload("base64", new org.luaj.vm2.lib.VarArgFunction() {
                @Override
                public org.luaj.vm2.Varargs invoke(org.luaj.vm2.Varargs args) {
                    return new Base64Lib(file.toString()).call(args.arg1(), NIL);
                }
            });
            List<String> mine = RealLua.ours(ours, script);
            List<String> lines = new ArrayList<>(List.of(script.split("\n")));
            lines.removeIf(l -> !l.startsWith("show("));
            for (int i = 0; i < real.size(); i++) {
                assertThat(i < mine.size() ? mine.get(i) : "<missing>").as("seed %d, %s", seed, lines.get(i))
                        .isEqualTo(real.get(i));
            }
            assertThat(mine).as("seed %d", seed).hasSameSizeAs(real);
        }));
    }
}
