package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code dovelua nauthilus test DIR}: pairs found by name, the kind from the prefix, and what cannot run. */
class PluginPairsTest {
    private static Path resource(String name) {
        try {
            return Path.of(PluginPairsTest.class.getResource("/luatest-pairs/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void goodPairsAreFoundInSubfoldersTooSortedByPathWithTheKindOfTheirName() throws Exception {
        List<PluginPair> pairs = PluginPairs.discover("pairs/good/", resource("good"));
        assertThat(pairs).extracting(PluginPair::script).containsExactly(
                "pairs/good/action_counts_wrapper.lua",
                "pairs/good/more/cache_flush_wrapper.lua",
                "pairs/good/subject_reject_wrapper.lua");
        assertThat(pairs).extracting(PluginPair::fixture).containsExactly(
                "pairs/good/action_counts_test.json",
                "pairs/good/more/cache_flush_test.json",
                "pairs/good/subject_reject_test.json");
        assertThat(pairs).extracting(PluginPair::kind).containsExactly(CallbackKind.ACTION, CallbackKind.CACHE_FLUSH,
                CallbackKind.SUBJECT);
        assertThat(pairs).extracting(PluginPair::directory).containsExactly("pairs/good", "pairs/good/more",
                "pairs/good");
        assertThat(pairs).allMatch(PluginPair::runnable);
    }

    @Test
    void aMissingPartnerOrAnUnderivableKindIsAProblemNamingTheFileAndTheFix() throws Exception {
        List<PluginPair> pairs = PluginPairs.discover("b", resource("broken"));
        assertThat(pairs).extracting(PluginPair::name).containsExactly("action_alone", "environment_orphan",
                "hook_ok", "policy_check");
        assertThat(pairs.get(0).problem()).isEqualTo(
                "b/action_alone_wrapper.lua: no fixture action_alone_test.json beside it; add one (\"{}\" runs the plugin"
                        + " without mock data)");
        assertThat(pairs.get(1).problem()).isEqualTo(
                "b/environment_orphan_test.json: no wrapper environment_orphan_wrapper.lua beside it; add the wrapper"
                        + " or rename the fixture to match its wrapper");
        assertThat(pairs.get(2).runnable()).isTrue();
        assertThat(pairs.get(2).kind()).isEqualTo(CallbackKind.HOOK);
        assertThat(pairs.get(3).kind()).isNull();
        assertThat(pairs.get(3).problem()).isEqualTo(
                "b/policy_check_wrapper.lua: the callback kind cannot be told from the name \"policy_check\"; rename"
                        + " the pair to start with subject_, environment_, action_, backend_, hook_ or cache_flush, or"
                        + " run it with --test-lua/--test-callback/--test-mock");
    }

    @Test
    void kindPrefixes() {
        assertThat(PluginPairs.kindOf("environment_blocklist")).isEqualTo(CallbackKind.ENVIRONMENT);
        assertThat(PluginPairs.kindOf("backend_backend")).isEqualTo(CallbackKind.BACKEND);
        assertThat(PluginPairs.kindOf("cache_flush")).isEqualTo(CallbackKind.CACHE_FLUSH);
        assertThat(PluginPairs.kindOf("cache_flush_two")).isEqualTo(CallbackKind.CACHE_FLUSH);
        assertThat(PluginPairs.kindOf("cache_flushing")).isNull();
        assertThat(PluginPairs.kindOf("subject")).isNull(); // the prefix is "subject_"
        assertThat(PluginPairs.kindOf("filter_geoip")).isNull(); // 2.x names are not kinds of 3.1's test mode
    }

    @Test
    void eachPairRunsInTheSameJvmAsMainGoWouldRunIt() throws Exception {
        Path good = resource("good");
        for (PluginPair p : PluginPairs.discover(".", good)) {
            PairRun run = PairRun.run(p, TestModeModules.standard(), NauthilusVersion.DEFAULT,
                    org.dovelua.nauthilus.net.NetworkAccess.offline(h -> { }), good, false);
            assertThat(run.passed()).as(p.script() + " " + run.error()).isTrue();
        }
        PluginPair alone = PluginPairs.discover(".", resource("broken")).get(0);
        PairRun run = PairRun.run(alone, TestModeModules.standard(), NauthilusVersion.DEFAULT,
                org.dovelua.nauthilus.net.NetworkAccess.offline(h -> { }), resource("broken"), false);
        assertThat(run.passed()).isFalse();
        assertThat(run.error()).startsWith("./action_alone_wrapper.lua: no fixture");
    }
}
