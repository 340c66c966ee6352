package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * {@code nauthilus_soft_whitelist} in test mode (mocks.go LoaderModSoftWhitelistMock): an in-
 * memory list per {@code environment:username}, seeded from the block's {@code entries};
 * expected_calls args are {@code username:environment}.
 */
public final class SoftWhitelistMock extends MockModule {
    private final Map<String, List<String>> entries = new HashMap<>();

    public SoftWhitelistMock(JsonNode block, ModuleCalls calls) {
        super(block, calls);
        JsonNode seed = FixtureBlock.field(block, "entries");
        if (seed != null && seed.isObject()) {
            seed.fields().forEachRemaining(e -> {
                List<String> values = FixtureBlock.stringList(e.getValue());
                entries.put(e.getKey(), values == null ? null : new ArrayList<>(values));
            });
        }
    }

    @Override
    void define(LuaTable mod) {
        // softWhitelistSetMock: append the network
        mod.set("soft_whitelist_set", mutation("soft_whitelist_set", (current, network) -> {
            List<String> next = current == null ? new ArrayList<>() : current;
            next.add(network);
            return next;
        }));
        // softWhitelistGetMock: the list, nil; mismatch -> {}, err
        mod.set("soft_whitelist_get", fn("soft_whitelist_get", a -> {
            String username = a.checkString(1);
            String environment = a.checkString(2);
            String err = record("soft_whitelist_get", username + ":" + environment);
            if (err != null) {
                return LuaValue.varargsOf(new LuaTable(), str(err));
            }
            return valueAndNil(GoValues.stringList(entries.get(key(environment, username))));
        }));
        // softWhitelistDeleteMock: removeString drops every equal entry
        mod.set("soft_whitelist_delete", mutation("soft_whitelist_delete", (current, network) -> {
            List<String> next = new ArrayList<>();
            if (current != null) {
                current.stream().filter(v -> !v.equals(network)).forEach(next::add);
            }
            return next;
        }));
    }

    /** mocks.go softWhitelistMutationMock: (username, network, environment) -> "OK", nil; mismatch -> "", err. */
    private LuaValue mutation(String name, BiFunction<List<String>, String, List<String>> mutate) {
        return fn(name, a -> {
            String username = a.checkString(1);
            String network = a.checkString(2);
            String environment = a.checkString(3);
            String err = record(name, username + ":" + environment);
            if (err != null) {
                return LuaValue.varargsOf(str(""), str(err));
            }
            String key = key(environment, username);
            entries.put(key, mutate.apply(entries.get(key), network));
            return valueAndNil(str("OK"));
        });
    }

    /** mocks.go softWhitelistEntryKey. */
    private static String key(String environment, String username) {
        return environment + ":" + username;
    }
}
