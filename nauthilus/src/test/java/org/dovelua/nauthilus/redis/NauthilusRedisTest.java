package org.dovelua.nauthilus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import redis.clients.jedis.Jedis;

class NauthilusRedisTest {
    private RedisLua lua = new RedisLua();

    @AfterEach
    void close() {
        lua.close();
    }

    private Varargs run(String code) {
        return lua.run(code);
    }

    private static void pair(Varargs v, Object first, Object second) {
        assertThat(v.narg()).isGreaterThanOrEqualTo(2);
        assertThat(javaOf(v.arg(1))).as("first").isEqualTo(first);
        assertThat(javaOf(v.arg(2))).as("second").isEqualTo(second);
    }

    private static Object javaOf(LuaValue v) {
        switch (v.type()) {
            case LuaValue.TNIL: return null;
            case LuaValue.TBOOLEAN: return v.toboolean();
            case LuaValue.TNUMBER: return v.todouble();
            case LuaValue.TSTRING: return v.tojstring();
            default: return v;
        }
    }

    @Test
    void theModuleHasEveryFunctionOfRegisterGo() {
        assertThat(lua.module.functionNames()).containsExactlyInAnyOrder(
                "register_redis_pool", "get_redis_connection", "redis_ping", "redis_get", "redis_set",
                "redis_incr", "redis_del", "redis_rename", "redis_expire", "redis_exists", "redis_encrypt",
                "redis_decrypt", "redis_is_encryption_enabled", "redis_mget", "redis_mset", "redis_keys",
                "redis_scan", "redis_run_script", "redis_upload_script", "redis_pipeline", "redis_hget",
                "redis_hset", "redis_hdel", "redis_hlen", "redis_hgetall", "redis_hmget", "redis_hincrby",
                "redis_hincrbyfloat", "redis_hexists", "redis_zadd", "redis_zrem", "redis_zrank", "redis_zrange",
                "redis_zrevrange", "redis_zrevrange_withscores", "redis_zrangebyscore", "redis_zremrangebyscore",
                "redis_zremrangebyrank", "redis_zcount", "redis_zscore", "redis_zrevrank", "redis_zincrby",
                "redis_lpush", "redis_rpush", "redis_lpop", "redis_rpop", "redis_lrange", "redis_llen",
                "redis_pfadd", "redis_pfcount", "redis_pfmerge", "redis_sadd", "redis_sismember",
                "redis_smembers", "redis_srem", "redis_scard");
    }

    @Test
    void theModuleTableAlsoCarriesTheRuntimeContext() {
        Varargs v = run("local n = 0 for k, v in pairs(redis) do n = n + 1 end"
                + " return type(redis.__NAUTH_REQ_RUNTIME_CONTEXT), n");
        assertThat(v.arg(1).tojstring()).isEqualTo("userdata");
        assertThat(v.arg(2).toint()).isEqualTo(lua.module.functionNames().size() + 1);
    }

    @Test
    void getAndSetShapes() {
        pair(run("return redis.redis_ping('default')"), "PONG", null);
        pair(run("return redis.redis_get('default', 'k')"), null, "redis: nil");
        pair(run("return redis.redis_set('default', 'k', 'v')"), "OK", null);
        pair(run("return redis.redis_get('default', 'k')"), "v", null);
        // numbers go out as strconv 'f' text, booleans as 1/0
        run("redis.redis_set('default', 'n', 12.5) redis.redis_set('default', 'i', 3)"
                + " redis.redis_set('default', 'b', true) redis.redis_set('default', 'e', '')");
        try (Jedis j = lua.module.client()) {
            assertThat(j.get("n")).isEqualTo("12.5");
            assertThat(j.get("i")).isEqualTo("3");
            assertThat(j.get("b")).isEqualTo("1");
        }
        pair(run("return redis.redis_get('default', 'n', 'number')"), 12.5, null);
        pair(run("return redis.redis_get('default', 'b', 'bool')"), true, null);
        pair(run("return redis.redis_get('default', 'e')"), null, null); // convert.StringCmd: "" is nil
        pair(run("return redis.redis_get('default', 'k', 'number')"), null,
                "strconv.ParseFloat: parsing \"v\": invalid syntax");
        pair(run("return redis.redis_get('default', 'k', 'bool')"), null,
                "strconv.ParseBool: parsing \"v\": invalid syntax");
        pair(run("return redis.redis_get('default', 'k', 'nil')"), null, null);
        pair(run("return redis.redis_get('default', 'k', 'table')"), null,
                "unable to convert string command of type table");
        pair(run("return redis.redis_set('default', 'k', {})"), null, "unable to convert Lua value of type table");
        pair(run("return redis.redis_set('default', 'k', 'v', -1)"), null, "expiration seconds must be >= 0");
    }

