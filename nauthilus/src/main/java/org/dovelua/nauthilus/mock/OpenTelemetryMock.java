package org.dovelua.nauthilus.mock;

import static org.dovelua.nauthilus.mock.MockFunctions.define;
import static org.dovelua.nauthilus.mock.MockFunctions.optString;
import static org.dovelua.nauthilus.mock.MockFunctions.recordIgnoring;

import com.fasterxml.jackson.databind.JsonNode;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * {@code nauthilus_opentelemetry} of test mode (mocks.go {@code LoaderModOTELMock}): disabled
 * ({@code is_enabled()} is false), tracers whose {@code start_span} gives a span of recording
 * no-ops, and {@code with_span(name, fn)} calling fn with a span (argument text: the span name).
 * Mismatches are ignored at call time.
 */
public final class OpenTelemetryMock extends TwoArgFunction {
    private final ModuleCalls calls;

    public OpenTelemetryMock(JsonNode block, ModuleCalls calls) {
        this.calls = calls;
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable m = new LuaTable();
        define(m, "is_enabled", args -> {
            recordIgnoring(calls, "is_enabled", "");
            return LuaValue.FALSE;
        });
        define(m, "tracer", args -> {
            optString(args, 1, "");
            recordIgnoring(calls, "tracer", "");
            return tracer();
        });
        define(m, "default_tracer", args -> {
            recordIgnoring(calls, "default_tracer", "");
            return tracer();
        });
        return m;
    }

    private LuaTable span() {
        LuaTable span = new LuaTable();
        for (String method : new String[] {"set_attributes", "record_error", "set_status", "finish"}) {
            define(span, method, args -> {
                recordIgnoring(calls, method, "");
                return NONE;
            });
        }
        return span;
    }

    private LuaTable tracer() {
        LuaTable t = new LuaTable();
        define(t, "start_span", args -> {
            recordIgnoring(calls, "start_span", "");
            return span();
        });
        // callOpenTelemetryWithSpan: called with ':' (self, name, fn); a callback error is re-raised
        define(t, "with_span", args -> {
            String name = optString(args, 2, "");
            LuaFunction fn = args.checkfunction(3);
            recordIgnoring(calls, "with_span", name);
            try {
                return fn.invoke(span());
            } catch (LuaError e) {
                throw new LuaError(text(e));
            }
        });
        return t;
    }

    static String text(LuaError e) {
        LuaValue v = e.getMessageObject();
        String s = v != null && !v.isnil() ? v.tojstring() : String.valueOf(e.getMessage());
        int tb = s.indexOf("\nstack traceback:");
        return tb >= 0 ? s.substring(0, tb) : s;
    }

}
