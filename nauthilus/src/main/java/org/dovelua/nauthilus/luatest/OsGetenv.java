package org.dovelua.nauthilus.luatest;

import java.util.Map;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * gopher-lua's {@code os.getenv} (oslib.go osGetEnv): {@code L.CheckString(1)}, then nil for an unset
 * <em>or empty</em> variable, else its value. The variables are the process's unless the run was
 * given its own ({@link TestRunner#environment}), so a test can set what a plugin reads.
 */
final class OsGetenv extends VarArgFunction {
    private final Map<String, String> environment;

    OsGetenv(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Varargs invoke(Varargs args) {
        String v = environment.get(args.checkjstring(1));
        return v == null || v.isEmpty() ? NIL : LuaValue.valueOf(v);
    }
}
