package org.dovelua.nauthilus.mock;

import static org.dovelua.nauthilus.mock.MockFunctions.define;
import static org.dovelua.nauthilus.mock.MockFunctions.recordIgnoring;

import com.fasterxml.jackson.databind.JsonNode;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * {@code nauthilus_prometheus} of test mode (mocks.go {@code LoaderModPrometheusMock}): recording
 * no-ops; the timers return {@code {_mock_timer = true}}. No touch_counter, sub_gauge or add_gauge.
 * Mismatches are ignored at call time.
 */
public final class PrometheusMock extends TwoArgFunction {
    private final ModuleCalls calls;

    public PrometheusMock(JsonNode block, ModuleCalls calls) {
        this.calls = calls;
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable m = new LuaTable();
        for (String name : new String[] {"create_summary_vec", "create_counter_vec", "create_histogram_vec",
                "create_gauge_vec", "increment_counter", "increment_gauge", "decrement_gauge", "set_gauge"}) {
            noop(m, name);
        }
        timer(m, "start_histogram_timer");
        timer(m, "start_summary_timer");
        noop(m, "stop_timer");
        return m;
    }

    private void noop(LuaTable m, String name) {
        define(m, name, args -> {
            recordIgnoring(calls, name, "");
            return NONE;
        });
    }

    private void timer(LuaTable m, String name) {
        define(m, name, args -> {
            recordIgnoring(calls, name, "");
            LuaTable t = new LuaTable();
            t.set("_mock_timer", LuaValue.TRUE);
            return t;
        });
    }
}
