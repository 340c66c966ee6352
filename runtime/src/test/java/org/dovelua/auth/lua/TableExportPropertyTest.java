package org.dovelua.auth.lua;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.dovelua.auth.AuthEngine;
import org.dovelua.auth.TestAuth;
import org.dovelua.auth.request.AuthInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table export (§6.4) over generated tables: every string key with a string, integer or boolean
 * value reaches the client as Dovecot renders it, whatever the table's iteration order.
 */
class TableExportPropertyTest {
    @TempDir
    Path dir;

    @Test
    void generatedTablesExportAsDovecotRendersThem() throws Exception {
        String lua = "function auth_passdb_lookup(req)\n"
                + "  local t = load('return ' .. req:var_expand('%{session}'))()\n"
                + "  t.password = 'pw'\n"
                + "  return dovecot.auth.PASSDB_RESULT_OK, t\n"
                + "end\n";
        try (TestAuth a = TestAuth.script(dir, "2.3.19", lua)) {
            for (int seed = 0; seed < 200; seed++) {
                Random rnd = new Random(seed);
                Map<String, String> expected = new LinkedHashMap<>();
                StringBuilder table = new StringBuilder("{");
                int n = rnd.nextInt(6);
                for (int i = 0; i < n; i++) {
                    String key = "k" + rnd.nextInt(1000);
                    String rendered;
                    String literal;
                    switch (rnd.nextInt(4)) {
                        case 0:
                            long v = rnd.nextInt(2001) - 1000;
                            literal = Long.toString(v);
                            rendered = Long.toUnsignedString(v);
                            break;
                        case 1:
                            boolean b = rnd.nextBoolean();
                            literal = Boolean.toString(b);
                            rendered = b ? "yes" : "no";
                            break;
                        case 2:
                            literal = "''";
                            rendered = null; // an empty value is a bare key
                            break;
                        default:
                            String s = "v" + rnd.nextInt(100) + " x=y";
                            literal = "'" + s + "'";
                            rendered = s;
                            break;
                    }
                    table.append('[').append('\'').append(key).append("']=").append(literal).append(',');
                    expected.put(key, rendered == null ? key : key + "=" + rendered);
                }
                table.append('}');
                AuthInput in = new AuthInput();
                in.add("session=" + table);
                AuthEngine.AuthReply reply = a.engine.authTest(in, "alice", "pw");
                assertThat(reply.success()).as("seed %d table %s", seed, table).isTrue();
                assertThat(reply.args()).as("seed %d table %s", seed, table)
                        .containsExactlyInAnyOrderElementsOf(withUser(expected));
            }
        }
    }

    private static java.util.List<String> withUser(Map<String, String> fields) {
        java.util.List<String> l = new java.util.ArrayList<>();
        l.add("user=alice");
        l.addAll(fields.values());
        return l;
    }
}
