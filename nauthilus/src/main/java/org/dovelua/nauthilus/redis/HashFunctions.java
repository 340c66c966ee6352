package org.dovelua.nauthilus.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.GopherArgs;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** Hash commands: server/lualib/redislib/hash.go. */
final class HashFunctions {
    private HashFunctions() {
    }

    static void register(Map<String, RedisFunction> fns, RedisCalls c) {
        fns.put("redis_hget", a -> {
            // hash.go RedisHGet: the optional fourth argument is convert.StringCmd's type
            LuaString hash = a.checkLuaString(2);
            LuaString field = a.checkLuaString(3);
            String type = a.top() == 4 ? a.checkLuaString(4).tojstring() : "string";
            return StringCmdConversion.convert(c.conn(a).send(new RedisCommand("hget").add(hash).add(field)), type);
        });
        fns.put("redis_hset", a -> hset(c, a));
        fns.put("redis_hdel", RedisCalls.writeIntCmd(c, "hdel", RedisCalls::text));
        fns.put("redis_hlen", RedisCalls.keyCmd(c, "hlen", GoRedisCmd.INT));
        fns.put("redis_hgetall", RedisCalls.keyCmd(c, "hgetall", GoRedisCmd.MAP));
        fns.put("redis_hmget", a -> {
            LuaString hash = a.checkLuaString(2);
            List<LuaString> fields = new ArrayList<>();
            if (a.top() == 3 && a.get(3).istable()) {
                GoValues.forEach(a.checkTable(3), (k, v) -> fields.add(LuaValue.valueOf(RedisCalls.text(v))));
            } else {
                for (int i = 3; i <= a.top(); i++) {
                    fields.add(a.checkLuaString(i));
                }
            }
            return KeyFunctions.keyedSlice(c, a, new RedisCommand("hmget").add(hash), fields);
        });
        fns.put("redis_hincrby", a -> {
            RedisCommand cmd = new RedisCommand("hincrby").add(a.checkLuaString(2)).add(a.checkLuaString(3)).add(a.checkInt(4));
            return c.run(a, cmd, GoRedisCmd.INT);
        });
        fns.put("redis_hincrbyfloat", a -> {
            RedisCommand cmd = new RedisCommand("hincrbyfloat").add(a.checkLuaString(2)).add(a.checkLuaString(3))
                    .addFloat(a.checkNumber(4));
            return c.run(a, cmd, GoRedisCmd.FLOAT);
        });
        fns.put("redis_hexists", RedisCalls.twoStringCmd(c, "hexists", GoRedisCmd.BOOL));
    }

    /** hash.go RedisHSet: one table of field/value pairs, or field, value, ... varargs. */
    private static Varargs hset(RedisCalls c, GopherArgs a) {
        LuaString hash = a.checkLuaString(2);
        int top = a.top();
        List<byte[]> values = new ArrayList<>();
        if (top < 3) {
            return RedisResults.error("invalid number of arguments");
        }
        if (top == 3 && a.get(3).istable()) {
            GoValues.forEach(a.checkTable(3), (k, v) -> {
                values.add(GopherArgs.bytes(k));
                values.add(GoRedisArg.valueOrText(v));
            });
        } else {
            if (top < 4 || (top - 2) % 2 != 0) {
                return RedisResults.error("invalid number of arguments");
            }
            for (int i = 3; i <= top; i += 2) {
                LuaString field = a.checkLuaString(i);
                values.add(GopherArgs.bytes(field));
                values.add(GoRedisArg.valueOrText(a.checkAny(i + 1)));
            }
        }
        if (values.isEmpty()) {
            return RedisResults.ok(RedisResults.number(0));
        }
        RedisCommand cmd = new RedisCommand("hset").add(hash);
        values.forEach(cmd::add);
        return c.run(a, cmd, GoRedisCmd.INT);
    }
}
