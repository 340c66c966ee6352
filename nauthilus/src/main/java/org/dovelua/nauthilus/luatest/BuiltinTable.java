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

    static LuaTable create(MockLogger logger, java.util.Map<String, LuaValue> constants) {
        LuaTable t = new LuaTable();
        constants.forEach(t::rawset); // allBuiltinConstants of the release (NauthilusVersion)
        customLog(t, logger);
        statusMessage(t, logger);
        return t;
    }

    /**
     * Production's table for {@code kind} (builtin.go SetBuiltinTableFor*): only that kind's
     * constants of the release; {@code custom_log_add} everywhere; {@code status_message_set}
     * everywhere but in actions. Hooks (and init scripts) get none: null (nothing calls
     * SetBuiltinTable* for them). Every backend command gets the backend table (backend/lua.go
     * setupGlobals).
     */
    static LuaTable forKind(CallbackKind kind, MockLogger logger, java.util.Map<String, LuaValue> constants) {
        if (kind == CallbackKind.HOOK) {
            return null;
        }
        java.util.List<String> prefixes = switch (kind) {
            case ACTION -> java.util.List.of("ACTION_");
            case SUBJECT -> java.util.List.of("SUBJECT_", "FILTER_"); // FILTER_*: the 2.x names
            case ENVIRONMENT -> java.util.List.of("ENVIRONMENT_", "FEATURE_", "FEATURES_");
            case CACHE_FLUSH -> java.util.List.of();
            default -> java.util.List.of("BACKEND_"); // verify_password and the other backend commands
        };
        LuaTable t = new LuaTable();
        constants.forEach((name, value) -> {
            if (prefixes.stream().anyMatch(name::startsWith)) {
                t.rawset(name, value);
            }
        });
        customLog(t, logger);
        if (kind != CallbackKind.ACTION) {
            statusMessage(t, logger);
        }
        return t;
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
