package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/** {@code nauthilus_misc} in test mode (mocks.go LoaderModMiscMock). */
public final class MiscMock extends MockModule {
    public MiscMock(JsonNode block, ModuleCalls calls) {
        super(block, calls);
    }

    @Override
    void define(LuaTable mod) {
        // miscCountryNameMock: "MockCountry", nil; mismatch -> "Unknown", err
        mod.set("get_country_name", fn("get_country_name", a -> {
            String iso = a.checkString(1);
            String err = record("get_country_name", iso);
            if (err != null) {
                return LuaValue.varargsOf(str("Unknown"), str(err));
            }
            return valueAndNil(str("MockCountry"));
        }));
        // miscWaitRandomMock: args "min:max"; returns min without waiting
        mod.set("wait_random", fn("wait_random", a -> {
            long min = a.checkInt(1);
            long max = a.checkInt(2);
            String err = record("wait_random", min + ":" + max);
            if (err != null) {
                return nilAnd(err);
            }
            if (min >= max) {
                return nilAnd("invalid wait range");
            }
            return valueAndNil(num(min));
        }));
        // miscScopedIPMock: (ctx, ip) -> ip unchanged
        mod.set("scoped_ip", fn("scoped_ip", a -> {
            a.checkAny(1);
            String ip = a.checkString(2);
            String err = record("scoped_ip", ip);
            if (err != null) {
                return nilAnd(err);
            }
            return valueAndNil(str(ip));
        }));
    }
}
