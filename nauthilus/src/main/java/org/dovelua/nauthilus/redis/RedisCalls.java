package org.dovelua.nauthilus.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.GopherArgs;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * What every command function shares: the handle in argument 1 (redislib/manager.go {@code getConn}:
 * a connection userdata, else the test client) and multi_arg_helpers.go's patterns.
 */
final class RedisCalls {
    private final RedisConnection fallback;

    RedisCalls(RedisConnection fallback) {
        this.fallback = fallback;
    }

    /** manager.go getConn: "default", a non-handle or anything else falls back to the test client. */
    RedisConnection conn(GopherArgs a) {
        LuaValue h = a.get(1);
        if (h.isuserdata() && h.touserdata() instanceof RedisConnection) {
            return (RedisConnection) h.touserdata();
        }
        return fallback;
    }

    Varargs run(GopherArgs a, RedisCommand cmd, GoRedisCmd kind) {
        GoRedisCmd.Outcome o = kind.read(conn(a).send(cmd));
        return o.error() != null ? RedisResults.error(o.error()) : RedisResults.ok(o.value());
    }

    /** executeKeyCmd: {@code CMD key} (key = CheckString(2)). */
    static RedisFunction keyCmd(RedisCalls c, String name, GoRedisCmd kind) {
        return a -> {
            RedisCommand cmd = new RedisCommand(name).add(a.checkLuaString(2));
            return c.run(a, cmd, kind);
        };
    }

    /** executeTwoStringCmd: {@code CMD first second}. */
    static RedisFunction twoStringCmd(RedisCalls c, String name, GoRedisCmd kind) {
        return a -> {
            RedisCommand cmd = new RedisCommand(name).add(a.checkLuaString(2)).add(a.checkLuaString(3));
            return c.run(a, cmd, kind);
        };
    }

    /** executeKeyTwoStringNumberCmd: {@code CMD key first second} as strings. */
    static RedisFunction keyTwoStringCmd(RedisCalls c, String name) {
        return a -> {
            RedisCommand cmd = new RedisCommand(name).add(a.checkLuaString(2)).add(a.checkLuaString(3)).add(a.checkLuaString(4));
            return c.run(a, cmd, GoRedisCmd.INT);
        };
    }

    /** executeKeyIndexRangeNumberCmd / executeRangeStringSliceCmd: {@code CMD key start stop} (CheckInt). */
    static RedisFunction rangeCmd(RedisCalls c, String name, GoRedisCmd kind) {
        return a -> {
            RedisCommand cmd = new RedisCommand(name).add(a.checkLuaString(2)).add(a.checkInt(3)).add(a.checkInt(4));
            return c.run(a, cmd, kind);
        };
    }

    /**
     * executeWriteIntCmd: key plus the values collected from argument 3 on (collectFromStack: one
     * table's values, or the varargs); no values answer 0 without a command.
     */
    static RedisFunction writeIntCmd(RedisCalls c, String name, Function<LuaValue, byte[]> convert) {
        return a -> {
            LuaValue key = a.checkLuaString(2);
            List<byte[]> values = collect(a, 3, convert);
            if (values.isEmpty()) {
                return RedisResults.ok(RedisResults.number(0));
            }
            RedisCommand cmd = new RedisCommand(name).add(key.checkstring());
            values.forEach(cmd::add);
            return c.run(a, cmd, GoRedisCmd.INT);
        };
    }

    /** multi_arg_helpers.go collectFromStack. */
    static List<byte[]> collect(GopherArgs a, int start, Function<LuaValue, byte[]> convert) {
        List<byte[]> values = new ArrayList<>();
        if (a.top() == start && a.get(start).istable()) {
            GoValues.forEach(a.checkTable(start), (k, v) -> values.add(convert.apply(v)));
        } else {
            for (int i = start; i <= a.top(); i++) {
                values.add(convert.apply(a.checkAny(i)));
            }
        }
        return values;
    }

    /** luaValueToString: the value's gopher-lua String(). */
    static byte[] text(LuaValue v) {
        return GopherArgs.bytes(v);
    }

    static void put(Map<String, RedisFunction> fns, String name, RedisFunction fn) {
        fns.put(name, fn);
    }
}
