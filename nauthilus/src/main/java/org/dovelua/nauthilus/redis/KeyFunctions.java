package org.dovelua.nauthilus.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.GopherArgs;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Key and string commands: server/lualib/redislib/commands.go (ping, get, set, incr, del, rename,
 * expire, exists), strings.go (mget, mset, keys, scan) and security.go (encrypt, decrypt,
 * is_encryption_enabled with test mode's {@code rediscli.NewTestClient} security manager: no
 * secret, plaintext allowed, so both return their input).
 */
final class KeyFunctions {
    private KeyFunctions() {
    }

    static void register(Map<String, RedisFunction> fns, RedisCalls c) {
        fns.put("redis_ping", a -> c.run(a, new RedisCommand("ping"), GoRedisCmd.STATUS));
        fns.put("redis_get", a -> get(c, a));
        fns.put("redis_set", a -> RedisSet.call(c, a));
        fns.put("redis_incr", RedisCalls.keyCmd(c, "incr", GoRedisCmd.INT));
        fns.put("redis_del", RedisCalls.keyCmd(c, "del", GoRedisCmd.INT));
        fns.put("redis_rename", RedisCalls.twoStringCmd(c, "rename", GoRedisCmd.STATUS));
        fns.put("redis_expire", a -> {
            // multi_arg_helpers.go executeExpireCmd; go-redis formatSec(seconds * time.Second)
            RedisCommand cmd = new RedisCommand("expire").add(a.checkLuaString(2)).add(a.checkInt(3));
            return c.run(a, cmd, GoRedisCmd.BOOL);
        });
        fns.put("redis_exists", RedisCalls.keyCmd(c, "exists", GoRedisCmd.INT));
        fns.put("redis_encrypt", KeyFunctions::identityTransform);
        fns.put("redis_decrypt", KeyFunctions::identityTransform);
        fns.put("redis_is_encryption_enabled", a -> {
            a.checkAny(1);
            return LuaValue.FALSE; // security.go: one value, IsEncryptionEnabled() of an empty secret
        });
        fns.put("redis_mget", a -> mget(c, a));
        fns.put("redis_mset", a -> mset(c, a));
        fns.put("redis_keys", RedisCalls.keyCmd(c, "keys", GoRedisCmd.STRING_SLICE));
        fns.put("redis_scan", a -> {
            long cursor = GopherArgs.goInt(a.checkNumber(2));
            LuaString match = a.optLuaString(3, "*");
            long count = GopherArgs.goInt(a.optNumber(4, 10));
            RedisCommand cmd = new RedisCommand("scan").add(Long.toUnsignedString(cursor));
            if (match.length() > 0) {
                cmd.add("match").add(match);
            }
            if (count > 0) {
                cmd.add("count").add(count);
            }
            return c.run(a, cmd, GoRedisCmd.SCAN);
        });
    }

    /** security.go executeSecurityString: CheckAny(1), CheckString(2); Encrypt/Decrypt pass through. */
    private static Varargs identityTransform(GopherArgs a) {
        a.checkAny(1);
        return RedisResults.ok(a.checkLuaString(2));
    }

    /** commands.go RedisGet: the optional third argument names the type convert.StringCmd yields. */
    static Varargs get(RedisCalls c, GopherArgs a) {
        LuaString key = a.checkLuaString(2);
        String type = a.top() == 3 ? a.checkLuaString(3).tojstring() : "string";
        return StringCmdConversion.convert(c.conn(a).send(new RedisCommand("get").add(key)), type);
    }

    /** strings.go RedisMGet: a table keyed by the keys; missing keys stay absent. */
    private static Varargs mget(RedisCalls c, GopherArgs a) {
        List<LuaString> keys = new ArrayList<>();
        if (a.top() == 2 && a.get(2).istable()) {
            GoValues.forEach(a.checkTable(2), (k, v) -> keys.add(LuaValue.valueOf(RedisCalls.text(v))));
        } else {
            for (int i = 2; i <= a.top(); i++) {
                keys.add(a.checkLuaString(i));
            }
        }
        return keyedSlice(c, a, new RedisCommand("mget"), keys);
    }

    /** strings.go / hash.go: MGET and HMGET results keyed by what was asked for. */
    static Varargs keyedSlice(RedisCalls c, GopherArgs a, RedisCommand cmd, List<LuaString> names) {
        if (names.isEmpty()) {
            return RedisResults.ok(new LuaTable());
        }
        names.forEach(cmd::add);
        RedisReply r = c.conn(a).send(cmd);
        if (r.error() != null) {
            return RedisResults.error(r.error());
        }
        LuaTable result = new LuaTable();
        List<Object> values = r.list();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
                result.rawset(names.get(i), RedisReply.luaString(values.get(i)));
            }
        }
        return RedisResults.ok(result);
    }

    /** strings.go RedisMSet. */
    private static Varargs mset(RedisCalls c, GopherArgs a) {
        List<byte[]> kv = new ArrayList<>();
        if (a.top() == 2 && a.get(2).istable()) {
            GoValues.forEach(a.checkTable(2), (k, v) -> {
                kv.add(GoRedisArg.valueOrText(k));
                kv.add(GoRedisArg.valueOrText(v));
            });
        } else {
            if (a.top() < 3 || (a.top() - 1) % 2 != 0) {
                return RedisResults.error("invalid number of arguments");
            }
            for (int i = 2; i <= a.top(); i++) {
                kv.add(GoRedisArg.valueOrText(a.checkAny(i)));
            }
        }
        if (kv.isEmpty()) {
            return RedisResults.ok(LuaValue.valueOf("OK"));
        }
        RedisCommand cmd = new RedisCommand("mset");
        kv.forEach(cmd::add);
        return c.run(a, cmd, GoRedisCmd.STATUS);
    }
}
