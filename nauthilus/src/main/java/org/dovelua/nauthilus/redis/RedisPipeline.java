package org.dovelua.nauthilus.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.GopherArgs;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code redis_pipeline(handle, "read"|"write", {{cmd, args...}, ...})}: server/lualib/redislib/
 * pipeline.go. Rows are queued by {@code pipelineCommandHandlers} (each reading its fields with
 * {@code RawGetInt(i).String()} / {@code LVAsNumber}), then executed; go-redis's {@code Exec}
 * returns the first command error ({@code cmdsFirstErr}), and {@code RedisPipeline} answers
 * (nil, err) unless that error is {@code redis: nil}; otherwise each row becomes
 * {@code {ok=true, value=...}} or {@code {ok=false, err=...}} ({@code resultItem}).
 */
final class RedisPipeline {
    private record Queued(RedisCommand command, GoRedisCmd kind) {
    }

    /** A row that cannot be queued: (nil, message) and nothing is sent. */
    private static final class QueueError extends Exception {
        QueueError(String message) {
            super(message, null, false, false);
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        Queued queue(LuaTable row) throws QueueError;
    }

    private static final Map<String, RowHandler> HANDLERS = new HashMap<>();

    static {
        HANDLERS.put("set", row -> {
            RedisCommand c = new RedisCommand("set").add(s(row, 2)).add(GoRedisArg.valueOrEmpty(row.rawget(3)));
            LuaValue exp = row.rawget(4);
            if (!exp.isnil()) {
                // time.Duration(LVAsNumber(v)) * time.Second, then cmdable.Set: ex/px when > 0
                long seconds = GopherArgs.goInt(SortedSetFunctions.asNumber(exp));
                if (seconds > 0) {
                    c.add("ex").add(seconds);
                }
            }
            return q(c, GoRedisCmd.STATUS);
        });
        HANDLERS.put("ping", row -> q(new RedisCommand("ping"), GoRedisCmd.STATUS));
        HANDLERS.put("incr", row -> key("incr", row, GoRedisCmd.INT));
        HANDLERS.put("get", row -> key("get", row, GoRedisCmd.STRING));
        HANDLERS.put("del", row -> key("del", row, GoRedisCmd.INT));
        HANDLERS.put("expire", row -> q(new RedisCommand("expire").add(s(row, 2)).add(n(row, 3)), GoRedisCmd.BOOL));
        HANDLERS.put("hget", row -> two("hget", row, GoRedisCmd.STRING));
        HANDLERS.put("hset", row -> q(new RedisCommand("hset").add(s(row, 2)).add(s(row, 3))
                .add(GoRedisArg.valueOrEmpty(row.rawget(4))), GoRedisCmd.INT));
        HANDLERS.put("hmget", row -> rest(new RedisCommand("hmget").add(s(row, 2)), row, 3, true, GoRedisCmd.SLICE));
        HANDLERS.put("hgetall", row -> key("hgetall", row, GoRedisCmd.MAP));
        HANDLERS.put("hexists", row -> two("hexists", row, GoRedisCmd.BOOL));
        HANDLERS.put("hincrby", row -> q(new RedisCommand("hincrby").add(s(row, 2)).add(s(row, 3)).add(n(row, 4)),
                GoRedisCmd.INT));
        HANDLERS.put("sadd", row -> two("sadd", row, GoRedisCmd.INT));
        HANDLERS.put("sismember", row -> two("sismember", row, GoRedisCmd.BOOL));
        HANDLERS.put("smembers", row -> key("smembers", row, GoRedisCmd.STRING_SLICE));
        HANDLERS.put("zadd", row -> q(new RedisCommand("zadd").add(s(row, 2))
                .addFloat(SortedSetFunctions.asNumber(row.rawget(3))).add(s(row, 4)), GoRedisCmd.INT));
        HANDLERS.put("zrem", row -> two("zrem", row, GoRedisCmd.INT));
        HANDLERS.put("zremrangebyscore", row -> three("zremrangebyscore", row));
        HANDLERS.put("zremrangebyrank", row -> q(new RedisCommand("zremrangebyrank").add(s(row, 2)).add(n(row, 3))
                .add(n(row, 4)), GoRedisCmd.INT));
        HANDLERS.put("zcount", row -> three("zcount", row));
        HANDLERS.put("zscore", row -> two("zscore", row, GoRedisCmd.FLOAT));
        HANDLERS.put("zincrby", row -> q(new RedisCommand("zincrby").add(s(row, 2))
                .addFloat(SortedSetFunctions.asNumber(row.rawget(3))).add(s(row, 4)), GoRedisCmd.FLOAT));
        HANDLERS.put("exists", row -> key("exists", row, GoRedisCmd.INT));
        HANDLERS.put("hdel", row -> rest(new RedisCommand("hdel").add(s(row, 2)), row, 3, true, GoRedisCmd.INT));
        HANDLERS.put("hlen", row -> key("hlen", row, GoRedisCmd.INT));
        HANDLERS.put("hincrbyfloat", row -> q(new RedisCommand("hincrbyfloat").add(s(row, 2)).add(s(row, 3))
                .addFloat(SortedSetFunctions.asNumber(row.rawget(4))), GoRedisCmd.FLOAT));
        HANDLERS.put("rename", row -> two("rename", row, GoRedisCmd.STATUS));
        HANDLERS.put("srem", row -> rest(new RedisCommand("srem").add(s(row, 2)), row, 3, false, GoRedisCmd.INT));
        HANDLERS.put("scard", row -> key("scard", row, GoRedisCmd.INT));
        HANDLERS.put("zrank", row -> two("zrank", row, GoRedisCmd.INT));
        HANDLERS.put("zrevrank", row -> two("zrevrank", row, GoRedisCmd.INT));
        HANDLERS.put("zrange", row -> range("zrange", row, GoRedisCmd.STRING_SLICE));
        HANDLERS.put("zrevrange", row -> range("zrevrange", row, GoRedisCmd.STRING_SLICE));
        HANDLERS.put("zrangebyscore", row -> {
            long offset = 0;
            long count = 0;
            if (row.rawget(5).istable()) {
                LuaTable opts = (LuaTable) row.rawget(5);
                if (!opts.rawget("offset").isnil()) {
                    offset = GopherArgs.goInt(SortedSetFunctions.asNumber(opts.rawget("offset")));
                }
                if (!opts.rawget("count").isnil()) {
                    count = GopherArgs.goInt(SortedSetFunctions.asNumber(opts.rawget("count")));
                }
            }
            return q(SortedSetFunctions.rangeByScore(s(row, 2), s(row, 3), s(row, 4), offset, count),
                    GoRedisCmd.STRING_SLICE);
        });
        HANDLERS.put("lpush", row -> rest(new RedisCommand("lpush").add(s(row, 2)), row, 3, true, GoRedisCmd.INT));
        HANDLERS.put("rpush", row -> rest(new RedisCommand("rpush").add(s(row, 2)), row, 3, true, GoRedisCmd.INT));
        HANDLERS.put("lpop", row -> key("lpop", row, GoRedisCmd.STRING));
        HANDLERS.put("rpop", row -> key("rpop", row, GoRedisCmd.STRING));
        HANDLERS.put("lrange", row -> range("lrange", row, GoRedisCmd.STRING_SLICE));
        HANDLERS.put("llen", row -> key("llen", row, GoRedisCmd.INT));
        HANDLERS.put("mget", row -> rest(new RedisCommand("mget"), row, 2, false, GoRedisCmd.SLICE));
        HANDLERS.put("mset", row -> rest(new RedisCommand("mset"), row, 2, false, GoRedisCmd.STATUS));
        HANDLERS.put("keys", row -> key("keys", row, GoRedisCmd.STRING_SLICE));
        HANDLERS.put("scan", row -> {
            long cursor = GopherArgs.goInt(SortedSetFunctions.asNumber(row.rawget(2)));
            String match = row.rawget(3).isnil() ? "*" : GopherArgs.text(row.rawget(3));
            long count = row.rawget(4).isnil() ? 10 : GopherArgs.goInt(SortedSetFunctions.asNumber(row.rawget(4)));
            RedisCommand c = new RedisCommand("scan").add(Long.toUnsignedString(cursor));
            if (!match.isEmpty()) {
                c.add("match").add(match);
            }
            if (count > 0) {
                c.add("count").add(count);
            }
            return q(c, GoRedisCmd.SCAN);
        });
        HANDLERS.put("pfadd", row -> rest(new RedisCommand("pfadd").add(s(row, 2)), row, 3, false, GoRedisCmd.INT));
        HANDLERS.put("pfcount", row -> rest(new RedisCommand("pfcount"), row, 2, false, GoRedisCmd.INT));
        HANDLERS.put("pfmerge", row -> rest(new RedisCommand("pfmerge").add(s(row, 2)), row, 3, false,
                GoRedisCmd.STATUS));
        HANDLERS.put("run_script", row -> {
            // queueRunScript -> evaluateRedisScript's error aborts the whole pipeline
            LuaValue name = row.rawget(3);
            throw new QueueError(ScriptFunctions.scriptError(name.isnil() ? "" : GopherArgs.text(name)));
        });
    }

