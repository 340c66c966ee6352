package org.dovelua.nauthilus.redis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.GopherArgs;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** Sorted-set commands: server/lualib/redislib/zset.go. */
final class SortedSetFunctions {
    private SortedSetFunctions() {
    }

    private record Z(byte[] member, double score) {
    }

    static void register(Map<String, RedisFunction> fns, RedisCalls c) {
        fns.put("redis_zadd", a -> zadd(c, a));
        fns.put("redis_zrem", RedisCalls.writeIntCmd(c, "zrem", GoRedisArg::valueOrText));
        fns.put("redis_zrank", RedisCalls.twoStringCmd(c, "zrank", GoRedisCmd.INT));
        fns.put("redis_zrange", RedisCalls.rangeCmd(c, "zrange", GoRedisCmd.STRING_SLICE));
        fns.put("redis_zrevrange", RedisCalls.rangeCmd(c, "zrevrange", GoRedisCmd.STRING_SLICE));
        fns.put("redis_zrevrange_withscores", a -> {
            RedisCommand cmd = new RedisCommand("zrevrange").add(a.checkLuaString(2)).add(a.checkInt(3))
                    .add(a.checkInt(4)).add("withscores");
            return c.run(a, cmd, GoRedisCmd.ZSLICE);
        });
        fns.put("redis_zrangebyscore", a -> zrangebyscore(c, a));
        fns.put("redis_zremrangebyscore", RedisCalls.keyTwoStringCmd(c, "zremrangebyscore"));
        fns.put("redis_zremrangebyrank", RedisCalls.rangeCmd(c, "zremrangebyrank", GoRedisCmd.INT));
        fns.put("redis_zcount", RedisCalls.keyTwoStringCmd(c, "zcount"));
        fns.put("redis_zscore", RedisCalls.twoStringCmd(c, "zscore", GoRedisCmd.FLOAT));
        fns.put("redis_zrevrank", RedisCalls.twoStringCmd(c, "zrevrank", GoRedisCmd.INT));
        fns.put("redis_zincrby", a -> {
            LuaString key = a.checkLuaString(2);
            double incr = a.checkNumber(3);
            LuaString member = a.checkLuaString(4);
            return c.run(a, new RedisCommand("zincrby").add(key).addFloat(incr).add(member), GoRedisCmd.FLOAT);
        });
    }

    /** zset.go RedisZAdd: {member = score} table or member, score varargs; sorted by member. */
    private static Varargs zadd(RedisCalls c, GopherArgs a) {
        LuaString key = a.checkLuaString(2);
        int top = a.top();
        List<Z> zs = new ArrayList<>();
        if (top == 3 && a.get(3).istable()) {
            // parseLuaTableToRedisZSet: key.String() is the member, LVAsNumber(value) the score
            GoValues.forEach(a.checkTable(3), (k, v) -> zs.add(new Z(GopherArgs.bytes(k), asNumber(v))));
        } else {
            if (top < 4 || (top - 2) % 2 != 0) {
                return RedisResults.error("invalid number of arguments");
            }
            for (int i = 3; i <= top; i += 2) {
                byte[] member = GopherArgs.bytes(a.checkLuaString(i));
                zs.add(new Z(member, a.checkNumber(i + 1)));
            }
        }
        zs.sort(Comparator.comparing(Z::member, Arrays::compareUnsigned)); // Go string order: bytes
        RedisCommand cmd = new RedisCommand("zadd").add(key);
        for (Z z : zs) {
            cmd.addFloat(z.score()).add(z.member()); // go-redis ZAddArgs: score, member
        }
        return c.run(a, cmd, GoRedisCmd.INT);
    }

    /** gopher-lua LVAsNumber: numbers, numeric strings, else 0. */
    static double asNumber(LuaValue v) {
        if (v.type() == LuaValue.TNUMBER) {
            return v.todouble();
        }
        if (v.type() == LuaValue.TSTRING) {
            LuaValue n = v.tonumber();
            return n.isnil() ? 0 : n.todouble();
        }
        return 0;
    }

    /** zset.go RedisZRangeByScore: offset/count as a table or as arguments 5 and 6. */
    private static Varargs zrangebyscore(RedisCalls c, GopherArgs a) {
        LuaString key = a.checkLuaString(2);
        LuaString min = a.checkLuaString(3);
        LuaString max = a.checkLuaString(4);
        long offset = 0;
        long count = 0;
        if (a.top() >= 5 && !a.get(5).isnil()) {
            if (a.get(5).istable()) {
                LuaTable t = (LuaTable) a.get(5);
                if (t.rawget("offset").type() == LuaValue.TNUMBER) {
                    offset = GopherArgs.goInt(t.rawget("offset").todouble());
                }
                if (t.rawget("count").type() == LuaValue.TNUMBER) {
                    count = GopherArgs.goInt(t.rawget("count").todouble());
                }
            } else {
                offset = a.checkInt(5);
                if (a.top() >= 6) {
                    count = a.checkInt(6);
                }
            }
        }
        return c.run(a, rangeByScore(key, min, max, offset, count), GoRedisCmd.STRING_SLICE);
    }

    /** go-redis sortedset_commands.go zRangeBy: {@code limit offset count} only when one is set. */
    static RedisCommand rangeByScore(byte[] key, byte[] min, byte[] max, long offset, long count) {
        RedisCommand cmd = new RedisCommand("zrangebyscore").add(key).add(min).add(max);
        if (offset != 0 || count != 0) {
            cmd.add("limit").add(offset).add(count);
        }
        return cmd;
    }

    private static RedisCommand rangeByScore(LuaString key, LuaString min, LuaString max, long offset, long count) {
        return rangeByScore(GopherArgs.bytes(key), GopherArgs.bytes(min), GopherArgs.bytes(max), offset, count);
    }
}
