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
 * Mismatches are ignored at call time. Production (lualib/metrics/statistics.go LoaderModPrometheus)
 * also has {@code touch_counter}, {@code add_gauge} and {@code sub_gauge}; they record the same way.
 */
public final class PrometheusMock extends TwoArgFunction {
    private final ModuleCalls calls;
    private final boolean production;

    public PrometheusMock(JsonNode block, ModuleCalls calls) {
        this(calls, false);
    }

    private PrometheusMock(ModuleCalls calls, boolean production) {
        this.calls = calls == null ? ModuleCalls.NONE : calls;
        this.production = production;
    }

    /** The production module: test mode's functions plus touch_counter, add_gauge and sub_gauge. */
    public static PrometheusMock production(JsonNode block, ModuleCalls calls) {
        return new PrometheusMock(calls, true);
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
        if (production) {
            for (String name : new String[] {"touch_counter", "add_gauge", "sub_gauge"}) {
                noop(m, name);
            }
        }
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
