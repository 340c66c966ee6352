package org.dovelua.nauthilus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Random;
import org.dovelua.lua.gopher.GoQuote;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** Seeded properties of the db mock's query_contains matching and its row shaping. */
class DbMockPropertyTest {
    private static final long SEED = 0x5EED_DB14L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPHABET = "abcXYZ _*=?,()'\u00e9";

    private static String randomText(Random r, int min, int max) {
        StringBuilder b = new StringBuilder();
        int n = min + r.nextInt(max - min + 1);
        for (int i = 0; i < n; i++) {
            b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private static String flipCase(Random r, String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(r.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return b.toString();
    }

    @Test
    void queryContainsMatchesExactlyTheCaseInsensitiveSubstrings() {
        Random r = new Random(SEED);
        for (int i = 0; i < 300; i++) {
            String query = "select " + randomText(r, 1, 20);
            String needle;
            boolean contained = r.nextBoolean();
            if (contained) {
                int from = r.nextInt(query.length());
                needle = flipCase(r, query.substring(from, from + 1 + r.nextInt(query.length() - from)));
            } else {
                needle = randomText(r, 1, 6);
            }
            boolean expectMatch = query.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
            ObjectNode block = JSON.createObjectNode();
            ArrayNode calls = block.putArray("expected_calls");
            calls.addObject().put("method", " Open ");
            calls.addObject().put("method", "QUERY").put("query_contains", needle);
            DbMock mock = new DbMock(block, DbMockTest.engine(block));
            assertThat(mock.recordCall("open", "")).isNull();
            String err = mock.recordCall("query", query);
            if (expectMatch) {
                assertThat(err).as("query %s needle %s", query, needle).isNull();
                assertThat(mock.calls.validateComplete()).isNull();
            } else {
                assertThat(err).isEqualTo("db call #2 query mismatch: expected to contain " + GoQuote.quote(needle)
                        + ", got " + GoQuote.quote(query));
                assertThat(mock.calls.validateComplete()).isEqualTo(err);
                assertThat(mock.recordCall("close", "")).as("sticky").isEqualTo(err);
            }
            if (contained) {
                assertThat(expectMatch).isTrue();
            }
        }
    }

    @Test
    void rowsKeepTheirValuesAndColumnsAreGivenOrImplicit() {
        Random r = new Random(SEED + 1);
        for (int i = 0; i < 100; i++) {
            ObjectNode block = JSON.createObjectNode();
            ArrayNode expected = block.putArray("expected_calls");
            expected.addObject().put("method", "open");
            ObjectNode call = expected.addObject().put("method", "query");
            int width = 1 + r.nextInt(4);
            boolean named = r.nextBoolean();
            if (named) {
                ArrayNode cols = call.putArray("columns");
                for (int c = 0; c < width; c++) {
                    cols.add("c" + c);
                }
            }
            ArrayNode rows = call.putArray("rows");
            int height = r.nextInt(4);
            for (int row = 0; row < height; row++) {
                ArrayNode values = rows.addArray();
                for (int c = 0; c < width; c++) {
                    switch (r.nextInt(4)) {
                        case 0 -> values.addNull();
                        case 1 -> values.add(r.nextInt(1000) - 500);
                        case 2 -> values.add(r.nextDouble());
                        default -> values.add(randomText(r, 0, 5));
                    }
                }
            }
            try (MockHarness h = new MockHarness(block, "db", (b, ignored) -> new DbMock(b, DbMockTest.engine(b)))) {
                Varargs result = h.run("local c = require('db').open('d', 's')\nreturn c:query('select 1')");
                LuaValue q = result.arg1();
                LuaTable columns = (LuaTable) q.get("columns");
                int expectedColumns = named || height > 0 ? width : 0;
                assertThat(columns.length()).isEqualTo(expectedColumns);
                for (int c = 1; c <= expectedColumns; c++) {
                    assertThat(columns.get(c).tojstring()).isEqualTo(named ? "c" + (c - 1) : "col_" + c);
                }
                assertThat(q.get("rows").length()).isEqualTo(height);
                for (int row = 0; row < height; row++) {
                    for (int c = 0; c < width; c++) {
                        var json = rows.get(row).get(c);
                        LuaValue v = q.get("rows").get(row + 1).get(c + 1);
                        if (json.isNull()) {
                            assertThat(v.isnil()).isTrue();
                        } else if (json.isNumber()) {
                            assertThat(v.todouble()).isEqualTo(json.asDouble());
                        } else {
                            assertThat(v.tojstring()).isEqualTo(json.asText());
                        }
                    }
                }
            }
        }
    }
}