    private RedisPipeline() {
    }

    static void register(Map<String, RedisFunction> fns, RedisCalls c) {
        fns.put("redis_pipeline", a -> call(c, a));
    }

    private static Varargs call(RedisCalls c, GopherArgs a) {
        a.checkLuaString(2); // mode: "read" picks the read handle; the test client serves both
        LuaTable cmds = a.checkTable(3);
        List<Queued> queued = new ArrayList<>();
        for (int idx = 1; ; idx++) {
            LuaValue row = cmds.rawget(idx);
            if (row.isnil()) {
                break;
            }
            if (!row.istable()) {
                return RedisResults.error("pipeline command at index " + idx + " must be a table");
            }
            String name = GopherArgs.text(row.rawget(1));
            RowHandler h = HANDLERS.get(name);
            if (h == null) {
                return RedisResults.error("unsupported pipeline command: " + name);
            }
            try {
                queued.add(h.queue((LuaTable) row));
            } catch (QueueError e) {
                return RedisResults.error(e.getMessage());
            }
        }
        RedisConnection conn = c.conn(a);
        List<GoRedisCmd.Outcome> outcomes = new ArrayList<>();
        String firstError = null;
        for (Queued qd : queued) {
            GoRedisCmd.Outcome o = qd.kind().read(conn.send(qd.command()));
            outcomes.add(o);
            if (firstError == null && o.error() != null) {
                firstError = o.error();
            }
        }
        if (firstError != null && !RedisReply.NIL_TEXT.equals(firstError)) {
            return RedisResults.error(firstError);
        }
        LuaTable result = new LuaTable();
        int i = 1;
        for (GoRedisCmd.Outcome o : outcomes) {
            LuaTable item = new LuaTable();
            if (o.error() != null && !o.isNil()) {
                item.rawset("ok", LuaValue.FALSE);
                item.rawset("err", LuaValue.valueOf(o.error()));
            } else {
                item.rawset("ok", LuaValue.TRUE);
                if (!o.isNil()) {
                    item.rawset("value", o.value());
                }
            }
            result.rawset(i++, item);
        }
        return RedisResults.ok(result);
    }

