package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** runner.go PrintResult: the exact block, from the resource pair luatest/block_action.{lua,json}. */
class ResultBlockTest {
    private static final Path RES = Path.of("src/test/resources");

    @Test
    void theBlockOfAFailingAction() {
        LuaTestRun r = LuaTestRun.run(RES, "luatest/block_action.lua", "action", "luatest/block_action.json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).isEqualTo("\n=== Lua Script Test Results ===\n"
                + "Script: luatest/block_action.lua\n"
                + "Callback Type: action\n"
                + "Success: false\n\n"
                + "Action Result: true\n"
                + "\nStatus Messages:\n"
                + "  [STATUS] Blocked\n"
                + "\nLogs:\n"
                + "  [CUSTOM] user: alice\n"
                + "  [STATUS] Blocked\n"
                + "\nErrors:\n"
                + "  \u2717 expected log not found: [CUSTOM] user: bob\n"
                + "\n===============================\n");
    }

    @Test
    void theBlockOfAPassingSubjectWithoutFixture() {
        LuaTestRun r = LuaTestRun.run(RES, "luatest/block_subject.lua", "subject", "");
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).isEqualTo("\n=== Lua Script Test Results ===\n"
                + "Script: luatest/block_subject.lua\n"
                + "Callback Type: subject\n"
                + "Success: true\n\n"
                + "Subject Result: 0\n"
                + "Subject Rejected: false\n"
                + "\n===============================\n");
    }

    @Test
    void packagePathFindsModulesBesideTheScriptAndUnderTheWorkingDirectory() {
        LuaTestRun r = LuaTestRun.run(RES, "luatest/uses_companion.lua", "action", "");
        assertThat(r.result().errors).isEmpty();
        assertThat(r.result().logs).containsExactly("[CUSTOM] companion: lib/helper", "[CUSTOM] share: server share");
    }
}
