package org.dovelua.nauthilus.redis;

import org.dovelua.nauthilus.GopherArgs;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * commands.go {@code RedisSet}: {@code redis_set(handle, key, value[, ttl_seconds | options])}, the
 * options table read by {@code parseRedisSetTableOptions} (nx, xx, get, keepttl as true booleans;
 * exat, pxat, ex, px as positive numbers) and written as go-redis string_commands.go {@code SetArgs}
 * orders them: keepttl, exat (pxat becomes seconds, {@code time.Unix()}), ex|px, NX|XX, get.
 */
final class RedisSet {
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long MILLI_NS = 1_000_000L;

    private RedisSet() {
    }

    static Varargs call(RedisCalls c, GopherArgs a) {
        LuaString key = a.checkLuaString(2);
        byte[] value;
        try {
            value = GoRedisArg.value(a.checkAny(3));
        } catch (GoRedisArg.ConversionError e) {
            return RedisResults.error(e.getMessage());
        }
        RedisCommand cmd = new RedisCommand("set").add(key).add(value);
        if (a.top() >= 4) {
            LuaValue opt = a.get(4);
            if (opt.istable()) {
                appendTableOptions(cmd, (LuaTable) opt);
            } else if (opt.type() == LuaValue.TNUMBER) {
                long seconds = a.checkInt(4);
                if (seconds < 0) {
                    return RedisResults.error("expiration seconds must be >= 0");
                }
                appendTtl(cmd, seconds * SECOND_NS); // cmdable.Set: expiration > 0 -> ex/px
            }
        }
        GoRedisCmd.Outcome o = GoRedisCmd.STATUS.read(c.conn(a).send(cmd));
        if (o.isNil()) {
            return RedisResults.ok(LuaValue.NIL); // pushRedisSetResult: redis.Nil -> (nil, nil)
        }
        return o.error() != null ? RedisResults.error(o.error()) : RedisResults.ok(o.value());
    }

    private static void appendTableOptions(RedisCommand cmd, LuaTable t) {
        String mode = null;
        if (trueField(t, "nx")) {
            mode = "NX";
        }
        if (trueField(t, "xx")) {
            mode = "XX";
        }
        boolean get = trueField(t, "get");
        boolean keepTtl = trueField(t, "keepttl");
        Long expireAtSeconds = null;
        long v = positive(t, "exat");
        if (v > 0) {
            expireAtSeconds = v;
        }
        v = positive(t, "pxat");
        if (v > 0) {
            expireAtSeconds = Math.floorDiv(v, 1000L); // time.Unix(0, ms*1e6).Unix()
        }
        long ttlNs = 0;
        v = positive(t, "ex");
        if (v > 0) {
            ttlNs = v * SECOND_NS;
        }
        v = positive(t, "px");
        if (v > 0) {
            ttlNs = v * MILLI_NS;
        }
        if (keepTtl) {
            cmd.add("keepttl");
        }
        if (expireAtSeconds != null) {
            cmd.add("exat").add(expireAtSeconds);
        }
        appendTtl(cmd, ttlNs);
        if (mode != null) {
            cmd.add(mode);
        }
        if (get) {
            cmd.add("get");
        }
    }

    /** go-redis commands.go usePrecise/formatMs/formatSec. */
    private static void appendTtl(RedisCommand cmd, long ns) {
        if (ns <= 0) {
            return;
        }
        if (ns < SECOND_NS || ns % SECOND_NS != 0) {
            cmd.add("px").add(Math.max(1, ns / MILLI_NS));
        } else {
            cmd.add("ex").add(ns / SECOND_NS);
        }
    }

    /** commands.go luaBoolField: only a true boolean counts. */
    private static boolean trueField(LuaTable t, String k) {
        LuaValue v = t.rawget(k);
        return v.type() == LuaValue.TBOOLEAN && v.toboolean();
    }

    /** commands.go luaPositiveIntField: a number field, int64-truncated, > 0; else 0. */
    private static long positive(LuaTable t, String k) {
        LuaValue v = t.rawget(k);
        if (v.type() != LuaValue.TNUMBER) {
            return 0;
        }
        long n = GopherArgs.goInt(v.todouble());
        return n > 0 ? n : 0;
    }
}
