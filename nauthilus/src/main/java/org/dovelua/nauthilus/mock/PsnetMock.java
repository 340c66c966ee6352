package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;

/**
 * {@code nauthilus_psnet} in test mode (mocks.go LoaderModPsnetMock): {@code get_stats([target])}
 * answers the block's {@code stats}, or {@code {connections = 0}} when it has none; a mismatch
 * is ignored here.
 */
public final class PsnetMock extends MockModule {
    public PsnetMock(JsonNode block, ModuleCalls calls) {
        super(block, calls);
    }

    @Override
    void define(LuaTable mod) {
        Map<String, Object> stats = FixtureBlock.anyMap(FixtureBlock.field(block, "stats"));
        mod.set("get_stats", fn("get_stats", a -> {
            String target = a.optString(1, "");
            record("get_stats", target);
            if (stats != null) {
                return GoValues.toLua(stats);
            }
            LuaTable t = new LuaTable();
            t.set("connections", num(0));
            return t;
        }));
    }
}
