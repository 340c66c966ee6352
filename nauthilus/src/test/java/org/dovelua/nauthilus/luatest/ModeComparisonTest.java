package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code --mode both}: both blocks, one summary line, exit 0 iff both modes pass. */
class ModeComparisonTest {
    private static final Path RES = Path.of("src/test/resources");

    private record Both(int exit, String out) {
        String lastLine() {
            String[] lines = out.split("\n");
            return lines[lines.length - 1];
        }
    }

    private static Both both(String script, String callback, String mock) {
        StringWriter sw = new StringWriter();
        PrintWriter out = new PrintWriter(sw);
        int exit = ModeComparison.runBoth(NauthilusVersion.DEFAULT,
                org.dovelua.nauthilus.net.NetworkAccess.offline(h -> { }), script, callback, mock, RES, out);
        out.flush();
        return new Both(exit, sw.toString());
    }

    @Test
    void aScriptThatOnlyTestModeAcceptsFailsWithBothOutcomes() {
        Both b = both("production/backend_assign.lua", "backend", null);
        assertThat(b.exit()).isEqualTo(1);
        assertThat(b.out()).startsWith("--- mode: test ---\n\n=== Lua Script Test Results ===\n");
        int prod = b.out().indexOf("--- mode: production ---\n");
        assertThat(prod).isPositive();
        assertThat(b.out().substring(0, prod)).contains("Success: true\n");
        assertThat(b.out().substring(prod)).contains("Success: false\n");
        assertThat(b.lastLine()).startsWith("Modes differ: passes in test mode, fails in production mode:"
                + " backend execution failed: production/backend_assign.lua:5: attempt to index a ");
    }

    @Test
    void aScriptBothModesAcceptPasses() {
        Both b = both("production/backend_setters.lua", "backend", "production/backend.json");
        assertThat(b.exit()).as(b.out()).isZero();
        assertThat(b.lastLine()).isEqualTo("Modes agree: passes in test mode and in production mode");
    }

    @Test
    void aProductionOnlyKindFailsInTestMode() {
        Both b = both("production/backend_commands.lua", "backend_list_accounts", null);
        assertThat(b.exit()).isEqualTo(1);
        assertThat(b.out()).contains("--- mode: test ---\ninvalid callback type 'backend_list_accounts'. Valid types:"
                + " subject, environment, action, backend, hook, cache_flush\n--- mode: production ---\n");
        assertThat(b.lastLine()).isEqualTo("Modes differ: fails in test mode (invalid callback type"
                + " 'backend_list_accounts'. Valid types: subject, environment, action, backend, hook, cache_flush),"
                + " passes in production mode");
    }

    @Test
    void bothFailingIsAnAgreementWithBothReasons() {
        Both b = both("production/missing.lua", "action", null);
        assertThat(b.exit()).isEqualTo(1);
        assertThat(b.lastLine()).isEqualTo("Modes agree: fails in test mode (Error running test: failed to load Lua"
                + " script: open production/missing.lua: no such file or directory) and in production mode (Error running"
                + " test: failed to load Lua script: open production/missing.lua: no such file or directory)");
    }
}
