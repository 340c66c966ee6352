package org.dovelua.nauthilus.mock;

import static org.dovelua.nauthilus.mock.MockFunctions.checkAny;
import static org.dovelua.nauthilus.mock.MockFunctions.define;
import static org.dovelua.nauthilus.mock.MockFunctions.recordOrRaise;

import com.fasterxml.jackson.databind.JsonNode;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.ModuleCalls;
import org.dovelua.nauthilus.RequestContext;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * {@code nauthilus_context} of test mode (mocks.go {@code LoaderModContextMock} over lualib/context.go
 * {@code ContextManager}): {@code context_set(k, v)}, {@code context_get(k)}, {@code context_delete(k)}
 * on the request context bound in {@code __NAUTH_REQ_ENV}. Each call is recorded with the key as its
 * argument text and a mismatch raises. Values are copied Lua -> Go -> Lua ({@link GoValues}).
 */
public final class ContextMock extends TwoArgFunction {
    private final ModuleCalls calls;

    public ContextMock(JsonNode block, ModuleCalls calls) {
        this.calls = calls;
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaValue globals = env;
        LuaTable m = new LuaTable();
        define(m, "context_set", args -> {
            String key = args.checkjstring(1);
            recordOrRaise(calls, "context_set", key);
            LuaValue value = checkAny(args, 2);
            RequestContext ctx = RequestContext.of(globals);
            if (ctx != null) {
                ctx.set(key, GoValues.fromLua(value));
            }
            return NONE;
        });
        define(m, "context_get", args -> {
            String key = args.checkjstring(1);
            recordOrRaise(calls, "context_get", key);
            RequestContext ctx = RequestContext.of(globals);
            return GoValues.toLua(ctx == null ? null : ctx.get(key));
        });
        define(m, "context_delete", args -> {
            String key = args.checkjstring(1);
            recordOrRaise(calls, "context_delete", key);
            RequestContext ctx = RequestContext.of(globals);
            if (ctx != null) {
                ctx.delete(key);
            }
            return NONE;
        });
        return m;
    }
}
