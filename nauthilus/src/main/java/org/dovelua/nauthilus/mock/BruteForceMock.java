package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * {@code nauthilus_brute_force} in test mode (mocks.go LoaderModBruteForceMock): the call is
 * recorded but a mismatch is ignored here (it still fails the run at validation).
 */
public final class BruteForceMock extends MockModule {
    public BruteForceMock(JsonNode block, ModuleCalls calls) {
        super(block, calls);
    }

    @Override
    void define(LuaTable mod) {
        mod.set("is_blocked", fn("is_blocked", a -> {
            record("is_blocked", "");
            return LuaValue.valueOf(FixtureBlock.bool(block, "is_blocked"));
        }));
        // increment_by when positive, else 1
        mod.set("increment", fn("increment", a -> {
            record("increment", "");
            long by = FixtureBlock.integer(block, "increment_by");
            return num(by > 0 ? by : 1);
        }));
    }
}
