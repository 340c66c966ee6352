package org.dovelua.nauthilus.mock;

import static org.dovelua.nauthilus.mock.MockFunctions.checkAny;
import static org.dovelua.nauthilus.mock.MockFunctions.define;
import static org.dovelua.nauthilus.mock.MockFunctions.recordIgnoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * {@code nauthilus_cache} of test mode (mocks.go {@code LoaderModCacheMock}): a map seeded from the
 * fixture's {@code cache.entries}, values stored as Go values ({@link GoValues}); argument text the
 * key. Mismatches are ignored at call time. {@code cache_keys} lists keys in insertion order (Go's map
 * order is random).
 */
public final class CacheMock extends TwoArgFunction {
    private final ModuleCalls calls;
    private final Map<String, Object> cache = new LinkedHashMap<>();

    public CacheMock(JsonNode block, ModuleCalls calls) {
        this.calls = calls;
        block.path("entries").fields().forEachRemaining(e -> cache.put(e.getKey(), jsonToGo(e.getValue())));
    }

    /** encoding/json into interface{}: numbers float64, objects map[string]any, arrays []any. */
    static Object jsonToGo(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(jsonToGo(x)));
            return l;
        }
        Map<Object, Object> m = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), jsonToGo(e.getValue())));
        return m;
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable m = new LuaTable();
        define(m, "cache_set", args -> {
            String key = args.checkjstring(1);
            Object value = GoValues.fromLua(checkAny(args, 2));
            recordIgnoring(calls, "cache_set", key);
            cache.put(key, value);
            return NONE;
        });
        define(m, "cache_get", args -> {
            String key = args.checkjstring(1);
            recordIgnoring(calls, "cache_get", key);
            return GoValues.toLua(cache.get(key));
        });
        define(m, "cache_delete", args -> {
            String key = args.checkjstring(1);
            recordIgnoring(calls, "cache_delete", key);
            boolean existed = cache.containsKey(key);
            cache.remove(key);
            return LuaValue.valueOf(existed);
        });
        define(m, "cache_exists", args -> {
            String key = args.checkjstring(1);
            recordIgnoring(calls, "cache_exists", key);
            return LuaValue.valueOf(cache.containsKey(key));
        });
        define(m, "cache_update", args -> { // the updater's error comes back as (nil, err)
            String key = args.checkjstring(1);
            LuaFunction updater = args.checkfunction(2);
            recordIgnoring(calls, "cache_update", key);
            LuaValue next;
            try {
                next = updater.call(GoValues.toLua(cache.get(key)));
            } catch (LuaError e) {
                return varargsOf(NIL, LuaValue.valueOf(OpenTelemetryMock.text(e)));
            }
            cache.put(key, GoValues.fromLua(next));
            return varargsOf(next, NIL);
        });
        define(m, "cache_keys", args -> {
            recordIgnoring(calls, "cache_keys", "");
            LuaTable keys = new LuaTable();
            int i = 1;
            for (String k : cache.keySet()) {
                keys.rawset(i++, LuaValue.valueOf(k));
            }
            return keys;
        });
        define(m, "cache_size", args -> {
            recordIgnoring(calls, "cache_size", "");
            return LuaValue.valueOf((double) cache.size());
        });
        define(m, "cache_flush", args -> {
            recordIgnoring(calls, "cache_flush", "");
            cache.clear();
            return NONE;
        });
        define(m, "cache_push", args -> { // appendCacheValue: a scalar entry becomes a list
            String key = args.checkjstring(1);
            Object value = GoValues.fromLua(checkAny(args, 2));
            recordIgnoring(calls, "cache_push", key);
            Object current = cache.get(key);
            List<Object> list;
            if (current == null) {
                list = new ArrayList<>();
            } else if (current instanceof List<?> l) {
                list = new ArrayList<>(l);
            } else {
                list = new ArrayList<>();
                list.add(current);
            }
            list.add(value);
            cache.put(key, list);
            return LuaValue.valueOf((double) list.size());
        });
        define(m, "cache_pop_all", args -> {
            String key = args.checkjstring(1);
            recordIgnoring(calls, "cache_pop_all", key);
            boolean present = cache.containsKey(key);
            Object current = cache.remove(key);
            LuaTable result = new LuaTable();
            if (!present) {
                return result;
            }
            if (current instanceof List<?> l) {
                int i = 1;
                for (Object v : l) {
                    result.rawset(i++, GoValues.toLua(v));
                }
            } else {
                result.rawset(1, GoValues.toLua(current));
            }
            return result;
        });
        return m;
    }
}
