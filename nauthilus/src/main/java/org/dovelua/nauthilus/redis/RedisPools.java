package org.dovelua.nauthilus.redis;

import java.util.HashMap;
import java.util.Map;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * register_redis_pool / get_redis_connection (server/lualib/redislib/pools_common.go). The pool
 * maps live with this module instance (Nauthilus keeps them process-wide). "default" is the test
 * client; a pool a script registers points at a server the run cannot reach, so commands on its
 * handle answer {@link #UNREACHABLE} instead of dialling out.
 */
final class RedisPools {
    static final String UNREACHABLE = "redis pool '%s' (%s) is not reachable offline: dovelua serves only the"
            + " \"default\" pool, seeded from the fixture's redis block; hint: use get_redis_connection(\"default\")"
            + " or pass \"default\" as the handle";

    private final Map<String, RedisConnection> standalone = new HashMap<>();
    private final Map<String, RedisConnection> failover = new HashMap<>(); // failoverPool{name, readOnly}
    private final Map<String, RedisConnection> cluster = new HashMap<>();
    private final RedisConnection fallback;

    RedisPools(RedisConnection fallback) {
        this.fallback = fallback;
    }

    void register(Map<String, RedisFunction> fns) {
        fns.put("register_redis_pool", a -> {
            String name = a.checkLuaString(1).tojstring();
            String mode = a.checkLuaString(2).tojstring();
            LuaValue conf = a.checkTable(3);
            LuaValue address = conf.rawget("address");
            String where = address.type() == LuaValue.TSTRING ? address.tojstring() : "";
            RedisConnection unreachable = cmd -> RedisReply.error(String.format(UNREACHABLE, name, mode + " " + where));
            String exists = "A redis connection with name '" + name + "' already exists";
            switch (mode) {
                case "standalone":
                    if (standalone.containsKey(name)) {
                        return RedisResults.error(exists);
                    }
                    standalone.put(name, unreachable);
                    break;
                case "sentinel":
                case "sentinel_replica":
                    if (failover.containsKey(name + "\0false")) {
                        return RedisResults.error(exists);
                    }
                    failover.put(name + "\0" + mode.equals("sentinel_replica"), unreachable);
                    break;
                case "cluster":
                    if (cluster.containsKey(name)) {
                        return RedisResults.error(exists);
                    }
                    cluster.put(name, unreachable);
                    break;
                default:
                    return RedisResults.error("Unknown mode: " + mode);
            }
            return RedisResults.ok(LuaValue.valueOf("OK"));
        });
        fns.put("get_redis_connection", a -> {
            LuaString name = a.checkLuaString(1);
            String n = name.tojstring();
            RedisConnection conn;
            if (n.equals("default")) {
                conn = fallback;
            } else if (standalone.containsKey(n)) {
                conn = standalone.get(n);
            } else if (failover.containsKey(n + "\0false")) {
                conn = failover.get(n + "\0false"); // GetRedisConnection looks up readOnly=false only
            } else if (cluster.containsKey(n)) {
                conn = cluster.get(n);
            } else {
                return RedisResults.error("No known redis configurtion found with name '" + n + "'");
            }
            return RedisResults.ok(LuaValue.userdataOf(conn));
        });
    }
}
