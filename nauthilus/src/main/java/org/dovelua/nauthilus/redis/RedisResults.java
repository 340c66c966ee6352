package org.dovelua.nauthilus.redis;

import java.util.List;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The result shapes of server/lualib/luastack/manager.go ({@code PushResults(v, nil)},
 * {@code PushError(err)} = nil plus the error text) and the Lua tables go-redis replies become.
 */
final class RedisResults {
    private RedisResults() {
    }

    static Varargs ok(LuaValue v) {
        return LuaValue.varargsOf(v, LuaValue.NIL);
    }

    static Varargs error(String text) {
        return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(text));
    }

    /** Go's LNumber(int64/float64): gopher-lua numbers are float64. */
    static LuaValue number(double d) {
        return LuaValue.valueOf(d);
    }

    /** multi_arg_helpers.go luaStringSliceTable: an array of the strings. */
    static LuaTable stringList(List<Object> items) {
        LuaTable t = new LuaTable();
        int i = 1;
        for (Object o : items) {
            t.rawset(i++, RedisReply.luaString(o == null ? new byte[0] : o));
        }
        return t;
    }
}