    @Test
    void argumentChecksRaiseGopherTexts() {
        assertThatThrownBy(() -> run("return redis.redis_get('default')"))
                .isInstanceOf(LuaError.class)
                .hasMessageContaining("bad argument #2 to redis_get (string expected, got nil)");
        assertThatThrownBy(() -> run("return redis.redis_expire('default', 'k', '5')"))
                .hasMessageContaining("bad argument #3 to redis_expire (number expected, got string)");
        assertThatThrownBy(() -> run("return redis.redis_set('default', 'k')"))
                .hasMessageContaining("bad argument #3 to redis_set (value expected)");
    }

    @Test
    void ttlsExpireOnTheServerClock() {
        pair(run("return redis.redis_set('default', 't', 'v', 10)"), "OK", null);
        try (Jedis j = lua.module.client()) {
            assertThat(j.ttl("t")).isEqualTo(10);
        }
        lua.clock.advance(Duration.ofSeconds(9));
        pair(run("return redis.redis_get('default', 't')"), "v", null);
        lua.clock.advance(Duration.ofSeconds(2));
        pair(run("return redis.redis_get('default', 't')"), null, "redis: nil");

        pair(run("return redis.redis_set('default', 'e', 'v')"), "OK", null);
        pair(run("return redis.redis_expire('default', 'e', 30)"), true, null);
        pair(run("return redis.redis_expire('default', 'missing', 30)"), false, null);
        try (Jedis j = lua.module.client()) {
            assertThat(j.ttl("e")).isEqualTo(30);
        }
    }

    @Test
    void setOptionsTable() {
        run("redis.redis_set('default', 'k', 'old')");
        pair(run("return redis.redis_set('default', 'k', 'new', {nx = true})"), null, null); // redis.Nil -> nil, nil
        pair(run("return redis.redis_set('default', 'x', 'v', {xx = true})"), null, null);
        pair(run("return redis.redis_set('default', 'k', 'new', {get = true, ex = 20})"), "old", null);
        pair(run("return redis.redis_set('default', 'p', 'v', {px = 1500})"), "OK", null);
        pair(run("return redis.redis_set('default', 'fresh', 'v', {get = true})"), null, null);
        run("redis.redis_hset('default', 'hh', 'f', 'v')");
        Varargs wrongType = run("return redis.redis_set('default', 'hh', 'v', {get = true})");
        assertThat(wrongType.arg(2).tojstring()).startsWith("WRONGTYPE");
        pair(run("return redis.redis_set('default', 'k', 'newer', {keepttl = true})"), "OK", null);
        long at = lua.clock.instant().getEpochSecond() + 100;
        pair(run("return redis.redis_set('default', 'a', 'v', {exat = " + at + "})"), "OK", null);
        try (Jedis j = lua.module.client()) {
            assertThat(j.get("k")).isEqualTo("newer");
            assertThat(j.ttl("k")).isEqualTo(20);
            assertThat(j.pttl("p")).isEqualTo(1500);
            assertThat(j.ttl("a")).isEqualTo(100);
            assertThat(j.exists("x")).isFalse();
        }
    }

    @Test
    void keyCommands() {
        pair(run("return redis.redis_incr('default', 'c')"), 1.0, null);
        pair(run("return redis.redis_incr('default', 'c')"), 2.0, null);
        pair(run("return redis.redis_exists('default', 'c')"), 1.0, null);
        pair(run("return redis.redis_rename('default', 'c', 'd')"), "OK", null);
        pair(run("return redis.redis_del('default', 'd')"), 1.0, null);
        pair(run("return redis.redis_del('default', 'd')"), 0.0, null);
        Varargs renamed = run("return redis.redis_rename('default', 'nope', 'd')");
        assertThat(renamed.arg1().isnil()).isTrue();
        assertThat(renamed.arg(2).tojstring()).contains("no such key");
        run("redis.redis_set('default', 's', 'x')");
        Varargs wrong = run("return redis.redis_incr('default', 's')");
        assertThat(wrong.arg1().isnil()).isTrue();
        assertThat(wrong.arg(2).tojstring()).startsWith("ERR value is not an integer");
    }

