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
            recordIgnoring(calls, "getenv", recordedArgs("getenv", args));
            JsonNode v = envs.get(name);
            return LuaValue.valueOf(v != null ? v.asText("") : def);
        });
        define(m, "log", args -> { // utilLogMock: the level (2nd argument) is the argument text
            optString(args, 2, ""); // the mock's L.OptString raises on a non-string level
            recordIgnoring(calls, "log", recordedArgs("log", args));
            return NONE;
        });
        logWrapper(m, "log_debug");
        logWrapper(m, "log_info");
        logWrapper(m, "log_notice");
        logWrapper(m, "log_warn");
        logWrapper(m, "log_error");
        define(m, "get_redis_key", args -> { // utilRedisKeyMock: request.redis_prefix (a string) .. key
            LuaValue request = checkAny(args, 1);
            String key = args.checkjstring(2);
            recordIgnoring(calls, "get_redis_key", recordedArgs("get_redis_key", args));
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
            recordIgnoring(calls, "if_error_raise", recordedArgs("if_error_raise", args));
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
    private void logWrapper(LuaTable m, String name) {
        define(m, name, args -> {
            if (name.equals("log_error")) {
                optString(args, 3, ""); // the mock's L.OptString raises on a non-string error text
            }
            recordIgnoring(calls, name, recordedArgs(name, args));
            return NONE;
        });
    }

    /** The functions test mode's mock records (mocks.go LoaderModUtilMock). */
    public static final java.util.List<String> RECORDED = java.util.List.of("getenv", "log", "log_debug", "log_info",
            "log_notice", "log_warn", "log_error", "get_redis_key", "if_error_raise", "print_result", "is_table",
            "table_length", "is_string");

    /**
     * The argument text test mode records for a call of {@code name} (one of {@link #RECORDED}):
     * getenv's name, log's level (2nd argument), a log_* wrapper's level (log_error: its 3rd
     * argument), get_redis_key's key, if_error_raise's error text, else "".
     */
    public static String recordedArgs(String name, Varargs args) {
        return switch (name) {
            case "getenv" -> text(args, 1);
            case "log" -> text(args, 2);
            case "log_debug" -> "debug";
            case "log_info" -> "info";
            case "log_notice" -> "notice";
            case "log_warn" -> "warn";
            case "log_error" -> text(args, 3);
            case "get_redis_key" -> text(args, 2);
            case "if_error_raise" -> goString(args.arg(1));
            default -> "";
        };
    }

    /** Argument n as a string ("" when absent or not a string or number); never raises. */
    private static String text(Varargs args, int n) {
        LuaValue v = args.arg(n);
        return v.type() == LuaValue.TSTRING || v.type() == LuaValue.TNUMBER ? v.tojstring() : "";
    }

    /** gopher-lua LValue.String(): nil prints "nil". */
    private static String goString(LuaValue v) {
        return v.tojstring();
    }
}
