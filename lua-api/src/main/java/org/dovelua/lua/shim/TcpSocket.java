package org.dovelua.lua.shim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.HttpUrl;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.ScriptDebugLib;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A LuaSocket TCP object (luasocket src/tcp.c, buffer.c, inet.c) whose only network is the
 * {@link HttpRouter}: {@code connect(host, port)} reaches the stub routed for that host and port
 * (any scheme: LuaSocket connects before it says a path), or the real host under
 * {@code --allow-network}; anything else fails as a name that does not resolve. When the first
 * bytes sent are an HTTP request line, the request's own URL picks the route (a stub per path
 * prefix), and at {@code close()} the exchange is recorded as {@code dovecot.http}'s are, so
 * {@code --trace-http} and {@code expect: http:} see requests LuaSocket's http.lua makes. LuaSec's
 * {@code ssl.wrap} only marks the object as TLS ({@link LuaSecLib}): stubs speak plain HTTP.
 */
final class TcpSocket {
    /** gai_strerror(EAI_NONAME), which inet_tryconnect returns for a name that does not resolve. */
    static final String HOST_NOT_FOUND = "host or service not provided, or not known";
    private static final AtomicLong ADDRESSES = new AtomicLong(0x55d5_0000_1000L);
    private static final int RECORD_LIMIT = 1 << 20;

    private final HttpRouter router;
    private final ScriptDebugLib budget;
    private final java.util.function.Consumer<TcpSocket> whenClosed;
    final long address = ADDRESSES.addAndGet(0x150);
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int lim;
    boolean client;
    boolean closed;
    boolean tls;
    /** The name LuaSec's {@code sni} gave, for a real handshake. */
    String sni;
    /** Seconds; negative blocks (tcp.c's {@code timeout_settimeout}). */
    private double timeout = -1;
    private String host;
    private int port;
    private HttpUrl target;
    private boolean firstSend = true;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final long created = System.nanoTime();

    TcpSocket(HttpRouter router, ScriptDebugLib budget, java.util.function.Consumer<TcpSocket> whenClosed) {
        this.whenClosed = whenClosed;
        this.router = router;
        this.budget = budget;
    }

    String className() {
        return client ? "tcp{client}" : "tcp{master}";
    }

    /** {@code meth_connect}: nil and the error text, or null when connected. */
    String connect(String host, int port) {
        client = true; // tcp.c sets the class even when the connect fails
        this.host = host;
        this.port = port;
        HttpUrl stub = router.targetForOrigin(host, port);
        if (stub == null && !router.networkAllowed()) {
            router.hintOnce("tcp " + host + ":" + port, host + ":" + port + " has no stub, so LuaSocket's connect "
                    + "fails as on a host that does not resolve: for HTTP(S) add --stub http" + (port == 443 ? "s" : "")
                    + "://" + host + (port == 80 || port == 443 ? "" : ":" + port)
                    + "=KIND:FILE (static, nauthilus or nextcloud), or --allow-network; raw TCP to other services "
                    + "is not emulated yet");
            return HOST_NOT_FOUND;
        }
        target = stub;
        return open(stub == null ? host : stub.host(), stub == null ? port : stub.port());
    }

