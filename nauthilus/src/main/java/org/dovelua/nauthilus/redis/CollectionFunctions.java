package org.dovelua.nauthilus.redis;

import java.util.List;
import java.util.Map;
import org.luaj.vm2.LuaValue;

/**
 * List, set and HyperLogLog commands: server/lualib/redislib/list.go, set.go and hll.go.
 */
final class CollectionFunctions {
    private CollectionFunctions() {
    }

    static void register(Map<String, RedisFunction> fns, RedisCalls c) {
        // list.go
        fns.put("redis_lpush", RedisCalls.writeIntCmd(c, "lpush", GoRedisArg::valueOrText));
        fns.put("redis_rpush", RedisCalls.writeIntCmd(c, "rpush", GoRedisArg::valueOrText));
        fns.put("redis_lpop", RedisCalls.keyCmd(c, "lpop", GoRedisCmd.STRING));
        fns.put("redis_rpop", RedisCalls.keyCmd(c, "rpop", GoRedisCmd.STRING));
        fns.put("redis_lrange", RedisCalls.rangeCmd(c, "lrange", GoRedisCmd.STRING_SLICE));
        fns.put("redis_llen", RedisCalls.keyCmd(c, "llen", GoRedisCmd.INT));
        // set.go
        fns.put("redis_sadd", RedisCalls.writeIntCmd(c, "sadd", GoRedisArg::valueOrText));
        fns.put("redis_sismember", a -> {
            var key = a.checkLuaString(2);
            byte[] member;
            try {
                member = GoRedisArg.value(a.checkAny(3));
            } catch (GoRedisArg.ConversionError e) {
                return RedisResults.error(e.getMessage());
            }
            return c.run(a, new RedisCommand("sismember").add(key).add(member), GoRedisCmd.BOOL);
        });
        fns.put("redis_smembers", RedisCalls.keyCmd(c, "smembers", GoRedisCmd.STRING_SLICE));
        fns.put("redis_srem", RedisCalls.writeIntCmd(c, "srem", GoRedisArg::valueOrText));
        fns.put("redis_scard", RedisCalls.keyCmd(c, "scard", GoRedisCmd.INT));
        // hll.go
        fns.put("redis_pfadd", RedisCalls.writeIntCmd(c, "pfadd", GoRedisArg::valueOrText));
        fns.put("redis_pfcount", a -> {
            if (a.top() < 2) {
                return RedisResults.error("at least one key required");
            }
            RedisCommand cmd = new RedisCommand("pfcount");
            for (int i = 2; i <= a.top(); i++) {
                cmd.add(a.checkLuaString(i));
            }
            return c.run(a, cmd, GoRedisCmd.INT);
        });
        fns.put("redis_pfmerge", a -> {
            var dest = a.checkLuaString(2);
            List<byte[]> sources = RedisCalls.collect(a, 3, RedisCalls::text);
            if (sources.isEmpty()) {
                return RedisResults.ok(LuaValue.valueOf("OK"));
            }
            RedisCommand cmd = new RedisCommand("pfmerge").add(dest);
            sources.forEach(cmd::add);
            return c.run(a, cmd, GoRedisCmd.STATUS);
        });
    }
}
