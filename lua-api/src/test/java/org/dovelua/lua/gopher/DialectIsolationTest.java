package org.dovelua.lua.gopher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dovelua.lua.SnippetSuite;
import org.junit.jupiter.api.Test;

/**
 * LuajPatches change LuaJ for the whole JVM; the dialect is per state. A Dovecot (5.4) script and
 * a gopher-lua state in the same JVM, even interleaved on threads, each keep their own number
 * text and error paths.
 */
class DialectIsolationTest {
    private static final String SNIPPET = "print(12.0, 0.1 + 0.2, 1e-5, 1/0, 2^53, tostring(3.0) .. '', "
            + "string.format('%s', 2.0), pcall(function() local z = 0 return 1 % z end))";
    private static final List<String> LUA54 = List.of(
            "12.0\t0.3\t1e-05\tinf\t9.007199254741e+15\t3.0\t2.0\tfalse\tt.lua:1: attempt to perform 'n%0'");
    private static final List<String> GOPHER = List.of(
            "12\t0.30000000000000004\t1e-05\t+Inf\t9007199254740992\t3\t2\ttrue\tNaN");

    @Test
    void eachStateKeepsItsOwnTextWhenInterleaved() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (GopherState gopher = GopherState.create()) {
            assertThat(SnippetSuite.ours(SNIPPET)).isEqualTo(LUA54);
            assertThat(GopherRun.lines(gopher, SNIPPET)).isEqualTo(GOPHER);
            java.util.ArrayList<Future<Boolean>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                boolean five4 = i % 2 == 0;
                runs.add(pool.submit(() -> five4 ? SnippetSuite.ours(SNIPPET).equals(LUA54)
                        : GopherRun.lines(SNIPPET).equals(GOPHER)));
            }
            for (Future<Boolean> f : runs) {
                assertThat(f.get()).isTrue();
            }
            // a thread bound to no state speaks 5.4
            assertThat(org.luaj.vm2.LuaValue.valueOf(12.0).tojstring()).isEqualTo("12.0");
        } finally {
            pool.shutdownNow();
        }
    }
}
