package org.dovelua.nauthilus.lib;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.dovelua.lua.gopher.GopherState;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

class GoJsonTest {
    private final LuaTable json = (LuaTable) new GoJson().call(LuaValue.valueOf("json"), new LuaTable());
    private final ObjectMapper mapper = new ObjectMapper();

    private Varargs encode(LuaValue v) {
        return json.get("encode").invoke(v);
    }

    private Varargs decode(String s) {
        return json.get("decode").invoke(LuaValue.valueOf(s));
    }

    private String encoded(LuaValue v) {
        Varargs r = encode(v);
        assertThat(r.arg(2).isnil()).as("error %s", r.arg(2)).isTrue();
        return r.arg1().tojstring();
    }

    @Test
    void generatedTablesEncodeToTheSameStructureWithSortedKeys() throws Exception {
        Random random = new Random(20260614L);
        for (int i = 0; i < 500; i++) {
            LuaValue value = generate(random, 0);
            String text = encoded(value);
            JsonNode parsed = mapper.readTree(text);
            assertSame(value, parsed);
            assertSortedKeys(parsed);
            assertThat(text).doesNotContain("<").doesNotContain(">").doesNotContain("&");
            // round trip through decode gives back the same JSON text
            assertThat(encoded(decode(text).arg1())).isEqualTo(text);
        }
    }

