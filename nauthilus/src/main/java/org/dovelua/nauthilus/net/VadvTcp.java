package org.dovelua.nauthilus.net;

import static org.dovelua.nauthilus.LuaFunctions.fn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import okhttp3.HttpUrl;
import org.dovelua.lua.http.HttpRouter;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * vadv/gopher-lua-libs {@code tcp} (tcp/api.go, tcp/loader.go): {@code open(address[, dial_timeout])}
 * gives a connection with {@code write}, {@code read} and {@code close}. The address reaches the stub
 * routed for its {@code host:port} ({@link HttpRouter#targetForOrigin}, as LuaSocket's connect finds
 * one): the stub sees the bytes. An unrouted address fails as Go's dial does for a name that does not
 * resolve, with the router's hint, unless the network is allowed.
 */
public final class VadvTcp extends TwoArgFunction implements AutoCloseable {
    private static final long SECOND = 1_000_000_000L;
    private final HttpRouter router;
    /** Connections the script opened: the run's end closes what it left open. */
    private final java.util.List<Socket> sockets = new java.util.ArrayList<>();

    public VadvTcp(HttpRouter router) {
        this.router = router;
    }

    /** luaTCPClient: the connection and its timeouts (nanoseconds, tcp/api.go defaults). */
    static final class Conn {
        final String address;
        Socket socket;
        long dialTimeout = 5 * SECOND;
        long writeTimeout = SECOND;
        long readTimeout = SECOND;
        long closeTimeout = SECOND;

        Conn(String address) {
            this.address = address;
        }
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable funcs = new LuaTable();
        funcs.set("write", fn(this::write));
        funcs.set("read", fn(this::read));
        funcs.set("close", fn(this::closeConn));
        LuaTable mt = new LuaTable(); // the "tcp_client_ud" type metatable, also a global
        mt.set("__index", fn(a -> {
            Conn c = check(a, 1);
            String k = a.checkjstring(2);
            return switch (k) {
                case "dialTimeout" -> seconds(c.dialTimeout);
                case "writeTimeout" -> seconds(c.writeTimeout);
                case "readTimeout" -> seconds(c.readTimeout);
                case "closeTimeout" -> seconds(c.closeTimeout);
                default -> funcs.get(k);
            };
        }));
        mt.set("__newindex", fn(a -> {
            Conn c = check(a, 1);
            String k = a.checkjstring(2);
            switch (k) {
                case "dialTimeout" -> c.dialTimeout = nanos(a.checkdouble(3));
                case "writeTimeout" -> c.writeTimeout = nanos(a.checkdouble(3));
                case "readTimeout" -> c.readTimeout = nanos(a.checkdouble(3));
                case "closeTimeout" -> c.closeTimeout = nanos(a.checkdouble(3));
                default -> { }
            }
            return NONE;
        }));
        if (env.istable()) {
            env.set("tcp_client_ud", mt);
        }
        LuaTable mod = new LuaTable();
        mod.set("open", fn(a -> open(a, mt)));
        return mod;
    }

    private static LuaValue seconds(long nanos) {
        return valueOf((double) nanos / SECOND);
    }

    private static long nanos(double seconds) {
        return (long) (seconds * SECOND);
    }

    private static Conn check(Varargs a, int n) {
        LuaValue v = a.arg(n);
        if (!v.isuserdata()) {
            a.checkuserdata(n);
        }
        if (v.touserdata() instanceof Conn c) {
            return c;
        }
        throw new LuaError("bad argument #" + n + " to ? (tcp connection expected)");
    }

    /** Open: nil and the dial error text, or the connection. */
    private Varargs open(Varargs a, LuaTable mt) {
        String addr = a.checkjstring(1);
        Conn c = new Conn(addr);
        if (a.arg(2).type() == TNUMBER) {
            c.dialTimeout = nanos(a.arg(2).todouble());
        }
        String err = connect(c);
        if (err != null) {
            return varargsOf(NIL, valueOf(err));
        }
        return new LuaUserdata(c, mt);
    }

    /** net.DialTimeout("tcp", address): the routed stub, or the real network when allowed. */
    private String connect(Conn c) {
        String addr = c.address;
        int colon = addr.lastIndexOf(':');
        if (colon < 0) {
            return "dial tcp: address " + addr + ": missing port in address"; // net/ipsock.go SplitHostPort
        }
        String host = addr.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(addr.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            return "dial tcp: lookup tcp/" + addr.substring(colon + 1) + ": unknown port"; // net/lookup.go LookupPort
        }
        HttpUrl stub = router.targetForOrigin(host, port);
        if (stub == null && !router.networkAllowed()) {
            router.hintOnce("tcp " + host + ":" + port, addr + " has no stub, so tcp.open fails as on a host that "
                    + "does not resolve: add --stub http://" + host + ":" + port + "=KIND:FILE (the stub server"
                    + " sees the raw bytes), or --allow-network");
            return "dial tcp: lookup " + host + ": no such host"; // net.Dial's DNSError (cgo resolver's text)
        }
        String h = stub == null ? host : stub.host();
        int p = stub == null ? port : stub.port();
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(h, p), (int) Math.max(1, Math.min(Integer.MAX_VALUE, c.dialTimeout / 1_000_000)));
            c.socket = s;
            synchronized (sockets) {
                sockets.add(s);
            }
            return null;
        } catch (ConnectException e) {
            return "dial tcp " + host + ":" + port + ": connect: connection refused";
        } catch (SocketTimeoutException e) {
            return "dial tcp " + host + ":" + port + ": i/o timeout";
        } catch (IOException e) {
            return "dial tcp " + host + ":" + port + ": " + e.getMessage();
        }
    }

    /**
     * Write (io.IOWriterWrite): every argument after the connection is written; nothing is
     * returned, a failure is an argument error naming the piece.
     */
    private Varargs write(Varargs a) {
        Conn c = check(a, 1);
        for (int i = 2; i <= a.narg(); i++) {
            a.checkstring(i);
        }
        for (int i = 2; i <= a.narg(); i++) {
            LuaString s = a.checkstring(i);
            byte[] b = new byte[s.rawlen()];
            s.copyInto(0, b, 0, b.length);
            try {
                OutputStream out = c.socket.getOutputStream();
                out.write(b);
                out.flush();
            } catch (IOException e) {
                throw new LuaError("bad argument #" + i + " to ? (" + goIoError(c, "write", e) + ")");
            }
        }
        return NONE;
    }

    /** Read (io.IOReaderRead), default 1024 bytes: a number reads up to n bytes, nil at EOF; "*a", "*l". */
    private Varargs read(Varargs a) {
        Conn c = check(a, 1);
        LuaValue fmt = a.narg() < 2 ? valueOf(1024) : a.arg(2);
        if (fmt.isnil()) {
            fmt = valueOf("*l");
        }
        try {
            c.socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, c.readTimeout / 1_000_000)));
            InputStream in = c.socket.getInputStream();
            if (fmt.type() == TNUMBER) {
                int n = fmt.toint();
                if (n <= 0) {
                    return valueOf("");
                }
                byte[] buf = new byte[n];
                int got = in.read(buf);
                return got < 0 ? NIL : LuaString.valueOf(buf, 0, got);
            }
            String f = fmt.tojstring();
            if (f.startsWith("*a")) {
                return LuaString.valueOf(in.readAllBytes());
            }
            if (f.startsWith("*l")) {
                java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    line.write(b);
                }
                if (b < 0 && line.size() == 0) {
                    return NIL;
                }
                return LuaString.valueOf(line.toByteArray());
            }
            throw new LuaError("bad argument #2 to ? (unknown fmt string)");
        } catch (IOException e) {
            throw new LuaError(goIoError(c, "read", e));
        }
    }

    private Varargs closeConn(Varargs a) {
        Conn c = check(a, 1);
        try {
            c.socket.close();
        } catch (IOException e) {
            throw new LuaError(goIoError(c, "close", e));
        }
        return NONE;
    }

    /** net.OpError's text: {@code read tcp LOCAL->REMOTE: i/o timeout}. */
    private static String goIoError(Conn c, String op, IOException e) {
        String cause = e instanceof SocketTimeoutException ? "i/o timeout"
                : c.socket.isClosed() ? "use of closed network connection" : String.valueOf(e.getMessage());
        return op + " tcp " + c.socket.getLocalSocketAddress() + "->" + c.address + ": " + cause;
    }

    /** The run is over: every connection still open is closed. */
    @Override
    public void close() {
        synchronized (sockets) {
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException e) {
                    // nothing later sees it
                }
            }
            sockets.clear();
        }
    }
}
