package org.dovelua.lua.shim.luasql;

import java.util.concurrent.atomic.AtomicLong;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;

/**
 * An environment, connection or cursor: a full userdata with its driver's metatable and the
 * {@code closed} flag every luasql struct starts with ({@code pseudo_data} in luasql.c), which
 * {@code __tostring} reads. The address is made up but stable, one per object, as {@code %p} is.
 */
class LuaSqlObject extends LuaUserdata {
    private static final AtomicLong ADDRESSES = new AtomicLong(0x55d0c0de1000L);

    boolean closed;
    private final long address = ADDRESSES.getAndAdd(0x40);

    LuaSqlObject(LuaTable metatable) {
        super(new Object(), metatable);
    }

    /** luasql.c {@code luasql_tostring}: {@code "<metatable name> (0x...)"} or {@code "(closed)"}. */
    String describe(String name) {
        return name + " (" + (closed ? "closed" : "0x" + Long.toHexString(address)) + ")";
    }
}
