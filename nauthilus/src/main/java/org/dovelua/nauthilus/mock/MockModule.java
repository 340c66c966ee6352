package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import org.dovelua.nauthilus.GopherArgs;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * A test-mode mock module (Nauthilus server/testing/luatest/mocks.go): the fixture's block and
 * the block's expected_calls engine; {@link #call(LuaValue, LuaValue)} builds the module table.
 */
abstract class MockModule extends TwoArgFunction {
    final JsonNode block;
    final ModuleCalls calls;

    MockModule(JsonNode block, ModuleCalls calls) {
        this.block = block;
        this.calls = calls == null ? ModuleCalls.NONE : calls;
    }

    /** The module's functions go into {@code mod}. */
    abstract void define(LuaTable mod);

    @Override
    public final LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable mod = new LuaTable();
        define(mod);
        return mod;
    }

    /** RecordCall: null when it matched, else the (sticky) mismatch text. */
    final String record(String method, String args) {
        return calls.record(method, args);
    }

    /** A Go function named {@code name} as Lua sees it (its name is in argument errors). */
    static LuaValue fn(String fnName, Function<GopherArgs, Varargs> body) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return body.apply(new GopherArgs(fnName, args)); // (LibFunction has its own "name" field)
            }
        };
    }

    static Varargs nilAnd(String message) {
        return GopherArgs.nilAnd(message);
    }

    static Varargs valueAndNil(LuaValue value) {
        return LuaValue.varargsOf(value, LuaValue.NIL);
    }

    static LuaValue str(String s) {
        return LuaValue.valueOf(s);
    }

    static LuaValue num(double d) {
        return LuaValue.valueOf(d);
    }
}
