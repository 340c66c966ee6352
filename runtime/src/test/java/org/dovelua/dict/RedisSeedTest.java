package org.dovelua.dict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.dovelua.dict.RedisSeed.Hash;
import org.dovelua.dict.RedisSeed.ListOf;
import org.dovelua.dict.RedisSeed.SetOf;
import org.dovelua.dict.RedisSeed.Str;
import org.dovelua.dict.RedisSeed.Value;
import org.dovelua.testkit.Fuzz;
import org.junit.jupiter.api.Test;

/** The offline redis: data format (docs/dict-redis.md): a seeded round trip through JSON and the errors. */
class RedisSeedTest {
    private static final String ALPHABET = "ab/:\\-_ .{}\"'#é\t0123456789";

    @Test
    void randomSeedsReadBackAsWrittenInJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < Fuzz.runs(200); i++) {
            long seed = 0x5eed_0000L + i;
            Random r = new Random(seed);
            Map<Integer, Map<String, Value>> model = new TreeMap<>();
            boolean perDb = r.nextBoolean();
            int dbs = perDb ? 1 + r.nextInt(3) : 1;
            for (int d = 0; d < dbs; d++) {
                Map<String, Value> keys = new LinkedHashMap<>();
                for (int k = r.nextInt(5); k > 0; k--) {
                    keys.put(text(r, 1), value(r));
                }
                model.put(perDb ? d * 3 : 0, keys);
            }
            Object doc = perDb ? Map.of("db", render(model)) : render(model).get("0");
            String text = json.writeValueAsString(doc == null ? Map.of() : doc);
            assertThat(RedisSeed.parse("seed.json", new StringReader(text)).databases()).as("seed %s: %s", seed, text)
                    .isEqualTo(model);
        }
    }

    private static Map<String, Object> render(Map<Integer, Map<String, Value>> model) {
        Map<String, Object> out = new LinkedHashMap<>();
        model.forEach((db, keys) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            keys.forEach((k, v) -> m.put(k, v instanceof Str s ? s.value()
                    : v instanceof Hash h ? Map.of("hash", h.fields())
                    : v instanceof ListOf l ? Map.of("list", l.items()) : Map.of("set", ((SetOf) v).members())));
            out.put(String.valueOf(db), m);
        });
        return out;
    }

    private static Value value(Random r) {
        switch (r.nextInt(4)) {
            case 0: {
                Map<String, String> f = new LinkedHashMap<>();
                for (int n = 1 + r.nextInt(3); n > 0; n--) {
                    f.put(text(r, 1), text(r, 0));
                }
                return new Hash(f);
            }
            case 1:
                return new ListOf(items(r));
            case 2:
                return new SetOf(items(r));
            default:
                return new Str(text(r, 0));
        }
    }

    private static List<String> items(Random r) {
        List<String> l = new ArrayList<>();
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            l.add(text(r, 0));
        }
        return l;
    }

    private static String text(Random r, int min) {
        StringBuilder sb = new StringBuilder();
        for (int n = min + r.nextInt(8); n > 0; n--) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    @Test
    void scalarsOtherThanStringsAreTheirText() throws Exception {
        RedisSeed s = RedisSeed.parse("s.yaml", new StringReader("a: 123\nb: true\nc: {string: '7'}\n"));
        assertThat(s.databases().get(0)).containsExactly(Map.entry("a", new Str("123")),
                Map.entry("b", new Str("true")), Map.entry("c", new Str("7")));
    }

    @Test
    void aKeyNamedDbWithATypedValueIsAKeyNotDatabases() throws Exception {
        RedisSeed s = RedisSeed.parse("s.yaml", new StringReader("db: {hash: {f: v}}\n"));
        assertThat(s.databases()).isEqualTo(Map.of(0, Map.of("db", new Hash(Map.of("f", "v")))));
    }

    @Test
    void errorsNameFileAndLine() {
        String[][] cases = {
            {"- a\n- b\n", "s.yaml:1: redis seed: the seed must be a mapping of keys to values"},
            {"a: x\nb: ~\n", "s.yaml:2: redis seed: value of 'b' must be a string"},
            {"a: x\na: y\n", "s.yaml:2: redis seed: key 'a' is given twice"},
            {"a:\n  zset: [x]\n", "s.yaml:2: redis seed: unknown type 'zset' of 'a': expected hash, list, set or string"},
            {"a: {hash: {f: v}, list: [x]}\n", "s.yaml:1: redis seed: value of 'a' must have exactly one of hash, list, set, string"},
            {"a:\n  list: []\n", "s.yaml:2: redis seed: list of 'a' must be a non-empty sequence of strings"},
            {"a: [x]\n", "s.yaml:1: redis seed: value of 'a' must be a string or {hash|list|set|string: ...}"},
            {"db:\n  0: {a: x}\n  x: {b: y}\n", "s.yaml:3: redis seed: database number expected under 'db', not 'x'"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> RedisSeed.parse("s.yaml", new StringReader(c[0]))).as(c[0])
                    .isInstanceOf(RedisSeedException.class).hasMessage(c[1]);
        }
        assertThatThrownBy(() -> RedisSeed.parse("s.yaml", new StringReader("a: [\n"))).isInstanceOf(RedisSeedException.class)
                .hasMessageStartingWith("s.yaml: not YAML/JSON: ");
    }
}
