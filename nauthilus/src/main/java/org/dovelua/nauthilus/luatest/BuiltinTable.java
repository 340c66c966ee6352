package org.dovelua.nauthilus.luatest;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code nauthilus_builtin} global of test mode (mocks.go {@code SetupBuiltinTable};
 * lualib/builtin.go {@code SetBuiltinTableForAll}): the constants of every kind, plus
 * {@code custom_log_add(key[, value])} logging {@code [CUSTOM] key: value} and
 * {@code status_message_set(msg)} recording a status message.
 */
final class BuiltinTable {
    private BuiltinTable() {
    }

    static LuaTable create(MockLogger logger) {
        LuaTable t = new LuaTable();
        // allBuiltinConstants: action, backend, subject, environment
        action(t);
        backend(t);
        subject(t);
        environment(t);
        customLog(t, logger);
        statusMessage(t, logger);
        return t;
    }

    /**
     * Production's table for {@code kind} (builtin.go SetBuiltinTableFor*): only that kind's
     * constants; {@code custom_log_add} everywhere; {@code status_message_set} everywhere but in
     * actions. Hooks (and init scripts) get none: null (nothing calls SetBuiltinTable* for them).
     * Every backend command gets the backend table (backend/lua.go setupGlobals).
     */
    static LuaTable forKind(CallbackKind kind, MockLogger logger) {
        LuaTable t = new LuaTable();
        switch (kind) {
            case HOOK -> {
                return null;
            }
            case ACTION -> action(t);
            case SUBJECT -> subject(t);
            case ENVIRONMENT -> environment(t);
            case CACHE_FLUSH -> {
            }
            default -> backend(t); // verify_password and the other backend commands
        }
        customLog(t, logger);
        if (kind != CallbackKind.ACTION) {
            statusMessage(t, logger);
        }
        return t;
    }

    private static void action(LuaTable t) {
        t.rawset("ACTION_RESULT_OK", 0.0);
        t.rawset("ACTION_RESULT_FAIL", 1.0);
    }

    private static void backend(LuaTable t) {
        t.rawset("BACKEND_RESULT_OK", 0.0);
        t.rawset("BACKEND_RESULT_FAIL", 1.0);
    }

    private static void subject(LuaTable t) {
        t.rawset("SUBJECT_ACCEPT", LuaValue.FALSE);
        t.rawset("SUBJECT_REJECT", LuaValue.TRUE);
        t.rawset("SUBJECT_RESULT_OK", 0.0);
        t.rawset("SUBJECT_RESULT_FAIL", 1.0);
    }

    private static void environment(LuaTable t) {
        t.rawset("ENVIRONMENT_TRIGGER_NO", LuaValue.FALSE);
        t.rawset("ENVIRONMENT_TRIGGER_YES", LuaValue.TRUE);
        t.rawset("ENVIRONMENT_ABORT_NO", LuaValue.FALSE);
        t.rawset("ENVIRONMENT_ABORT_YES", LuaValue.TRUE);
        t.rawset("ENVIRONMENT_RESULT_OK", 0.0);
        t.rawset("ENVIRONMENT_RESULT_FAIL", 1.0);
    }

    private static void customLog(LuaTable t, MockLogger logger) {
        t.rawset("custom_log_add", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                String key = args.checkjstring(1);
                String value = args.optjstring(2, ""); // L.OptString(2, "")
                logger.log("[CUSTOM] " + key + ": " + value);
                return NONE;
            }
        });
    }

    private static void statusMessage(LuaTable t, MockLogger logger) {
        t.rawset("status_message_set", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                logger.logStatus(args.checkjstring(1));
                return NONE;
            }
        });
    }
}
