package org.dovelua.lua.shim;

import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;

/**
 * A LuaSocket UDP object (luasocket src/udp.c) that can be made, timed and closed, and reaches
 * nothing: naming a peer or sending fails as a name that does not resolve, with a hint that UDP
 * is not emulated (the router knows HTTP stubs only).
 */
final class UdpSocket {
    private static final java.util.concurrent.atomic.AtomicLong ADDRESSES = new java.util.concurrent.atomic.AtomicLong(0x55d6_0000_1000L);

    private UdpSocket() {
    }

    static LuaUserdata create(HttpRouter router) {
        long address = ADDRESSES.addAndGet(0x150);
        LuaTable index = new LuaTable();
        index.set("class", "udp{unconnected}");
        LuaArgs.Body unreachable = a -> {
            router.hintOnce("udp", "a script uses LuaSocket UDP, which dovelua does not emulate: every peer fails "
                    + "as a name that does not resolve");
            return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(TcpSocket.HOST_NOT_FOUND));
        };
        for (String m : new String[] {"setpeername", "sendto", "send", "receive", "receivefrom"}) {
            index.set(m, LuaArgs.fn(m, unreachable));
        }
        LuaArgs.Body one = a -> Lua54Arith.number(1);
        for (String m : new String[] {"close", "settimeout", "setoption", "setsockname"}) {
            index.set(m, LuaArgs.fn(m, one));
        }
        index.set("dirty", LuaArgs.fn("dirty", a -> LuaValue.FALSE));
        LuaTable mt = new LuaTable();
        mt.set("__index", index);
        mt.set("__name", "udp{unconnected}");
        mt.set("__tostring", LuaArgs.fn("tostring", a -> LuaValue.valueOf(TcpSocket.tostring("udp{unconnected}", address))));
        LuaUserdata u = new LuaUserdata(new Object());
        u.setmetatable(mt);
        return u;
    }

}