    @Test
    void mgetMsetKeysScan() {
        pair(run("return redis.redis_mset('default', 'a', 1, 'b', 'two')"), "OK", null);
        pair(run("return redis.redis_mset('default', 'a', 1, 'b')"), null, "invalid number of arguments");
        pair(run("return redis.redis_mset('default', {c = 'three'})"), "OK", null);
        Varargs m = run("local t, err = redis.redis_mget('default', 'a', 'b', 'zz')"
                + " return t.a, t.b, t.zz, err");
        assertThat(m.arg(1).tojstring()).isEqualTo("1");
        assertThat(m.arg(2).tojstring()).isEqualTo("two");
        assertThat(m.arg(3).isnil()).isTrue();
        assertThat(m.arg(4).isnil()).isTrue();
        assertThat(run("local t = redis.redis_mget('default', {'c'}) return t.c").arg1().tojstring()).isEqualTo("three");
        assertThat(strings(run("local t = redis.redis_keys('default', '*') return t").arg1()))
                .containsExactlyInAnyOrder("a", "b", "c");
        Varargs s = run("local r, err = redis.redis_scan('default', 0, 'a*', 100) return r.cursor, r.keys, err");
        assertThat(s.arg(1).todouble()).isEqualTo(0.0);
        assertThat(strings(s.arg(2))).containsExactly("a");
    }

    @Test
    void hashes() {
        pair(run("return redis.redis_hset('default', 'h', 'f1', 'v1', 'f2', 2)"), 2.0, null);
        pair(run("return redis.redis_hset('default', 'h', {f3 = true})"), 1.0, null);
        pair(run("return redis.redis_hset('default', 'h', 'f1')"), null, "invalid number of arguments");
        pair(run("return redis.redis_hget('default', 'h', 'f2', 'number')"), 2.0, null);
        pair(run("return redis.redis_hget('default', 'h', 'f3')"), "1", null);
        pair(run("return redis.redis_hget('default', 'h', 'none')"), null, "redis: nil");
        pair(run("return redis.redis_hlen('default', 'h')"), 3.0, null);
        pair(run("return redis.redis_hexists('default', 'h', 'f1')"), true, null);
        pair(run("return redis.redis_hexists('default', 'h', 'none')"), false, null);
        Varargs all = run("local t = redis.redis_hgetall('default', 'h') return t.f1, t.f2, t.f3");
        assertThat(List.of(all.arg(1).tojstring(), all.arg(2).tojstring(), all.arg(3).tojstring()))
                .containsExactly("v1", "2", "1");
        Varargs mg = run("local t = redis.redis_hmget('default', 'h', 'f1', 'none') return t.f1, t.none");
        assertThat(mg.arg(1).tojstring()).isEqualTo("v1");
        assertThat(mg.arg(2).isnil()).isTrue();
        pair(run("return redis.redis_hincrby('default', 'h', 'f2', 5)"), 7.0, null);
        pair(run("return redis.redis_hincrbyfloat('default', 'h', 'f2', 0.5)"), 7.5, null);
        pair(run("return redis.redis_hdel('default', 'h', 'f1', 'f3')"), 2.0, null);
        pair(run("return redis.redis_hdel('default', 'h', {})"), 0.0, null);
    }

