package org.dovelua.lua.shim;

import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * {@code ssl}, LuaSec 1.2.0 (luasec src/ssl.lua, ssl.c) as far as Debian's real
 * {@code ssl/https.lua} uses it: {@code ssl.wrap(tcp, params)} gives an {@code SSL connection}
 * whose {@code sni} and {@code dohandshake} succeed and whose reads and writes are the TCP
 * object's. The TLS itself is not emulated: dovelua's stubs speak plain HTTP on loopback, as
 * {@code dovecot.http} reaches them for https:// URLs; under {@code --allow-network} the handshake
 * is a real one ({@link TcpSocket#handshake}). Contexts, certificates and options are not checked.
 */
public final class LuaSecLib extends TwoArgFunction {
    /** ssl.lua's {@code _VERSION}. */
    public static final String VERSION = "1.2.0";

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable ssl = new LuaTable();
        ssl.set("_VERSION", VERSION);
        ssl.set("_COPYRIGHT", "LuaSec 1.2.0 - Copyright (C) 2006-2022 Bruno Silvestre, UFG");
        ssl.set("wrap", LuaArgs.fn("wrap", a -> {
            TcpSocket t = TcpSocket.self(a, "wrap");
            t.tls = true;
            return wrapped(t, a.arg1().getmetatable().get("__index"));
        }));
        return ssl;
    }

    /** An {@code SSL:Connection} over {@code t}, with the TCP methods LuaSec's connection also has. */
    private static LuaUserdata wrapped(TcpSocket t, LuaValue tcpIndex) {
        LuaTable index = new LuaTable();
        for (String m : new String[] {"close", "getfd", "dirty", "receive", "send", "settimeout", "getstats"}) {
            index.set(m, tcpIndex.get(m));
        }
        index.set("sni", LuaArgs.fn("sni", a -> {
            TcpSocket.self(a, "sni").sni = a.arg(2).isstring() ? a.arg(2).tojstring() : null;
            return LuaValue.TRUE;
        }));
        index.set("dohandshake", LuaArgs.fn("dohandshake", a -> {
            TcpSocket s = TcpSocket.self(a, "dohandshake");
            String err = s.handshake(s.sni);
            return err == null ? LuaValue.TRUE : LuaValue.varargsOf(LuaValue.FALSE, LuaValue.valueOf(err));
        }));
        index.set("setstats", LuaArgs.fn("setstats", a -> Lua54Arith.number(1)));
        LuaTable mt = new LuaTable();
        mt.set("__index", index);
        mt.set("__name", "SSL:Connection");
        mt.set("__tostring", LuaArgs.fn("tostring", a -> LuaValue.valueOf(
                "SSL connection: 0x" + String.format("%012x", TcpSocket.self(a, "tostring").address))));
        LuaUserdata u = new LuaUserdata(t);
        u.setmetatable(mt);
        return u;
    }
}
