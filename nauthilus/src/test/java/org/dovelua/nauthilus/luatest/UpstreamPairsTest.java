package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Upstream's 15 CI pairs (scripts/run-lua-plugin-tests.sh), run from the root of a Nauthilus
 * checkout given as {@code -Dnauthilus.checkout=/path}; skipped without it. Each must pass (exit 0),
 * as {@code go run ./server --test-lua ...} does upstream.
 */
class UpstreamPairsTest {
    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({
            "action_analytics, action",
            "action_analytics_policy_facts, action",
            "action_bruteforce_header, action",
            "action_failed_login_tracker, action",
            "action_test_context_chain_bruteforce_reject, action",
            "action_test_context_chain_environment_reject, action",
            "action_test_context_chain_no_auth_without_environment, action",
            "action_test_context_chain_oidc_post_action_only, action",
            "environment_blocklist, environment",
            "environment_failed_login_hotspot, environment",
            "backend_backend, backend",
            "subject_test_context_chain, subject",
            "subject_test_context_chain_no_auth_without_environment, subject",
            "subject_geoip_reputation_preexisting, subject",
            "cache_flush, cache_flush"})
    void upstreamPairPasses(String name, String kind) {
        String checkout = System.getProperty("nauthilus.checkout");
        assumeTrue(checkout != null && !checkout.isEmpty(), "set -Dnauthilus.checkout to a Nauthilus checkout");
        LuaTestRun r = LuaTestRun.run(Path.of(checkout), "testdata/lua/plugins/" + name + "_wrapper.lua", kind,
                "testdata/lua/plugins/" + name + "_test.json");
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
    }

    /**
     * The same pairs in production mode ({@code --mode production}): 14 pass there too. The fixtures
     * are test mode's, so this is also the check that one fixture serves both modes.
     */
    @ParameterizedTest(name = "{0} ({1}) in production mode")
    @CsvSource({
            "action_analytics, action",
            "action_analytics_policy_facts, action",
            "action_bruteforce_header, action",
            "action_failed_login_tracker, action",
            "action_test_context_chain_bruteforce_reject, action",
            "action_test_context_chain_environment_reject, action",
            "action_test_context_chain_no_auth_without_environment, action",
            "action_test_context_chain_oidc_post_action_only, action",
            "environment_blocklist, environment",
            "environment_failed_login_hotspot, environment",
            "subject_test_context_chain, subject",
            "subject_test_context_chain_no_auth_without_environment, subject",
            "subject_geoip_reputation_preexisting, subject",
            "cache_flush, cache_flush"})
    void upstreamPairPassesInProductionMode(String name, String kind) {
        String checkout = System.getProperty("nauthilus.checkout");
        assumeTrue(checkout != null && !checkout.isEmpty(), "set -Dnauthilus.checkout to a Nauthilus checkout");
        LuaTestRun r = LuaTestRun.run(Path.of(checkout), "testdata/lua/plugins/" + name + "_wrapper.lua", kind,
                "testdata/lua/plugins/" + name + "_test.json", org.dovelua.nauthilus.NauthilusMode.PRODUCTION);
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
    }

    /**
     * backend_backend's wrapper swaps nauthilus_backend_result for a Lua-table shim; a server takes
     * only the userdata (backend/lua.go handlePassDBReturn), so production mode rejects the run.
     */
    @org.junit.jupiter.api.Test
    void backendPairsShimIsRejectedInProductionMode() {
        String checkout = System.getProperty("nauthilus.checkout");
        assumeTrue(checkout != null && !checkout.isEmpty(), "set -Dnauthilus.checkout to a Nauthilus checkout");
        LuaTestRun r = LuaTestRun.run(Path.of(checkout), "testdata/lua/plugins/backend_backend_wrapper.lua", "backend",
                "testdata/lua/plugins/backend_backend_test.json", org.dovelua.nauthilus.NauthilusMode.PRODUCTION);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.result().errors).startsWith("wrong_user_data_result: Lua script returned nil user data");
    }
}