    private static Queued q(RedisCommand c, GoRedisCmd kind) {
        return new Queued(c, kind);
    }

    /** {@code row[i].String()}. */
    private static byte[] s(LuaTable row, int i) {
        return GopherArgs.bytes(row.rawget(i));
    }

    /** {@code int64(lua.LVAsNumber(row[i]))}. */
    private static long n(LuaTable row, int i) {
        return GopherArgs.goInt(SortedSetFunctions.asNumber(row.rawget(i)));
    }

    private static Queued key(String name, LuaTable row, GoRedisCmd kind) {
        return q(new RedisCommand(name).add(s(row, 2)), kind);
    }

    private static Queued two(String name, LuaTable row, GoRedisCmd kind) {
        return q(new RedisCommand(name).add(s(row, 2)).add(s(row, 3)), kind);
    }

    private static Queued three(String name, LuaTable row) {
        return q(new RedisCommand(name).add(s(row, 2)).add(s(row, 3)).add(s(row, 4)), GoRedisCmd.INT);
    }

    private static Queued range(String name, LuaTable row, GoRedisCmd kind) {
        return q(new RedisCommand(name).add(s(row, 2)).add(n(row, 3)).add(n(row, 4)), kind);
    }

    /**
     * pipelineStringArgs(OrDefault): row[start], row[start+1], ... until nil, a table's values
     * spliced in; with {@code orEmpty} no values send one empty string.
     */
    private static Queued rest(RedisCommand c, LuaTable row, int start, boolean orEmpty, GoRedisCmd kind) {
        int added = 0;
        for (int i = start; ; i++) {
            LuaValue v = row.rawget(i);
            if (v.isnil()) {
                break;
            }
            if (v.istable()) {
                List<byte[]> items = new ArrayList<>();
                GoValues.forEach((LuaTable) v, (k, x) -> items.add(GopherArgs.bytes(x)));
                items.forEach(c::add);
                added += items.size();
            } else {
                c.add(GopherArgs.bytes(v));
                added++;
            }
        }
        if (added == 0 && orEmpty) {
            c.add(new byte[0]);
        }
        return q(c, kind);
    }
}
