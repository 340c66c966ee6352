package org.dovelua.lua.shim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.ScriptDebugLib;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * {@code socket.core}, LuaSocket 3.1.0's C core (luasocket src/luasocket.c, except.c, timeout.c,
 * tcp.c, inet.c) under Debian's real {@code socket.lua}: {@code gettime}, {@code sleep} (within the
 * call's time limit), {@code newtry}/{@code protect}/{@code skip}, {@code tcp()} objects whose only
 * network is the {@link HttpRouter} ({@link TcpSocket}), {@code connect}, and {@code dns} answered
 * offline (literal addresses and localhost only). Not emulated: {@code select}, server sockets
 * ({@code bind}/{@code listen}/{@code accept}), UDP traffic ({@code udp()} objects fail to send).
 */
public final class SocketCoreLib extends TwoArgFunction {
    /** Debian's lua-socket 3.1.0 still says 3.0.0 (luasocket.h's LUASOCKET_VERSION). */
    public static final String VERSION = "LuaSocket 3.0.0";

    private final HttpRouter router;
    private final ScriptDebugLib budget;
    private final java.util.Set<TcpSocket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** except.c's marker metatable: an error wrapped by a try, which protect unwraps. */
    private final LuaTable wrapped = new LuaTable();
    private LuaTable master;
    private LuaTable client;

    public SocketCoreLib(HttpRouter router, Globals globals) {
        this.router = router;
        this.budget = globals != null && globals.debuglib instanceof ScriptDebugLib d ? d : null;
        if (budget != null) {
            // a connection the script never closes ends with the state, as the process's fds would
            budget.onStateClose(() -> java.util.List.copyOf(open).forEach(TcpSocket::close));
        }
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable methods = tcpMethods();
        master = TcpSocket.newMetatable("tcp{master}", methods);
        client = TcpSocket.newMetatable("tcp{client}", methods);
        LuaTable socket = new LuaTable();
        socket.set("_VERSION", VERSION);
        socket.set("_SETSIZE", Lua54Arith.integer(1024));
        socket.set("_DATAGRAMSIZE", Lua54Arith.integer(8192));
        socket.set("_SOCKETINVALID", Lua54Arith.integer(-1));
        socket.set("__unload", LuaArgs.fn("__unload", a -> NONE));
        // timeout.c: timeout_lua_gettime, gettimeofday's seconds as a float
        socket.set("gettime", LuaArgs.fn("gettime", a -> {
            Instant now = Instant.now();
            return Lua54Arith.number(now.getEpochSecond() + now.getNano() / 1e9);
        }));
        // timeout.c: timeout_lua_sleep; negative is 0, more than INT_MAX seconds is INT_MAX
        socket.set("sleep", LuaArgs.fn("sleep", a -> {
            // lauxlib names the function by where it finds it in package.loaded: socket.core.sleep
            // (or socket.sleep, in whichever order 5.4's seeded string hash visits the two)
            double n = LuaArgs.checkNumber(a, 1, "socket.core.sleep");
            n = Math.max(0, Math.min(n, Integer.MAX_VALUE));
            long nanos = (long) (n * 1e9);
            if (budget != null) {
                budget.sleepWithinBudget(nanos);
            } else {
                sleep(nanos);
            }
            return NONE;
        }));
        // luasocket.c: global_skip, the arguments after the first d
        socket.set("skip", LuaArgs.fn("skip", a -> {
            long amount = LuaArgs.checkInteger(a, 1, "skip");
            int ret = (int) (a.narg() - amount - 1);
            return ret <= 0 ? NONE : a.subargs(a.narg() - ret + 1);
        }));
        socket.set("newtry", LuaArgs.fn("newtry", a -> newtry(a.arg1())));
        socket.set("protect", LuaArgs.fn("protect", a -> protect(a.checkfunction(1))));
        socket.set("tcp", LuaArgs.fn("tcp", a -> newTcp()));
        socket.set("tcp4", LuaArgs.fn("tcp4", a -> newTcp()));
        socket.set("tcp6", LuaArgs.fn("tcp6", a -> newTcp()));
        socket.set("udp", LuaArgs.fn("udp", a -> UdpSocket.create(router)));
        socket.set("udp4", LuaArgs.fn("udp4", a -> UdpSocket.create(router)));
        socket.set("udp6", LuaArgs.fn("udp6", a -> UdpSocket.create(router)));
        // inet.c: inet_global_connect
        socket.set("connect", LuaArgs.fn("connect", a -> {
            String host = LuaArgs.checkString(a, 1, "connect");
            String port = LuaArgs.checkString(a, 2, "connect");
            LuaUserdata u = newTcp();
            TcpSocket t = (TcpSocket) u.userdata();
            String err = t.connect(host, parsePort(port));
            if (err != null) {
                t.close();
                return varargsOf(NIL, valueOf(err));
            }
            u.setmetatable(client);
            return u;
        }));
        socket.set("select", LuaArgs.fn("select", a -> select(a.arg(1), a.arg(2), a.isnil(3) ? -1 : a.checkdouble(3))));
        socket.set("dns", dns());
        return socket;
    }

