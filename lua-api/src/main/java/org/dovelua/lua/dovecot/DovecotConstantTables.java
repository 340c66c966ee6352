package org.dovelua.lua.dovecot;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The sub-tables 2.4 registers on the {@code dovecot} table when Lua can yield
 * ({@code DLUA_WITH_YIELDS}, Debian's Lua 5.4): {@code dovecot.dict} (lib-dict/dict-lua.c
 * {@code dlua_dovecot_dict_register}, commit 1a5be791d6) and {@code dovecot.doveadm_client}
 * (lib-doveadm/doveadm-client-lua.c, commit 843d4f8184). An auth script gets only their constants:
 * {@code dlua_set_members} pushes them with {@code lua_pushnumber}, so they are floats (seen on
 * 2.4.1 and 2.4.5, cases 471/472); each table's metatable is {@code luaL_newmetatable(NAME)}
 * ({@code __name}) with {@code __index} pointing to itself.
 */
public final class DovecotConstantTables {
    private DovecotConstantTables() {
    }

    /** Adds {@code dict} and {@code doveadm_client} to the {@code dovecot} table. */
    public static void register(LuaTable dovecot) {
        // dict.h enum dict_iterate_flags, DLUA_TABLE_ENUM_NOPREFIX(DICT_, ...)
        dovecot.rawset("dict", table("dovecot_dict",
                "ITERATE_FLAG_RECURSE", 0x01,
                "ITERATE_FLAG_SORT_BY_KEY", 0x02,
                "ITERATE_FLAG_SORT_BY_VALUE", 0x04,
                "ITERATE_FLAG_NO_VALUE", 0x08,
                "ITERATE_FLAG_EXACT_KEY", 0x10,
                "ITERATE_FLAG_ASYNC", 0x20));
        // doveadm-client.h DOVEADM_PROXY_TTL, DLUA_TABLE_ENUM
        dovecot.rawset("doveadm_client", table("dovecot_doveadm_client", "DOVEADM_PROXY_TTL", 5));
    }

    private static LuaTable table(String metaName, Object... pairs) {
        LuaTable t = new LuaTable();
        for (int i = 0; i < pairs.length; i += 2) {
            t.rawset((String) pairs[i], LuaValue.valueOf((double) (Integer) pairs[i + 1]));
        }
        LuaTable meta = new LuaTable();
        meta.rawset("__name", LuaValue.valueOf(metaName));
        meta.rawset(LuaValue.INDEX, meta);
        t.setmetatable(meta);
        return t;
    }
}
