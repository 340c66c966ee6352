package org.dovelua.nauthilus.redis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dovelua.nauthilus.ModuleCalls;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.Tuple;

/**
 * Every key of a run's Redis with its type and value, read after the run (a dovelua addition for
 * the YAML cases' {@code redis:} check): strings as text, hashes field -> value, lists in order,
 * sets sorted, sorted sets member -> score in score order.
 */
public final class RedisContents {
    /** One key's type ({@code TYPE}: string, hash, list, set, zset) and value. */
    public record Value(String type, Object value) {
    }

    private RedisContents() {
    }

    /** The contents of the server {@code redis} runs on. */
    public static Map<String, Value> of(NauthilusRedis redis) {
        try (Jedis j = redis.client()) {
            return read(j);
        }
    }

    /** What a run that never required nauthilus_redis leaves: the fixture's seed, unchanged. */
    public static Map<String, Value> seededBy(JsonNode block) {
        try (NauthilusRedis r = new NauthilusRedis(block, ModuleCalls.NONE)) {
            return of(r);
        }
    }

    private static Map<String, Value> read(Jedis j) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (String key : new TreeSet<>(j.keys("*"))) {
            String type = j.type(key);
            Object v = switch (type) {
                case "string" -> j.get(key);
                case "hash" -> new TreeMap<>(j.hgetAll(key));
                case "list" -> j.lrange(key, 0, -1);
                case "set" -> new ArrayList<>(new TreeSet<>(j.smembers(key)));
                case "zset" -> zset(j.zrangeWithScores(key, 0, -1));
                default -> "(a " + type + ")";
            };
            out.put(key, new Value(type, v));
        }
        return out;
    }

    private static Map<String, Double> zset(List<Tuple> tuples) {
        Map<String, Double> out = new LinkedHashMap<>();
        tuples.forEach(t -> out.put(t.getElement(), t.getScore()));
        return out;
    }
}
