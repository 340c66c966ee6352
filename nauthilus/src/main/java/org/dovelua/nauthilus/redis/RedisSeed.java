package org.dovelua.nauthilus.redis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dovelua.nauthilus.GoFloat;

/**
 * Seeds the server from a fixture's redis block as server/testing/luatest/redis_miniredis.go
 * {@code seed} does: {@code initial_data} (strings, hashes, sets, lists, zsets, hyperloglogs, then
 * ttl_seconds; empty collections skipped; a TTL at or below 0 is {@code EXPIRE key 0}, which
 * deletes the key), then the legacy {@code responses} map (an object becomes a hash of
 * {@code fmt.Sprint}ed values, anything else a string).
 */
final class RedisSeed {
    private RedisSeed() {
    }

    static void apply(JsonNode block, RedisBackend backend) {
        if (block == null || !block.isObject()) {
            return;
        }
        JsonNode initial = block.path("initial_data");
        if (initial.isObject()) {
            fields(initial.path("strings")).forEach((k, v) ->
                    check(k, backend.send(new RedisCommand("set").add(k).add(v.asText()))));
            fields(initial.path("hashes")).forEach((k, v) -> {
                if (v.size() > 0) {
                    RedisCommand c = new RedisCommand("hset").add(k);
                    fields(v).forEach((f, x) -> c.add(f).add(x.asText()));
                    check(k, backend.send(c));
                }
            });
            seedList(backend, initial.path("sets"), "sadd");
            seedList(backend, initial.path("lists"), "rpush");
            fields(initial.path("zsets")).forEach((k, v) -> {
                if (v.size() > 0) {
                    RedisCommand c = new RedisCommand("zadd").add(k);
                    for (JsonNode m : v) {
                        c.addFloat(m.path("score").asDouble()).add(m.path("member").asText());
                    }
                    check(k, backend.send(c));
                }
            });
            seedList(backend, initial.path("hyperloglogs"), "pfadd");
            // secondsAsDuration: negative -> 0; go-redis formatSec writes the whole seconds
            fields(initial.path("ttl_seconds")).forEach((k, v) ->
                    check(k, backend.send(new RedisCommand("expire").add(k).add(Math.max(0, v.asLong())))));
        }
        fields(block.path("responses")).forEach((k, v) -> {
            if (v.isObject()) {
                if (v.size() > 0) {
                    RedisCommand c = new RedisCommand("hset").add(k);
                    fields(v).forEach((f, x) -> c.add(f).add(sprint(x)));
                    check(k, backend.send(c));
                }
            } else {
                check(k, backend.send(new RedisCommand("set").add(k).add(sprint(v))));
            }
        });
    }

    private static void seedList(RedisBackend backend, JsonNode map, String command) {
        fields(map).forEach((k, v) -> {
            if (v.size() > 0) {
                RedisCommand c = new RedisCommand(command).add(k);
                for (JsonNode e : v) {
                    c.add(e.asText());
                }
                check(k, backend.send(c));
            }
        });
    }

    private static void check(String key, RedisReply r) {
        if (r.error() != null && !r.isNil()) {
            throw new IllegalArgumentException("failed to seed redis key \"" + key + "\": " + r.error());
        }
    }

    private static Map<String, JsonNode> fields(JsonNode n) {
        Map<String, JsonNode> m = new TreeMap<>();
        if (n != null && n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), e.getValue());
            }
        }
        return m;
    }

    /** fmt.Sprint of an encoding/json-decoded value (float64, string, bool, nil, []any, map[string]any). */
    static String sprint(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "<nil>";
        }
        if (v.isNumber()) {
            return GoFloat.sprint(v.asDouble());
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "true" : "false";
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(e -> parts.add(sprint(e)));
            return "[" + String.join(" ", parts) + "]";
        }
        if (v.isObject()) {
            List<String> parts = new ArrayList<>();
            fields(v).forEach((k, e) -> parts.add(k + ":" + sprint(e))); // fmt prints maps key-sorted
            return "map[" + String.join(" ", parts) + "]";
        }
        return v.asText();
    }
}