    @Test
    void sortedSets() {
        pair(run("return redis.redis_zadd('default', 'z', {a = 1, b = 2})"), 2.0, null);
        pair(run("return redis.redis_zadd('default', 'z', 'c', 3.5)"), 1.0, null);
        pair(run("return redis.redis_zadd('default', 'z', 'c')"), null, "invalid number of arguments");
        assertThat(strings(run("return redis.redis_zrange('default', 'z', 0, -1)").arg1())).containsExactly("a", "b", "c");
        assertThat(strings(run("return redis.redis_zrevrange('default', 'z', 0, 1)").arg1())).containsExactly("c", "b");
        Varargs ws = run("local r = redis.redis_zrevrange_withscores('default', 'z', 0, 0)"
                + " return #r, r[1].member, r[1].score");
        assertThat(ws.arg(1).toint()).isEqualTo(1);
        assertThat(ws.arg(2).tojstring()).isEqualTo("c");
        assertThat(ws.arg(3).todouble()).isEqualTo(3.5);
        assertThat(strings(run("return redis.redis_zrangebyscore('default', 'z', '1', '+inf', {offset = 1, count = 1})")
                .arg1())).containsExactly("b");
        assertThat(strings(run("return redis.redis_zrangebyscore('default', 'z', '-inf', '2')").arg1()))
                .containsExactly("a", "b");
        pair(run("return redis.redis_zrank('default', 'z', 'b')"), 1.0, null);
        pair(run("return redis.redis_zrevrank('default', 'z', 'b')"), 1.0, null);
        pair(run("return redis.redis_zrank('default', 'z', 'nope')"), null, "redis: nil");
        pair(run("return redis.redis_zscore('default', 'z', 'c')"), 3.5, null);
        pair(run("return redis.redis_zscore('default', 'z', 'nope')"), null, "redis: nil");
        pair(run("return redis.redis_zincrby('default', 'z', 1.5, 'a')"), 2.5, null);
        pair(run("return redis.redis_zcount('default', 'z', '2', '3')"), 2.0, null);
        pair(run("return redis.redis_zremrangebyscore('default', 'z', '3', '4')"), 1.0, null);
        pair(run("return redis.redis_zremrangebyrank('default', 'z', 0, 0)"), 1.0, null);
        pair(run("return redis.redis_zrem('default', 'z', 'a', 'x')"), 1.0, null);
    }

    @Test
    void listsSetsHyperLogLogs() {
        pair(run("return redis.redis_rpush('default', 'l', 'a', 'b')"), 2.0, null);
        pair(run("return redis.redis_lpush('default', 'l', {'z'})"), 3.0, null);
        pair(run("return redis.redis_llen('default', 'l')"), 3.0, null);
        assertThat(strings(run("return redis.redis_lrange('default', 'l', 0, -1)").arg1())).containsExactly("z", "a", "b");
        pair(run("return redis.redis_lpop('default', 'l')"), "z", null);
        pair(run("return redis.redis_rpop('default', 'l')"), "b", null);
        pair(run("return redis.redis_rpop('default', 'empty')"), null, "redis: nil");

        pair(run("return redis.redis_sadd('default', 's', 'a', 'b', 'a')"), 2.0, null);
        pair(run("return redis.redis_sismember('default', 's', 'a')"), true, null);
        pair(run("return redis.redis_sismember('default', 's', 'q')"), false, null);
        pair(run("return redis.redis_sismember('default', 's', {})"), null, "unable to convert Lua value of type table");
        assertThat(strings(run("return redis.redis_smembers('default', 's')").arg1())).containsExactlyInAnyOrder("a", "b");
        pair(run("return redis.redis_srem('default', 's', 'a')"), 1.0, null);
        pair(run("return redis.redis_scard('default', 's')"), 1.0, null);

        pair(run("return redis.redis_pfadd('default', 'h1', 'x', 'y')"), 1.0, null);
        pair(run("return redis.redis_pfadd('default', 'h2', 'y', 'z')"), 1.0, null);
        pair(run("return redis.redis_pfcount('default', 'h1')"), 2.0, null);
        pair(run("return redis.redis_pfmerge('default', 'h3', 'h1', 'h2')"), "OK", null);
        pair(run("return redis.redis_pfcount('default', 'h3')"), 3.0, null);
        pair(run("return redis.redis_pfcount('default')"), null, "at least one key required");
    }

    @Test
    void encryptionIsOffInTestMode() {
        pair(run("return redis.redis_encrypt('default', 'secret')"), "secret", null);
        pair(run("return redis.redis_decrypt('default', 'secret')"), "secret", null);
        Varargs v = run("return redis.redis_is_encryption_enabled('default')");
        assertThat(v.narg()).isEqualTo(1);
        assertThat(v.arg1()).isEqualTo(LuaValue.FALSE);
    }

    @Test
    void scriptsAreNotServedOffline() {
        pair(run("return redis.redis_run_script('default', 'return 1', '', {})"), null, ScriptFunctions.OFFLINE);
        pair(run("return redis.redis_run_script('default', '', 'named', {})"), null, "could not find script with name named");
        pair(run("return redis.redis_upload_script('default', 'return 1', 'named')"), null, ScriptFunctions.OFFLINE);
        assertThat(ScriptFunctions.OFFLINE).contains("EVAL is not supported offline").contains("hint");
    }