    private LuaValue generate(Random r, int depth) {
        int kind = depth > 3 ? r.nextInt(4) : r.nextInt(6);
        switch (kind) {
            case 0: return LuaValue.valueOf(r.nextBoolean());
            case 1: return r.nextBoolean() ? LuaValue.valueOf(r.nextInt(2000) - 1000)
                    : LuaValue.valueOf(r.nextDouble() * Math.pow(10, r.nextInt(30) - 10));
            case 2:
            case 3: return LuaValue.valueOf(randomString(r));
            case 4: {
                LuaTable t = new LuaTable();
                int n = 1 + r.nextInt(4);
                for (int i = 1; i <= n; i++) {
                    t.set(i, generate(r, depth + 1));
                }
                return t;
            }
            default: {
                LuaTable t = new LuaTable();
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    t.set(randomString(r) + "k" + i, generate(r, depth + 1));
                }
                return t;
            }
        }
    }

    private static String randomString(Random r) {
        String alphabet = "ab<>&\"\\\n\t\u0001é€\u2028 zZ";
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static void assertSame(LuaValue v, JsonNode n) {
        switch (v.type()) {
            case LuaValue.TBOOLEAN -> assertThat(n.asBoolean()).isEqualTo(v.toboolean());
            case LuaValue.TNUMBER -> assertThat(n.asDouble()).isEqualTo(v.todouble());
            case LuaValue.TSTRING -> assertThat(n.asText()).isEqualTo(v.tojstring());
            default -> {
                LuaTable t = (LuaTable) v;
                if (n.isArray()) {
                    assertThat(n.size()).isEqualTo(t.length());
                    for (int i = 0; i < n.size(); i++) {
                        assertSame(t.get(i + 1), n.get(i));
                    }
                } else {
                    assertThat(n.size()).isEqualTo(t.keys().length);
                    n.fields().forEachRemaining(e -> assertSame(t.get(e.getKey()), e.getValue()));
                }
            }
        }
    }

    private static void assertSortedKeys(JsonNode n) {
        if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            Iterator<String> it = n.fieldNames();
            it.forEachRemaining(keys::add);
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                    b.getBytes(StandardCharsets.UTF_8)));
            assertThat(keys).isEqualTo(sorted);
        }
        n.elements().forEachRemaining(GoJsonTest::assertSortedKeys);
    }

    @Test
    void goEncodingExamples() {
        LuaTable t = new LuaTable();
        t.set("b", LuaValue.valueOf(1));
        t.set("a", LuaValue.valueOf("<x>&"));
        assertThat(encoded(t)).isEqualTo("{\"a\":\"\\u003cx\\u003e\\u0026\",\"b\":1}");
        assertThat(encoded(new LuaTable())).isEqualTo("[]");
        assertThat(encoded(LuaValue.valueOf(1e21))).isEqualTo("1e+21");
        assertThat(encoded(LuaValue.valueOf(1e20))).isEqualTo("100000000000000000000");
        assertThat(encoded(LuaValue.valueOf(0.000001))).isEqualTo("0.000001");
        assertThat(encoded(LuaValue.valueOf(1e-7))).isEqualTo("1e-7");
        assertThat(encoded(LuaValue.valueOf(2.5))).isEqualTo("2.5");
        assertThat(encoded(LuaValue.NIL)).isEqualTo("null");
        assertThat(encoded(LuaValue.valueOf("\b\f\u2028\u0001"))).isEqualTo("\"\\b\\f\\u2028\\u0001\"");
        assertThat(encoded(LuaString.valueOf(new byte[] {'a', (byte) 0xff}))).isEqualTo("\"a\\ufffd\"");
        // decoded objects keep the object marker: an empty one re-encodes as {}
        assertThat(encoded(decode("{}").arg1())).isEqualTo("{}");
        LuaTable marked = new LuaTable();
        json.get("tableIsObject").call(marked);
        assertThat(encoded(marked)).isEqualTo("{}");
    }

    @Test
    void encodingErrorTexts() {
        String wrap = "json: error calling MarshalJSON for type json.jsonValue: ";
        LuaTable sparse = new LuaTable();
        sparse.set(1, LuaValue.valueOf(1));
        sparse.set(3, LuaValue.valueOf(3));
        assertError(encode(sparse), wrap + "cannot encode sparse array");
        LuaTable mixed = new LuaTable();
        mixed.set(1, LuaValue.valueOf(1));
        mixed.set("a", LuaValue.valueOf(2));
        assertError(encode(mixed), wrap + "cannot encode mixed or invalid key types");
        LuaTable boolKey = new LuaTable();
        boolKey.set(LuaValue.TRUE, LuaValue.valueOf(1));
        assertError(encode(boolKey), wrap + "cannot encode mixed or invalid key types");
        LuaTable loop = new LuaTable();
        loop.set("self", loop);
        assertError(encode(loop), wrap + wrap + "cannot encode recursively nested tables to JSON");
        LuaTable shared = new LuaTable();
        LuaTable inner = new LuaTable();
        shared.set(1, inner);
        shared.set(2, inner); // value.go never clears visited: a table met twice is "nested"
        assertError(encode(shared), wrap + wrap + "cannot encode recursively nested tables to JSON");
        assertError(encode(json.get("encode")), wrap + "cannot encode function to JSON");
        // gopher-lua keeps integer keys in its array part, walked before any string key
        for (String key : new String[] {"a", "b", "zz", "name"}) {
            LuaTable gapThenString = new LuaTable();
            gapThenString.set(1, LuaValue.valueOf(1));
            gapThenString.set(key, LuaValue.valueOf(0));
            gapThenString.set(3, LuaValue.valueOf(3));
            assertError(encode(gapThenString), wrap + "cannot encode sparse array");
        }
        LuaTable backwards = new LuaTable();
        for (int i = 40; i >= 1; i--) {
            backwards.set(i, LuaValue.valueOf(i));
        }
        assertThat(encoded(backwards)).startsWith("[1,2,3,");
        assertError(encode(LuaValue.valueOf(Double.NaN)), wrap + "json: unsupported value: NaN");
        LuaTable inf = new LuaTable();
        inf.set(1, LuaValue.valueOf(Double.POSITIVE_INFINITY));
        assertError(encode(inf), wrap + wrap + "json: unsupported value: +Inf");
    }

    @Test
    void decodingErrorTexts() {
        assertError(decode(""), "unexpected end of JSON input");
        assertError(decode("{\"a\":1"), "unexpected end of JSON input");
        assertError(decode("x"), "invalid character 'x' looking for beginning of value");
        assertError(decode("{1:2}"), "invalid character '1' looking for beginning of object key string");
        assertError(decode("{\"a\" 1}"), "invalid character '1' after object key");
        assertError(decode("{\"a\":1 \"b\"}"), "invalid character '\"' after object key:value pair");
        assertError(decode("[1 2]"), "invalid character '2' after array element");
        assertError(decode("[1] x"), "invalid character 'x' after top-level value");
        // scanner.go eof: the space it steps with fails the literal first, and that error is kept
        assertError(decode("tru"), "invalid character ' ' in literal true (expecting 'e')");
        assertError(decode("trUe"), "invalid character 'U' in literal true (expecting 'u')");
        assertError(decode("-a"), "invalid character 'a' in numeric literal");
        assertError(decode("1.x"), "invalid character 'x' after decimal point in numeric literal");
        assertError(decode("\"a\\x\""), "invalid character 'x' in string escape code");
        assertError(decode("\"\n\""), "invalid character '\\n' in string literal");
        assertError(decode("[1e999]"), "json: cannot unmarshal number 1e999 into Go value of type float64");
        assertError(decode("{'a':1}"), "invalid character '\\'' looking for beginning of object key string");
    }

    @Test
    void decodedValues() {
        LuaValue v = decode("{\"a\":[1,null,\"x\"],\"b\":{\"c\":true},\"d\":\"\\u00e9\\ud83d\\ude00\"}").arg1();
        LuaTable a = (LuaTable) v.get("a");
        assertThat(a.length()).isEqualTo(2); // Append drops the null
        assertThat(a.get(2).tojstring()).isEqualTo("x");
        assertThat(v.get("b").get("c").toboolean()).isTrue();
        // compared as bytes: LuaJ's tojstring reads no 4-byte UTF-8
        assertThat(GoJsonEncoder.bytes(v.get("d").checkstring())).isEqualTo("é😀".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fromLua() {
        try (GopherState state = GopherState.create()) {
            state.globals().set("json", json);
            Varargs r = state.call(() -> state.load("@t.lua", ("local s = json.encode({z = 1, a = {1, 2}})"
                    + " local t, err = json.decode('{\"k\": [true]}') return s, t.k[1], err")
                    .getBytes(StandardCharsets.UTF_8)).invoke());
            assertThat(r.arg(1).tojstring()).isEqualTo("{\"a\":[1,2],\"z\":1}");
            assertThat(r.arg(2).toboolean()).isTrue();
            assertThat(r.arg(3).isnil()).isTrue();
        }
    }

    private static void assertError(Varargs r, String text) {
        assertThat(r.arg1().isnil()).isTrue();
        assertThat(r.arg(2).tojstring()).isEqualTo(text);
    }
}
