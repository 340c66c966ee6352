package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * {@code nauthilus_dns}. Test mode (mocks.go LoaderModDNSMock) has only {@code lookup(name)},
 * answering {@code lookup_result[name]} or an empty table; a mismatch returns a lone nil.
 * Production (lualib/dns.go LoaderModDNS) has only {@code resolve(name[, type])}; here it answers
 * from the same {@code lookup_result} block, as {@code (result, nil)} or {@code (nil, err)}.
 */
public final class DnsMock extends MockModule {
    /** dns.go lookupRecord's cases. */
    private static final Set<String> RECORD_TYPES = Set.of("A", "AAAA", "MX", "NS", "TXT", "CNAME", "PTR");

    private final boolean production;

    public DnsMock(JsonNode block, ModuleCalls calls) {
        this(block, calls, false);
    }

    private DnsMock(JsonNode block, ModuleCalls calls, boolean production) {
        super(block, calls);
        this.production = production;
    }

    /** The production module: {@code resolve} in place of {@code lookup}. */
    public static DnsMock production(JsonNode block, ModuleCalls calls) {
        return new DnsMock(block, calls, true);
    }

    @Override
    void define(LuaTable mod) {
        Map<String, Object> results = FixtureBlock.anyMap(FixtureBlock.field(block, "lookup_result"));
        if (production) {
            // dns.go Resolve: CheckString(1), strings.ToUpper(OptString(2, "A"))
            mod.set("resolve", fn("resolve", a -> {
                String name = a.checkString(1);
                String type = a.optString(2, "A").toUpperCase(Locale.ROOT);
                String err = record("resolve", name);
                if (err != null) {
                    return nilAnd(err);
                }
                if (!RECORD_TYPES.contains(type)) {
                    return nilAnd("unsupported record type: " + type); // lookupRecord's default case
                }
                return valueAndNil(answer(results, name));
            }));
            return;
        }
        mod.set("lookup", fn("lookup", a -> {
            String name = a.checkString(1);
            if (record("lookup", name) != null) {
                return LuaValue.NIL;
            }
            return answer(results, name);
        }));
    }

    private static LuaValue answer(Map<String, Object> results, String name) {
        if (results != null && results.containsKey(name)) {
            return GoValues.toLua(results.get(name));
        }
        return new LuaTable();
    }
}
