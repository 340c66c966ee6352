package org.dovelua.nauthilus.luatest;

import com.fasterxml.jackson.databind.JsonNode;
import org.dovelua.nauthilus.ModuleCalls;
import org.dovelua.nauthilus.mock.UtilMock;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Production mode's bridge from the fixture's {@code util} block to the real
 * {@code nauthilus_util.lua}: the environment its {@code getenv} reads ({@code os.getenv}) is the
 * block's {@code envs} (the server process's environment, as the fixture states it, nothing of the
 * host's), and the plugin's calls of the functions test mode's mock records are recorded with the
 * mock's argument texts ({@link UtilMock#recordedArgs}), so the block's {@code expected_calls} are
 * checked in both modes. Only the outermost call is recorded: util's own calls of itself
 * ({@code log_info} calling {@code log}) are not the plugin's.
 */
final class ProductionUtilCalls {
    private ProductionUtilCalls() {
    }

    /** os.getenv(name): util.envs[name], else nil. */
    static void bindEnvironment(LuaValue globals, JsonNode utilBlock) {
        LuaValue os = globals.get("os");
        if (!os.istable()) {
            return;
        }
        JsonNode envs = utilBlock.path("envs");
        os.set("getenv", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                JsonNode v = envs.get(args.checkjstring(1));
                return v != null && v.isValueNode() ? LuaValue.valueOf(v.asText("")) : NIL;
            }
        });
    }

    /**
     * Wraps the Lua-file loader (package.loaders[2], gopher-lua's loLoaderLua) so that the module
     * {@code nauthilus_util} it loads has its recorded functions wrapped as soon as its chunk
     * returns, before the plugin's top-level code uses it.
     */
    static void recordOnLoad(LuaValue globals, ModuleCalls calls) {
        LuaValue loaders = globals.get("package").get("loaders");
        if (!loaders.istable() || !loaders.get(2).isfunction()) {
            return;
        }
        LuaValue fileLoader = loaders.get(2);
        loaders.set(2, new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                Varargs found = fileLoader.invoke(args);
                if (!"nauthilus_util".equals(args.arg1().tojstring()) || !found.arg1().isfunction()) {
                    return found;
                }
                LuaValue chunk = found.arg1();
                return new VarArgFunction() {
                    @Override
                    public Varargs invoke(Varargs moduleArgs) {
                        Varargs module = chunk.invoke(moduleArgs);
                        record(module.arg1(), calls);
                        return module;
                    }
                };
            }
        });
    }

    /** Wraps, in place, the recorded functions of a loaded {@code nauthilus_util} table. */
    static void record(LuaValue loaded, ModuleCalls calls) {
        if (!loaded.istable()) {
            return;
        }
        LuaTable util = (LuaTable) loaded;
        int[] depth = {0};
        for (String method : UtilMock.RECORDED) { // (not "name": LibFunction has a field of that name)
            LuaValue fn = util.rawget(method);
            if (!fn.isfunction()) {
                continue;
            }
            util.rawset(method, new VarArgFunction() {
                @Override
                public Varargs invoke(Varargs args) {
                    if (depth[0] == 0) {
                        calls.record(method, UtilMock.recordedArgs(method, args));
                    }
                    depth[0]++;
                    try {
                        return fn.invoke(args);
                    } finally {
                        depth[0]--;
                    }
                }
            });
        }
    }
}
