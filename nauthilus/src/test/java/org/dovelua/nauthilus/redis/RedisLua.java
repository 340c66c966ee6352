package org.dovelua.nauthilus.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.dovelua.lua.gopher.GopherState;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** A Lua state with {@code redis} = a fresh nauthilus_redis over its own server. */
final class RedisLua implements AutoCloseable {
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final NauthilusRedis module;
    final GopherState state = GopherState.create();

    RedisLua() {
        this(MissingNode.getInstance(), ModuleCalls.NONE);
    }

    RedisLua(String blockJson) {
        this(parse(blockJson), ModuleCalls.NONE);
    }

    RedisLua(JsonNode block, ModuleCalls calls) {
        module = new NauthilusRedis(block, calls, clock);
        state.globals().set("redis", module.call(LuaValue.valueOf("nauthilus_redis"), state.globals()));
    }

    static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Runs a chunk and returns what it returns. */
    Varargs run(String lua) {
        return state.call(() -> state.load("@test.lua", lua.getBytes(StandardCharsets.UTF_8)).invoke());
    }

    @Override
    public void close() {
        state.close();
        module.close();
    }
}