    @Test
    void pools() {
        pair(run("return redis.register_redis_pool('p', 'standalone', {address = '10.0.0.1:6379'})"), "OK", null);
        pair(run("return redis.register_redis_pool('p', 'standalone', {})"), null,
                "A redis connection with name 'p' already exists");
        pair(run("return redis.register_redis_pool('q', 'weird', {})"), null, "Unknown mode: weird");
        pair(run("return redis.get_redis_connection('nope')"), null, "No known redis configurtion found with name 'nope'");
        Varargs onPool = run("local h = redis.get_redis_connection('p') return redis.redis_get(h, 'k')");
        assertThat(onPool.arg1().isnil()).isTrue();
        assertThat(onPool.arg(2).tojstring()).contains("not reachable offline").contains("10.0.0.1:6379");
        run("redis.redis_set('default', 'k', 'v')");
        pair(run("local h = redis.get_redis_connection('default') return redis.redis_get(h, 'k')"), "v", null);
        // manager.go getConn: a string other than "default" still means the test client
        pair(run("return redis.redis_get('anything', 'k')"), "v", null);
        // sentinel_replica pools are stored read-only and GetRedisConnection never finds them
        run("redis.register_redis_pool('r', 'sentinel_replica', {})");
        pair(run("return redis.get_redis_connection('r')"), null, "No known redis configurtion found with name 'r'");
    }

    @Test
    void pipelineResults() {
        run("redis.redis_set('default', 'k', 'v') redis.redis_hset('default', 'h', 'f', 'x')");
        Varargs p = run("local r, err = redis.redis_pipeline('default', 'write', {"
                + " {'get', 'missing'}, {'get', 'k'}, {'incr', 'k'}, {'hgetall', 'h'}, {'set', 's', 5, 60},"
                + " {'sadd', 'st', 'm'}, {'sismember', 'st', 'm'}, {'zadd', 'z', 2, 'm'}, {'zscore', 'z', 'm'},"
                + " {'mget', 'k', 'nokey', 's'}, {'ping'} })"
                + " return r, err");
        assertThat(p.arg(2).isnil()).isTrue();
        LuaTable r = (LuaTable) p.arg1();
        assertThat(r.length()).isEqualTo(11);
        assertThat(item(r, 1)).isEqualTo(Map.of("ok", true));
        assertThat(item(r, 2)).isEqualTo(Map.of("ok", true, "value", "v"));
        assertThat(item(r, 3)).containsEntry("ok", false);
        assertThat((String) item(r, 3).get("err")).startsWith("ERR value is not an integer");
        assertThat(r.get(4).get("value").get("f").tojstring()).isEqualTo("x");
        assertThat(item(r, 5)).isEqualTo(Map.of("ok", true, "value", "OK"));
        assertThat(item(r, 6)).isEqualTo(Map.of("ok", true, "value", 1.0));
        assertThat(item(r, 7)).isEqualTo(Map.of("ok", true, "value", true));
        assertThat(item(r, 9)).isEqualTo(Map.of("ok", true, "value", 2.0));
        assertThat(strings(r.get(10).get("value"))).containsExactly("v", "5"); // nil skipped by Append
        assertThat(item(r, 11)).isEqualTo(Map.of("ok", true, "value", "PONG"));
        try (Jedis j = lua.module.client()) {
            assertThat(j.ttl("s")).isEqualTo(60);
        }
    }

    @Test
    void pipelineFirstErrorDecides() {
        run("redis.redis_set('default', 'k', 'v')");
        // go-redis Exec returns the first command error; not redis.Nil -> (nil, err)
        Varargs p = run("return redis.redis_pipeline('default', 'read', {{'incr', 'k'}, {'get', 'k'}})");
        assertThat(p.arg1().isnil()).isTrue();
        assertThat(p.arg(2).tojstring()).startsWith("ERR value is not an integer");
        pair(run("return redis.redis_pipeline('default', 'write', {{'flushall'}})"), null,
                "unsupported pipeline command: flushall");
        pair(run("return redis.redis_pipeline('default', 'write', {'get'})"), null,
                "pipeline command at index 1 must be a table");
        pair(run("return redis.redis_pipeline('default', 'write', {{'set', 'q', 1}, {'run_script', 'return 1'}})"),
                null, ScriptFunctions.OFFLINE);
        try (Jedis j = lua.module.client()) {
            assertThat(j.exists("q")).as("nothing is sent when queueing fails").isFalse();
        }
    }

