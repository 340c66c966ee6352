package org.dovelua.dict;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import redis.clients.jedis.Jedis;

/**
 * The data of an offline {@code redis:} dictionary (docs/dict-redis.md), YAML or JSON:
 * <pre>
 * passdb/alice: '{"password":"secret"}'   # a string key (what dict lookups read)
 * passdb/h: {hash: {password: x}}         # another type, e.g. to provoke WRONGTYPE
 * </pre>
 * A value is a scalar (the string) or a mapping with exactly one of {@code string},
 * {@code hash} (field: value), {@code list} or {@code set} (sequences of scalars). The keys
 * are database 0's; a document whose only key is {@code db} mapping numbers to such key maps
 * seeds several databases ({@code db: {0: {...}, 2: {...}}}), for URIs with {@code db=}.
 */
public final class RedisSeed {
    /** One Redis value of the seed. */
    public sealed interface Value permits Str, Hash, ListOf, SetOf {
    }

    public record Str(String value) implements Value {
    }

    public record Hash(Map<String, String> fields) implements Value {
    }

    public record ListOf(List<String> items) implements Value {
    }

    public record SetOf(List<String> members) implements Value {
    }

    private final Map<Integer, Map<String, Value>> dbs;

    private RedisSeed(Map<Integer, Map<String, Value>> dbs) {
        this.dbs = dbs;
    }

    /** Database number -> key -> value, databases in ascending order. */
    public Map<Integer, Map<String, Value>> databases() {
        return dbs;
    }

    /** Reads {@code file}; a problem is reported as {@code FILE:LINE: ...}. */
    public static RedisSeed read(Path file) throws RedisSeedException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RedisSeedException(file + ": cannot read redis seed: " + e.getMessage());
        }
        return parse(file.toString(), new java.io.StringReader(text));
    }

    /** Parses seed text; {@code name} names it in errors. */
    public static RedisSeed parse(String name, Reader text) throws RedisSeedException {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(text);
        } catch (YAMLException e) {
            throw new RedisSeedException(name + ": not YAML/JSON: " + e.getMessage());
        }
        Map<Integer, Map<String, Value>> dbs = new TreeMap<>();
        if (root == null) {
            dbs.put(0, Map.of());
            return new RedisSeed(dbs);
        }
        MappingNode map = mapping(name, root, "the seed must be a mapping of keys to values");
        if (isDbSection(map)) {
            MappingNode per = (MappingNode) map.getValue().get(0).getValueNode();
            for (NodeTuple t : per.getValue()) {
                String n = scalar(name, t.getKeyNode(), "database number");
                int db;
                try {
                    db = Integer.parseInt(n);
                } catch (NumberFormatException e) {
                    throw error(name, t.getKeyNode(), "database number expected under 'db', not '" + n + "'");
                }
                if (db < 0 || dbs.containsKey(db)) {
                    throw error(name, t.getKeyNode(), "database " + n + " is negative or given twice");
                }
                dbs.put(db, keys(name, mapping(name, t.getValueNode(), "database " + db + " must be a mapping of keys")));
            }
        } else {
            dbs.put(0, keys(name, map));
        }
        return new RedisSeed(dbs);
    }

    /** {@code db:} as the only key, mapping numbers to mappings: the per-database form. */
    private static boolean isDbSection(MappingNode map) {
        if (map.getValue().size() != 1) {
            return false;
        }
        NodeTuple t = map.getValue().get(0);
        if (!(t.getKeyNode() instanceof ScalarNode k) || !k.getValue().equals("db")
                || !(t.getValueNode() instanceof MappingNode m)) {
            return false;
        }
        // one number among its keys makes it the per-database form (then every key must be one);
        // a typed value of a key named "db" has hash/list/set/string
        return m.getValue().stream().anyMatch(e -> e.getKeyNode() instanceof ScalarNode s
                && s.getValue().matches("-?[0-9]+"));
    }

    private static Map<String, Value> keys(String name, MappingNode map) throws RedisSeedException {
        Map<String, Value> keys = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = scalar(name, t.getKeyNode(), "key");
            if (keys.containsKey(key)) {
                throw error(name, t.getKeyNode(), "key '" + key + "' is given twice");
            }
            keys.put(key, value(name, key, t.getValueNode()));
        }
        return keys;
    }

    private static Value value(String name, String key, Node n) throws RedisSeedException {
        if (n instanceof ScalarNode) {
            return new Str(scalar(name, n, "value of '" + key + "'"));
        }
        MappingNode m = mapping(name, n, "value of '" + key + "' must be a string or {hash|list|set|string: ...}");
        if (m.getValue().size() != 1) {
            throw error(name, n, "value of '" + key + "' must have exactly one of hash, list, set, string");
        }
        NodeTuple t = m.getValue().get(0);
        String type = scalar(name, t.getKeyNode(), "type");
        Node v = t.getValueNode();
        switch (type) {
            case "string":
                return new Str(scalar(name, v, "string of '" + key + "'"));
            case "hash": {
                MappingNode h = mapping(name, v, "hash of '" + key + "' must be a mapping of fields");
                Map<String, String> fields = new LinkedHashMap<>();
                for (NodeTuple f : h.getValue()) {
                    fields.put(scalar(name, f.getKeyNode(), "hash field"), scalar(name, f.getValueNode(), "hash value"));
                }
                if (fields.isEmpty()) {
                    throw error(name, v, "hash of '" + key + "' is empty (Redis holds no empty hash)");
                }
                return new Hash(fields);
            }
            case "list":
            case "set": {
                if (!(v instanceof SequenceNode s) || s.getValue().isEmpty()) {
                    throw error(name, v, type + " of '" + key + "' must be a non-empty sequence of strings");
                }
                List<String> items = new ArrayList<>();
                for (Node i : s.getValue()) {
                    items.add(scalar(name, i, type + " item"));
                }
                return type.equals("list") ? new ListOf(items) : new SetOf(items);
            }
            default:
                throw error(name, t.getKeyNode(), "unknown type '" + type + "' of '" + key
                        + "': expected hash, list, set or string");
        }
    }

    private static MappingNode mapping(String name, Node n, String what) throws RedisSeedException {
        if (n instanceof MappingNode m) {
            return m;
        }
        throw error(name, n, what);
    }

    private static String scalar(String name, Node n, String what) throws RedisSeedException {
        if (n instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return s.getValue();
        }
        throw error(name, n, what + " must be a string");
    }

    private static RedisSeedException error(String name, Node n, String problem) {
        return new RedisSeedException(name + ":" + (n.getStartMark().getLine() + 1) + ": redis seed: " + problem);
    }

    /** Puts the seed into the server {@code jedis} is connected to (which it leaves on db 0). */
    public void applyTo(Jedis jedis) {
        for (Map.Entry<Integer, Map<String, Value>> db : dbs.entrySet()) {
            jedis.select(db.getKey());
            for (Map.Entry<String, Value> e : db.getValue().entrySet()) {
                String k = e.getKey();
                Value v = e.getValue();
                if (v instanceof Str s) {
                    jedis.set(k, s.value());
                } else if (v instanceof Hash h) {
                    jedis.hset(k, h.fields());
                } else if (v instanceof ListOf l) {
                    jedis.rpush(k, l.items().toArray(String[]::new));
                } else if (v instanceof SetOf s) {
                    jedis.sadd(k, s.members().toArray(String[]::new));
                }
            }
        }
        jedis.select(0);
    }
}
