package org.dovelua.nauthilus.mock;

import static org.dovelua.nauthilus.mock.MockFunctions.checkAny;
import static org.dovelua.nauthilus.mock.MockFunctions.define;
import static org.dovelua.nauthilus.mock.MockFunctions.optString;
import static org.dovelua.nauthilus.mock.MockFunctions.recordIgnoring;

import com.fasterxml.jackson.databind.JsonNode;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * {@code nauthilus_util} of test mode: the Go mock (mocks.go {@code LoaderModUtilMock}), which wins
 * over the share file {@code nauthilus_util.lua} and has ONLY getenv, log, log_debug/info/notice/warn/error,
 * get_redis_key, if_error_raise, print_result, is_table, table_length and is_string. Mismatches are
 * ignored at call time (they fail the run at validation).
 */
public final class UtilMock extends TwoArgFunction {
    private final JsonNode envs;
    private final ModuleCalls calls;

    public UtilMock(JsonNode block, ModuleCalls calls) {
        this.envs = block.path("envs");
        this.calls = calls;
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable m = new LuaTable();
        define(m, "getenv", args -> { // utilGetenvMock: util.envs, else the default, else ""
            String name = args.checkjstring(1);
            String def = optString(args, 2, "");
            recordIgnoring(calls, "getenv", name);
            JsonNode v = envs.get(name);
            return LuaValue.valueOf(v != null ? v.asText("") : def);
        });
        define(m, "log", args -> { // utilLogMock: the level (2nd argument) is the argument text
            recordIgnoring(calls, "log", optString(args, 2, ""));
            return NONE;
        });
        logWrapper(m, "log_debug", "debug", false);
        logWrapper(m, "log_info", "info", false);
        logWrapper(m, "log_notice", "notice", false);
        logWrapper(m, "log_warn", "warn", false);
        logWrapper(m, "log_error", "error", true);
        define(m, "get_redis_key", args -> { // utilRedisKeyMock: request.redis_prefix (a string) .. key
            LuaValue request = checkAny(args, 1);
            String key = args.checkjstring(2);
            recordIgnoring(calls, "get_redis_key", key);
            String prefix = "";
            if (request.istable()) {
                LuaValue raw = ((LuaTable) request).rawget("redis_prefix");
                if (raw.type() == LuaValue.TSTRING) {
                    prefix = raw.tojstring();
                }
            }
            return LuaValue.valueOf(prefix + key);
        });
        define(m, "if_error_raise", args -> { // utilIfErrorRaiseMock: raises on any non-nil value
            LuaValue err = checkAny(args, 1);
            recordIgnoring(calls, "if_error_raise", goString(err));
            if (!err.isnil()) {
                throw new LuaError(goString(err));
            }
            return NONE;
        });
        define(m, "print_result", args -> {
            recordIgnoring(calls, "print_result", "");
            return NONE;
        });
        define(m, "is_table", args -> {
            recordIgnoring(calls, "is_table", "");
            return LuaValue.valueOf(checkAny(args, 1).istable());
        });
        define(m, "table_length", args -> { // luaTableLength: every pair counts
            recordIgnoring(calls, "table_length", "");
            LuaTable t = args.checktable(1);
            int n = 0;
            LuaValue k = LuaValue.NIL;
            while (true) {
                Varargs next = t.next(k);
                k = next.arg1();
                if (k.isnil()) {
                    break;
                }
                n++;
            }
            return LuaValue.valueOf((double) n);
        });
        define(m, "is_string", args -> {
            recordIgnoring(calls, "is_string", "");
            return LuaValue.valueOf(checkAny(args, 1).type() == LuaValue.TSTRING);
        });
        return m;
    }

    /** registerUtilLogWrappers: the level is the argument text, except log_error's (its 3rd argument). */
    private void logWrapper(LuaTable m, String name, String level, boolean errorString) {
        define(m, name, args -> {
            recordIgnoring(calls, name, errorString ? optString(args, 3, "") : level);
            return NONE;
        });
    }

    /** gopher-lua LValue.String(): nil prints "nil". */
    private static String goString(LuaValue v) {
        return v.tojstring();
    }
}
