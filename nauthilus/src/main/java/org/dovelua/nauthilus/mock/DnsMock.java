package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * {@code nauthilus_dns} in test mode (mocks.go LoaderModDNSMock): only {@code lookup(name)},
 * answering {@code lookup_result[name]} or an empty table; a mismatch returns a lone nil.
 */
public final class DnsMock extends MockModule {
    public DnsMock(JsonNode block, ModuleCalls calls) {
        super(block, calls);
    }

    @Override
    void define(LuaTable mod) {
        Map<String, Object> results = FixtureBlock.anyMap(FixtureBlock.field(block, "lookup_result"));
        mod.set("lookup", fn("lookup", a -> {
            String name = a.checkString(1);
            if (record("lookup", name) != null) {
                return LuaValue.NIL;
            }
            if (results != null && results.containsKey(name)) {
                return GoValues.toLua(results.get(name));
            }
            return new LuaTable();
        }));
    }
}
