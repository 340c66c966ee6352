package org.dovelua.lua.dovecot;

import java.util.List;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * 2.4's string helpers on the {@code dovecot} global (dlua-dovecot.c, commits 18af0faddd and
 * 58f03fba7c): {@code net_ip_family}, {@code tabescape}, {@code tabunescape} and
 * {@code split_tabescaped}. Each is {@code DLUA_REQUIRE_ARGS(L, 1)} and {@code luaL_checkstring},
 * so it reads its argument as a C string (up to a NUL) and a number as its text, and
 * {@code lua_pushstring} cuts a result at a NUL too.
 */
public final class DovecotStringFunctions {
    private DovecotStringFunctions() {
    }

    /** Adds the four functions to the {@code dovecot} metatable. */
    public static void register(LuaTable meta) {
        meta.set("net_ip_family", LuaArgs.fn("net_ip_family", a -> {
            LuaArgs.require(a, 1);
            String addr = new String(checkCString(a, "net_ip_family"), java.nio.charset.StandardCharsets.ISO_8859_1);
            return Lua54Arith.integer(IpFamily.of(addr));
        }));
        meta.set("tabescape", LuaArgs.fn("tabescape", a -> {
            LuaArgs.require(a, 1);
            return push(TabEscapedStrings.escape(checkCString(a, "tabescape")));
        }));
        meta.set("tabunescape", LuaArgs.fn("tabunescape", a -> {
            LuaArgs.require(a, 1);
            return push(TabEscapedStrings.unescape(checkCString(a, "tabunescape")));
        }));
        meta.set("split_tabescaped", LuaArgs.fn("split_tabescaped", a -> {
            LuaArgs.require(a, 1);
            List<byte[]> fields = TabEscapedStrings.split(checkCString(a, "split_tabescaped"));
            LuaTable t = new LuaTable(fields.size(), 0);
            for (int i = 0; i < fields.size(); i++) {
                t.rawset(i + 1, push(fields.get(i)));
            }
            return t;
        }));
    }

    /** {@code lua_pushstring}: the bytes up to the first NUL. */
    private static LuaValue push(byte[] b) {
        return LuaString.valueUsing(TabEscapedStrings.cString(b));
    }

    /** {@code luaL_checkstring} read as a C string: a string's (or a number's text's) bytes up to a NUL. */
    private static byte[] checkCString(Varargs args, String fn) {
        return TabEscapedStrings.cString(LuaArgs.checkBytes(args, 1, fn));
    }
}