    @Test
    void seedsInitialDataAndLegacyResponses() {
        lua.close();
        lua = new RedisLua("{\"initial_data\": {"
                + "\"strings\": {\"s\": \"v\"},"
                + "\"hashes\": {\"h\": {\"f\": \"x\"}, \"empty\": {}},"
                + "\"sets\": {\"st\": [\"a\", \"b\"]},"
                + "\"lists\": {\"l\": [\"1\", \"2\"]},"
                + "\"zsets\": {\"z\": [{\"member\": \"m\", \"score\": 1.5}]},"
                + "\"hyperloglogs\": {\"hl\": [\"a\", \"b\", \"c\"]},"
                + "\"ttl_seconds\": {\"s\": 30, \"l\": 0}},"
                + "\"responses\": {\"legacy\": 3, \"flt\": 1.5, \"lh\": {\"n\": 7, \"b\": true, \"arr\": [1, \"x\"]}}}");
        try (Jedis j = lua.module.client()) {
            assertThat(j.get("s")).isEqualTo("v");
            assertThat(j.ttl("s")).isEqualTo(30);
            assertThat(j.exists("l")).as("EXPIRE key 0 deletes").isFalse();
            assertThat(j.hgetAll("h")).isEqualTo(Map.of("f", "x"));
            assertThat(j.exists("empty")).isFalse();
            assertThat(j.smembers("st")).containsExactlyInAnyOrder("a", "b");
            assertThat(j.zscore("z", "m")).isEqualTo(1.5);
            assertThat(j.pfcount("hl")).isEqualTo(3);
            assertThat(j.get("legacy")).isEqualTo("3");
            assertThat(j.get("flt")).isEqualTo("1.5");
            assertThat(j.hgetAll("lh")).isEqualTo(Map.of("n", "7", "b", "true", "arr", "[1 x]"));
        }
    }

    @Test
    void everyCallIsRecordedWithGopherArgumentText() {
        lua.close();
        List<String> seen = new ArrayList<>();
        lua = new RedisLua(RedisLua.parse("{}"), (method, args) -> {
            seen.add(method + "|" + args);
            return null;
        });
        run("redis.redis_set('default', 'k', 12, {ex = 5}) redis.redis_get('default', 'k', 'number')"
                + " redis.redis_hincrbyfloat('default', 'h', 'f', 1.5) redis.redis_exists(nil, 'k', true)");
        assertThat(seen).hasSize(4);
        assertThat(seen.get(0)).matches("redis_set\\|default,k,12,table: 0x[0-9a-f]+");
        assertThat(seen.get(1)).isEqualTo("redis_get|default,k,number");
        assertThat(seen.get(2)).isEqualTo("redis_hincrbyfloat|default,h,f,1.5");
        assertThat(seen.get(3)).isEqualTo("redis_exists|nil,k,true");
    }

    @Test
    void aMismatchRaisesBeforeTheFunctionRuns() {
        lua.close();
        lua = new RedisLua(RedisLua.parse("{}"), (method, args) ->
                method.equals("redis_set") ? "unexpected nauthilus_redis call #1: method=redis_set args=\"" + args + "\"" : null);
        assertThatThrownBy(() -> run("redis.redis_set('default', 'k', 'v')"))
                .isInstanceOf(LuaError.class)
                .hasMessageContaining("unexpected nauthilus_redis call #1: method=redis_set args=\"default,k,v\"");
        pair(run("return redis.redis_get('default', 'k')"), null, "redis: nil");
        Varargs caught = run("return pcall(redis.redis_set, 'default', 'k', 'v')");
        assertThat(caught.arg1().toboolean()).isFalse();
    }

    private static Map<String, Object> item(LuaTable results, int i) {
        LuaTable t = (LuaTable) results.get(i);
        java.util.HashMap<String, Object> m = new java.util.HashMap<>();
        org.dovelua.nauthilus.GoValues.forEach(t, (k, v) -> m.put(k.tojstring(), javaOf(v)));
        return m;
    }

    private static List<String> strings(LuaValue table) {
        List<String> out = new ArrayList<>();
        LuaTable t = (LuaTable) table;
        for (int i = 1; i <= t.length(); i++) {
            out.add(t.get(i).tojstring());
        }
        return out;
    }
}