    private static void sleep(long nanos) {
        try {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int parsePort(String port) {
        try {
            return Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ---- except.c ------------------------------------------------------------------------------

    /** {@code global_newtry}: a try that calls the finalizer and raises a wrapped error on nil/false. */
    private LuaValue newtry(LuaValue finalizer) {
        return LuaArgs.fn("try", a -> {
            if (a.arg1().toboolean()) {
                return a;
            }
            if (!finalizer.isnil()) {
                finalizer.call();
            }
            LuaTable err = new LuaTable();
            err.rawset(1, a.arg(2));
            err.setmetatable(wrapped);
            throw new LuaError(err);
        });
    }

    /** {@code global_protect}: a wrapped error comes back as nil and its text; others go on. */
    private LuaValue protect(LuaValue f) {
        return LuaArgs.fn("protect", a -> {
            try {
                return f.invoke(a);
            } catch (LuaError e) {
                LuaValue m = e.getMessageObject();
                if (m != null && m.istable() && m.getmetatable() == wrapped) {
                    return varargsOf(NIL, m.rawget(1));
                }
                throw m == null ? e : new LuaError(m); // the value as raised, as lua_error passes it on
            }
        });
    }

    // ---- select.c ------------------------------------------------------------------------------

    /**
     * {@code global_select} over dovelua's sockets: readable when input is buffered or waiting,
     * writable when connected; polled until {@code timeout} seconds pass (negative: the call's
     * budget), then {@code {}, {}, "timeout"}.
     */
    private Varargs select(LuaValue recvt, LuaValue sendt, double timeout) {
        long deadline = timeout < 0 ? Long.MAX_VALUE : System.nanoTime() + (long) (timeout * 1e9);
        while (true) {
            LuaTable readable = ready(recvt, TcpSocket::readable);
            LuaTable writable = ready(sendt, t -> t.client && !t.closed);
            if (readable.length() > 0 || writable.length() > 0) {
                return varargsOf(readable, writable, NIL);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return varargsOf(readable, writable, valueOf("timeout"));
            }
            long step = Math.min(left, 10_000_000L);
            if (budget != null) {
                budget.sleepWithinBudget(step);
            } else {
                sleep(step);
            }
        }
    }

    private static LuaTable ready(LuaValue set, java.util.function.Predicate<TcpSocket> test) {
        LuaTable out = new LuaTable();
        if (!set.istable()) {
            return out;
        }
        for (int i = 1; !set.get(i).isnil(); i++) {
            LuaValue v = set.get(i);
            if (v instanceof LuaUserdata u && u.userdata() instanceof TcpSocket t && test.test(t)) {
                out.set(out.length() + 1, v);
                out.set(v, v); // select.c sets both t[#t+1] = sock and t[sock] = sock
            }
        }
        return out;
    }

    // ---- tcp.c ---------------------------------------------------------------------------------

    private LuaUserdata newTcp() {
        TcpSocket tcp = new TcpSocket(router, budget, open::remove);
        open.add(tcp);
        LuaUserdata u = new LuaUserdata(tcp);
        u.setmetatable(master);
        return u;
    }

    private LuaTable tcpMethods() {
        LuaTable m = new LuaTable();
        m.set("connect", LuaArgs.fn("connect", a -> {
            TcpSocket t = TcpSocket.self(a, "connect");
            String host = LuaArgs.checkMethodString(a, 2, "connect");
            String port = LuaArgs.checkMethodString(a, 3, "connect");
            String err = t.connect(host, parsePort(port));
            ((LuaUserdata) a.arg1()).setmetatable(client);
            return err == null ? Lua54Arith.number(1) : varargsOf(NIL, valueOf(err));
        }));
        m.set("send", LuaArgs.fn("send", a -> {
            TcpSocket t = TcpSocket.self(a, "send");
            LuaString data = a.checkstring(2);
            long i = a.isnil(3) ? 1 : (long) a.checkdouble(3);
            long j = a.isnil(4) ? -1 : (long) a.checkdouble(4);
            return t.send(data, i, j);
        }));
        m.set("receive", LuaArgs.fn("receive", a -> {
            TcpSocket t = TcpSocket.self(a, "receive");
            LuaValue pattern = a.arg(2);
            if (pattern.type() == TNUMBER && pattern.todouble() < 0) {
                throw LuaArgs.argError(1, "receive", "invalid receive size");
            }
            if (pattern.type() != TNUMBER && !pattern.isnil()) {
                String p = LuaArgs.checkMethodString(a, 2, "receive");
                String q = p.startsWith("*") ? p.substring(1) : p;
                if (!q.startsWith("l") && !q.startsWith("a")) {
                    throw LuaArgs.argError(1, "receive", "invalid receive pattern");
                }
            }
            LuaString prefix = a.isnil(3) ? LuaString.valueOf("") : a.checkstring(3);
            byte[] p = new byte[prefix.rawlen()];
            prefix.copyInto(0, p, 0, p.length);
            return t.receive(pattern, p);
        }));
        m.set("close", LuaArgs.fn("close", a -> {
            TcpSocket.self(a, "close").close();
            return Lua54Arith.number(1);
        }));
        m.set("settimeout", LuaArgs.fn("settimeout", a -> {
            TcpSocket t = TcpSocket.self(a, "settimeout");
            t.settimeout(a.isnil(2) ? -1 : a.checkdouble(2));
            return Lua54Arith.number(1);
        }));
        m.set("setoption", LuaArgs.fn("setoption", a -> {
            TcpSocket.self(a, "setoption");
            return Lua54Arith.number(1);
        }));
        m.set("shutdown", LuaArgs.fn("shutdown", a -> {
            TcpSocket.self(a, "shutdown");
            return Lua54Arith.number(1);
        }));
        m.set("dirty", LuaArgs.fn("dirty", a -> valueOf(TcpSocket.self(a, "dirty").dirty())));
        m.set("getfd", LuaArgs.fn("getfd", a -> {
            TcpSocket t = TcpSocket.self(a, "getfd");
            return Lua54Arith.number(t.closed ? -1 : 3);
        }));
        m.set("getstats", LuaArgs.fn("getstats", a -> {
            TcpSocket t = TcpSocket.self(a, "getstats");
            return varargsOf(Lua54Arith.number(t.receivedBytes()), Lua54Arith.number(t.sentBytes()),
                    Lua54Arith.number(t.age()));
        }));
        return m;
    }

    // ---- inet.c, offline -----------------------------------------------------------------------

    /** dns answered without a resolver: literal IPv4 addresses and {@code localhost}. */
    private static LuaTable dns() {
        LuaTable dns = new LuaTable();
        dns.set("toip", LuaArgs.fn("toip", a -> {
            String name = LuaArgs.checkString(a, 1, "toip");
            String ip = name.equals("localhost") ? "127.0.0.1" : isIpv4(name) ? name : null;
            if (ip == null) {
                return varargsOf(NIL, valueOf("host not found"));
            }
            // the hosts file names 127.0.0.1 localhost
            return varargsOf(valueOf(ip), hostent(ip.equals("127.0.0.1") ? "localhost" : ip, ip));
        }));
        dns.set("tohostname", LuaArgs.fn("tohostname", a -> {
            String name = LuaArgs.checkString(a, 1, "tohostname");
            if (name.equals("127.0.0.1") || name.equals("localhost")) {
                return varargsOf(valueOf("localhost"), hostent("localhost", "127.0.0.1"));
            }
            return varargsOf(NIL, valueOf("host not found"));
        }));
        dns.set("gethostname", LuaArgs.fn("gethostname", a -> valueOf(hostname())));
        dns.set("getaddrinfo", LuaArgs.fn("getaddrinfo", a -> {
            String name = LuaArgs.checkString(a, 1, "getaddrinfo");
            String ip = name.equals("localhost") ? "127.0.0.1" : isIpv4(name) ? name : null;
            if (ip == null) {
                return varargsOf(NIL, valueOf(TcpSocket.HOST_NOT_FOUND));
            }
            LuaTable entry = new LuaTable();
            entry.set("family", "inet");
            entry.set("addr", ip);
            LuaTable list = new LuaTable();
            list.set(1, entry);
            return list;
        }));
        dns.set("getnameinfo", LuaArgs.fn("getnameinfo", a -> varargsOf(NIL, valueOf(TcpSocket.HOST_NOT_FOUND))));
        return dns;
    }

    private static LuaTable hostent(String name, String ip) {
        LuaTable t = new LuaTable();
        t.set("name", name);
        t.set("alias", new LuaTable());
        LuaTable ips = new LuaTable();
        ips.set(1, ip);
        t.set("ip", ips);
        return t;
    }

    private static boolean isIpv4(String s) {
        return s.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    }

    /** gethostname(2), as the kernel says it; "localhost" where it cannot be read. */
    private static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException | SecurityException e) {
            return "localhost";
        }
    }
}