    private String open(String h, int p) {
        closeQuietly();
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(h, p), timeoutMillis());
            socket = s;
            in = s.getInputStream();
            out = s.getOutputStream();
            pos = lim = 0;
            return null;
        } catch (ConnectException e) {
            return "connection refused";
        } catch (SocketTimeoutException e) {
            return "timeout";
        } catch (java.net.UnknownHostException e) {
            return HOST_NOT_FOUND;
        } catch (IOException e) {
            return String.valueOf(e.getMessage());
        } finally {
            if (socket != s) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // never connected
                }
            }
        }
    }

    /** LuaSec's handshake: with a stub, nothing (stubs are plain HTTP); on the real network, TLS. */
    String handshake(String sni) {
        if (target != null || socket == null || !router.networkAllowed()) {
            return null;
        }
        try {
            socket = ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, sni == null ? host : sni,
                    port, true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            return null;
        } catch (IOException e) {
            return String.valueOf(e.getMessage());
        }
    }

    /** The socket timeout: the script's, bounded by what is left of the call's budget. */
    private int timeoutMillis() {
        long ms = timeout < 0 ? Long.MAX_VALUE : (long) (timeout * 1000);
        if (budget != null) {
            long left = budget.nanosLeft();
            if (left != Long.MAX_VALUE) {
                ms = Math.min(ms, Math.max(1, left / 1_000_000));
            }
        }
        return ms == Long.MAX_VALUE ? 0 : (int) Math.max(1, Math.min(ms, Integer.MAX_VALUE));
    }

    void settimeout(double seconds) {
        timeout = seconds;
    }

    // ---- send ----------------------------------------------------------------------------------

    /** {@code buffer_meth_send}: the index of the last byte sent, or nil, the error, the last index. */
    Varargs send(LuaString data, long start, long end) {
        long size = data.rawlen();
        if (start < 0) {
            start = size + start + 1;
        }
        if (end < 0) {
            end = size + end + 1;
        }
        if (start < 1) {
            start = 1;
        }
        if (end > size) {
            end = size;
        }
        if (closed || socket == null) {
            return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf("closed"), Lua54Arith.number(start - 1));
        }
        if (start > end) {
            return LuaValue.varargsOf(Lua54Arith.number(start - 1), LuaValue.NIL, LuaValue.NIL);
        }
        byte[] bytes = new byte[(int) (end - start + 1)];
        data.copyInto((int) start - 1, bytes, 0, bytes.length);
        String error = null;
        if (firstSend) {
            firstSend = false;
            error = routeByRequestLine(bytes);
        }
        if (error == null) {
            try {
                out.write(bytes);
                out.flush();
                record(sent, bytes, 0, bytes.length);
            } catch (IOException e) {
                error = "closed";
            }
        }
        if (error != null) {
            return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(error), Lua54Arith.number(start - 1));
        }
        return LuaValue.varargsOf(Lua54Arith.number(end), LuaValue.NIL, LuaValue.NIL);
    }

    /**
     * The router maps URL prefixes: once the request line says the path, a route with a longer
     * prefix than the origin's may name another stub, which this connection then reaches instead.
     */
    private String routeByRequestLine(byte[] first) {
        if (target == null) {
            return null;
        }
        String requested = requestUrl(firstLine(first));
        HttpUrl url = requested == null ? null : HttpUrl.parse(requested); // not HTTP: the origin's stub

        HttpUrl routed = url == null ? null : router.targetFor(url);
        if (routed == null || routed.equals(target)) {
            return null;
        }
        target = routed;
        return open(routed.host(), routed.port());
    }

    private static String firstLine(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 8192), StandardCharsets.ISO_8859_1);
        int eol = s.indexOf("\r\n");
        return eol < 0 ? s : s.substring(0, eol);
    }

    /** The URL a request line asks for on this connection (an absolute URI, through a proxy, as is). */
    String requestUrl(String requestLine) {
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
            return null;
        }
        String uri = parts[1];
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            return uri;
        }
        String scheme = tls ? "https" : "http";
        boolean defaultPort = port == (tls ? 443 : 80);
        String h = host.contains(":") ? "[" + host + "]" : host;
        return scheme + "://" + h + (defaultPort ? "" : ":" + port) + uri;
    }

    // ---- receive -------------------------------------------------------------------------------

    /** The error of a failed read: "closed", "timeout", or null when {@code n} bytes came. */
    private String fill() {
        if (pos < lim) {
            return null;
        }
        if (closed || socket == null) {
            return "closed";
        }
        try {
            socket.setSoTimeout(timeoutMillis());
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                return "closed";
            }
            record(received, buf, 0, n);
            pos = 0;
            lim = n;
            return null;
        } catch (SocketTimeoutException e) {
            return "timeout";
        } catch (IOException e) {
            return "closed";
        }
    }

    /** {@code buffer_meth_receive}: the data, or nil, the error and the partial result. */
    Varargs receive(LuaValue pattern, byte[] prefix) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(prefix, 0, prefix.length);
        String err;
        if (pattern.type() == LuaValue.TNUMBER) {
            long wanted = (long) pattern.todouble();
            err = wanted > prefix.length ? recvraw(wanted - prefix.length, b) : null;
        } else {
            String p = pattern.isnil() ? "*l" : pattern.tojstring();
            if (p.startsWith("*")) {
                p = p.substring(1);
            }
            err = p.startsWith("l") ? recvline(b) : recvall(b);
        }
        LuaString data = LuaString.valueUsing(b.toByteArray());
        return err == null ? LuaValue.varargsOf(data, LuaValue.NIL, LuaValue.NIL)
                : LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(err), data);
    }

    private String recvraw(long wanted, ByteArrayOutputStream b) {
        while (wanted > 0) {
            String err = fill();
            if (err != null) {
                return err;
            }
            int n = (int) Math.min(wanted, lim - pos);
            b.write(buf, pos, n);
            pos += n;
            wanted -= n;
        }
        return null;
    }

    /** {@code recvline}: up to LF, every CR dropped. */
    private String recvline(ByteArrayOutputStream b) {
        while (true) {
            String err = fill();
            if (err != null) {
                return err;
            }
            while (pos < lim) {
                byte c = buf[pos++];
                if (c == '\n') {
                    return null;
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
        }
    }

    /** {@code recvall}: until the peer closes; "closed" only when nothing came. */
    private String recvall(ByteArrayOutputStream b) {
        int total = 0;
        while (true) {
            String err = fill();
            if (err != null) {
                return err.equals("closed") && total > 0 ? null : err;
            }
            b.write(buf, pos, lim - pos);
            total += lim - pos;
            pos = lim;
        }
    }

    /** Input buffered or waiting on the socket. */
    boolean readable() {
        if (pos < lim) {
            return true;
        }
        try {
            return !closed && socket != null && in.available() > 0;
        } catch (IOException e) {
            return true; // a read will say what happened
        }
    }

    boolean dirty() {
        return pos < lim;
    }

    double age() {
        return (System.nanoTime() - created) / 1e9;
    }

    long sentBytes() {
        return sent.size();
    }

    long receivedBytes() {
        return received.size();
    }

    private static void record(ByteArrayOutputStream to, byte[] b, int off, int n) {
        if (to.size() < RECORD_LIMIT) {
            to.write(b, off, Math.min(n, RECORD_LIMIT - to.size()));
        }
    }

    // ---- close ---------------------------------------------------------------------------------

    /** {@code meth_close}: records the HTTP exchange this connection carried, if any. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        whenClosed.accept(this);
        closeQuietly();
        byte[] request = sent.toByteArray();
        if (request.length > 0) {
            String url = requestUrl(firstLine(request));
            if (url != null) {
                router.record(WireExchange.parse(url, request, received.toByteArray()));
            }
        }
    }

    private void closeQuietly() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
            socket = null;
        }
    }

    // ---- the Lua side --------------------------------------------------------------------------

    /** The object of argument 1, or lauxlib's error naming the class the method wants. */
    static TcpSocket self(Varargs args, String fn) {
        LuaValue v = args.arg1();
        if (v instanceof LuaUserdata u && u.userdata() instanceof TcpSocket t) {
            return t;
        }
        throw LuaArgs.argError(1, fn, "tcp{any} expected, got " + LuaArgs.typeName(args, 1));
    }

    static String tostring(String cls, long address) {
        return cls + ": 0x" + String.format("%012x", address);
    }

    static LuaTable newMetatable(String cls, LuaTable methods) {
        LuaTable index = new LuaTable();
        for (LuaValue k = methods.next(LuaValue.NIL).arg1(); !k.isnil(); k = methods.next(k).arg1()) {
            index.rawset(k, methods.rawget(k));
        }
        index.rawset("class", cls);
        LuaTable mt = new LuaTable();
        mt.rawset("__index", index);
        mt.rawset("__name", cls);
        mt.rawset("__tostring", LuaArgs.fn("tostring", a -> {
            TcpSocket t = self(a, "tostring");
            return LuaValue.valueOf(tostring(cls, t.address));
        }));
        return mt;
    }
}
