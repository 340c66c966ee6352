package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dovelua.nauthilus.redis.NauthilusRedis;
import org.dovelua.nauthilus.redis.RedisContents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run leaves for dovelua's YAML cases (no counterpart in runner.go): the context and the
 * Redis contents before the modules close, the hook's answer, every module call in order.
 */
class RunEndTest {
    @TempDir
    Path dir;

    @Test
    void theContextTheRedisAndTheCallsAreSeenBeforeTheModulesClose() throws Exception {
        Files.writeString(dir.resolve("a.lua"), "local c = require('nauthilus_context')\n"
                + "local r = require('nauthilus_redis')\n"
                + "function nauthilus_call_action(req)\n  c.context_set('seen', req.username)\n"
                + "  r.redis_hset('default', 'h', 'f', 'v')\n  r.redis_zadd('default', 'z', 'm', 2)\n"
                + "  r.redis_rpush('default', 'l', 'x', 'y')\n  return true\nend\n");
        MockData data = MockData.parse("{\"context\": {\"username\": \"ann\"}, \"redis\": {\"initial_data\":"
                + " {\"strings\": {\"s\": \"1\"}, \"sets\": {\"st\": [\"b\", \"a\"]}}}}");
        Object[] seen = new Object[2];
        TestResult r = new TestRunner("a.lua", CallbackKind.ACTION, data, TestModeModules.standard(), dir)
                .atEnd(end -> {
                    seen[0] = end.context().get("seen");
                    seen[1] = RedisContents.of(end.module(NauthilusRedis.class));
                }).run();
        assertThat(r.success).isTrue();
        assertThat(seen[0]).isEqualTo("ann");
        @SuppressWarnings("unchecked")
        Map<String, RedisContents.Value> redis = (Map<String, RedisContents.Value>) seen[1];
        assertThat(redis).containsExactly(
                Map.entry("h", new RedisContents.Value("hash", Map.of("f", "v"))),
                Map.entry("l", new RedisContents.Value("list", List.of("x", "y"))),
                Map.entry("s", new RedisContents.Value("string", "1")),
                Map.entry("st", new RedisContents.Value("set", List.of("a", "b"))),
                Map.entry("z", new RedisContents.Value("zset", Map.of("m", 2.0))));
        assertThat(data.calls("redis").recorded()).extracting(ExpectedCalls.Recorded::method)
                .containsExactly("redis_hset", "redis_zadd", "redis_rpush");
        assertThat(data.calls("context").recorded())
                .containsExactly(new ExpectedCalls.Recorded("context_set", "seen"));
    }

    @Test
    void aPluginThatNeverRequiresRedisLeavesTheSeed() {
        assertThat(RedisContents.seededBy(MockData.empty().block("redis"))).isEmpty();
    }

    @Test
    void aHooksAnswerIsKeptAsAGoValue() throws Exception {
        Files.writeString(dir.resolve("h.lua"), "function nauthilus_run_hook(req) return {ok = true, n = 2} end\n");
        TestResult r = new TestRunner("h.lua", CallbackKind.HOOK, MockData.empty(), TestModeModules.standard(), dir).run();
        assertThat(r.hookAnswer).isEqualTo(Map.of("ok", true, "n", 2.0));
        Files.writeString(dir.resolve("h.lua"), "function nauthilus_run_hook(req) return nil end\n");
        assertThat(new TestRunner("h.lua", CallbackKind.HOOK, MockData.empty(), TestModeModules.standard(), dir).run()
                .hookAnswer).isNull();
    }
}
