package org.dovelua.nauthilus.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.Varargs;

/** Error lines as miniredis writes them (redis.go msg* constants), where jedis-mock words them otherwise. */
class ServerErrorTextsTest {
    private static void error(RedisLua lua, String code, String text) {
        Varargs v = lua.run(code);
        assertThat(v.arg1().isnil()).isTrue();
        assertThat(v.arg(2).tojstring()).isEqualTo(text);
    }

    @Test
    void miniredisTexts() {
        try (RedisLua lua = new RedisLua()) {
            lua.run("redis.redis_set('default','s','x') redis.redis_hset('default','h','f','x')");
            error(lua, "return redis.redis_incr('default','s')", "ERR value is not an integer or out of range");
            error(lua, "return redis.redis_hincrbyfloat('default','h','f',1.5)", "ERR value is not a valid float");
            error(lua, "return redis.redis_zrangebyscore('default','z','a','b')", "ERR min or max is not a float");
            error(lua, "return redis.redis_rename('default','nope','d')", "ERR no such key");
            error(lua, "return redis.redis_lpush('default','s','x')", JedisMockGaps.WRONG_TYPE);
            error(lua, "return redis.redis_get('default','h')",
                    "WRONGTYPE Operation against a key holding the wrong kind of value");
            error(lua, "return redis.redis_zadd('default','z',{})", "ERR wrong number of arguments for 'zadd' command");
        }
    }
}
