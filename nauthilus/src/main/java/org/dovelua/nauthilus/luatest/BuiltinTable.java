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
        t.rawset("custom_log_add", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                String key = args.checkjstring(1);
                String value = args.optjstring(2, ""); // L.OptString(2, "")
                logger.log("[CUSTOM] " + key + ": " + value);
                return NONE;
            }
        });
        t.rawset("status_message_set", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                logger.logStatus(args.checkjstring(1));
                return NONE;
            }
        });
        return t;
    }
}
