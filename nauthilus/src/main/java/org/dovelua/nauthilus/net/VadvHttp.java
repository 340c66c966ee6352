package org.dovelua.nauthilus.net;

import static org.dovelua.nauthilus.LuaFunctions.fn;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * vadv/gopher-lua-libs {@code http} (http/loader.go, http/client/client.go, request.go): {@code client(config)},
 * {@code request(verb, url[, body])}, {@code client:do_request(req)} giving {@code {code, body, headers}},
 * {@code req:set_basic_auth}, {@code req:header_set}, {@code query_escape}/{@code query_unescape}, over
 * {@link GoHttpTransport} (a {@code --stub} answers; others fail as an unresolvable host). The HTTP server,
 * {@code file_request}, {@code parse_url}/{@code build_url} and the client's cookie jar are not emulated:
 * calling them raises an error naming them.
 */
public final class VadvHttp extends TwoArgFunction implements AutoCloseable {
    /** client.go DefaultUserAgent and DefaultTimeout. */
    static final String DEFAULT_USER_AGENT = "gopher-lua";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private final GoHttpTransport transport;

    public VadvHttp(HttpRouter router) {
        this.transport = new GoHttpTransport(router);
    }

    @Override
    public void close() {
        transport.close();
    }

    /** LuaClient's settings. */
    static final class Client {
        Duration timeout = DEFAULT_TIMEOUT;
        String userAgent = DEFAULT_USER_AGENT;
        String basicUser;
        String basicPassword;
        Map<String, String> headers;
    }

    /** luaRequest: an http.Request being built (headers as req.Header.Set leaves them). */
    static final class Req {
        final String method;
        final String url;
        final byte[] body;
        final Map<String, Map.Entry<String, String>> headers = new LinkedHashMap<>();

        Req(String method, String url, byte[] body) {
            this.method = method;
            this.url = url;
            this.body = body;
        }

        void set(String name, String value) { // http.Header.Set: one value under the canonical name
            String key = GoHeaders.canonical(name);
            headers.put(key, Map.entry(key, value));
        }
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable clientMt = new LuaTable(); // http_client_ud
        LuaTable clientMethods = new LuaTable();
        clientMethods.set("do_request", fn(this::doRequest));
        clientMt.set("__index", clientMethods);
        LuaTable requestMt = new LuaTable(); // http_request_ud
        LuaTable requestMethods = new LuaTable();
        requestMethods.set("set_basic_auth", fn(a -> {
            Req r = check(a, 1, Req.class, "http request expected");
            r.set("Authorization", basic(a.checkvalue(2).tojstring(), a.checkvalue(3).tojstring()));
            return NONE;
        }));
        requestMethods.set("header_set", fn(a -> {
            Req r = check(a, 1, Req.class, "http request expected");
            r.set(a.checkvalue(2).tojstring(), a.checkvalue(3).tojstring());
            return NONE;
        }));
        requestMt.set("__index", requestMethods);
        if (env.istable()) {
            env.set("http_client_ud", clientMt);
            env.set("http_request_ud", requestMt);
        }
        LuaTable mod = new LuaTable();
        mod.set("client", fn(a -> newClient(a, clientMt)));
        mod.set("request", fn(a -> {
            String verb = a.checkjstring(1);
            String url = a.checkjstring(2);
            byte[] body = new byte[0];
            if (a.narg() > 2) {
                LuaString s = a.checkstring(3);
                body = new byte[s.rawlen()];
                s.copyInto(0, body, 0, body.length);
            }
            Req r = new Req(verb, url, body);
            r.set("User-Agent", DEFAULT_USER_AGENT);
            return new LuaUserdata(r, requestMt);
        }));
        // util/util.go: url.QueryEscape / url.QueryUnescape
        mod.set("query_escape", fn(a -> valueOf(URLEncoder.encode(a.checkjstring(1), StandardCharsets.UTF_8)
                .replace("*", "%2A").replace("%7E", "~"))));
        mod.set("query_unescape", fn(a -> queryUnescape(a.checkjstring(1))));
        for (String name : new String[] {"server", "serve_static", "file_request", "parse_url", "build_url"}) {
            mod.set(name, fn(a -> {
                throw new LuaError("dovelua: http." + name + " (vadv/gopher-lua-libs) is not emulated by dovelua");
            }));
        }
        return mod;
    }

    /** net/url QueryUnescape: '+' is a space, %XX a byte; a bad escape is nil and Go's error text. */
    static Varargs queryUnescape(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '%') {
                if (i + 2 >= b.length || Character.digit(b[i + 1], 16) < 0 || Character.digit(b[i + 2], 16) < 0) {
                    String bad = new String(b, i, Math.min(3, b.length - i), StandardCharsets.UTF_8);
                    return varargsOf(NIL, valueOf("invalid URL escape " + org.dovelua.lua.gopher.GoQuote.quote(bad)));
                }
                out.write(Character.digit(b[i + 1], 16) * 16 + Character.digit(b[i + 2], 16));
                i += 2;
            } else {
                out.write(b[i] == '+' ? ' ' : b[i]);
            }
        }
        return LuaString.valueOf(out.toByteArray());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static <T> T check(Varargs a, int n, Class<T> type, String what) {
        LuaValue v = a.arg(n);
        if (!v.isuserdata()) {
            a.checkuserdata(n);
        }
        Object o = v.touserdata();
        if (type.isInstance(o)) {
            return type.cast(o);
        }
        throw new LuaError("bad argument #" + n + " to ? (" + what + ")");
    }

    /** client.go New: the config keys it reads; TLS and proxy settings have nothing to act on offline. */
    private static Varargs newClient(Varargs a, LuaTable mt) {
        Client c = new Client();
        if (a.narg() > 0) {
            LuaTable config = a.checktable(1);
            LuaValue k = NIL;
            while (true) {
                Varargs n = config.next(k);
                if ((k = n.arg1()).isnil()) {
                    break;
                }
                LuaValue v = n.arg(2);
                switch (k.tojstring()) {
                    case "timeout" -> {
                        if (v.type() != TNUMBER) {
                            throw argError("timeout must be number");
                        }
                        c.timeout = Duration.ofSeconds((long) v.todouble()); // time.Duration(value) * time.Second
                    }
                    case "user_agent" -> c.userAgent = string(v, "user_agent must be string");
                    case "basic_auth_user" -> c.basicUser = string(v, "basic_auth_user must be string");
                    case "basic_auth_password" -> c.basicPassword = string(v, "basic_auth_password must be string");
                    case "headers" -> {
                        if (!v.istable()) {
                            throw argError("headers must be table");
                        }
                        Map<String, String> hs = new LinkedHashMap<>();
                        LuaValue hk = NIL;
                        while (true) {
                            Varargs hn = v.next(hk);
                            if ((hk = hn.arg1()).isnil()) {
                                break;
                            }
                            if (hk.type() != TSTRING || hn.arg(2).type() != TSTRING) {
                                throw argError("headers must be table of key-values string");
                            }
                            hs.put(hk.tojstring(), hn.arg(2).tojstring());
                        }
                        c.headers = hs;
                    }
                    case "insecure_ssl", "debug" -> {
                        if (!v.isboolean()) {
                            throw argError(k.tojstring() + " must be bool");
                        }
                    }
                    case "proxy", "root_cas_pem_file" -> string(v, (k.tojstring().equals("proxy") ? "http_proxy"
                            : "root_cas_pem_file") + " must be string");
                    default -> { }
                }
            }
        }
        return new LuaUserdata(c, mt);
    }

    private static LuaError argError(String msg) {
        return new LuaError("bad argument #1 to ? (" + msg + ")");
    }

    private static String string(LuaValue v, String msg) {
        if (v.type() != TSTRING) {
            throw argError(msg);
        }
        return v.tojstring();
    }

    /** request.go DoRequest with client.go updateRequest: {code, body, headers} or nil and the error. */
    private Varargs doRequest(Varargs a) {
        Client c = check(a, 1, Client.class, "http client expected");
        Req r = check(a, 2, Req.class, "http request expected");
        if (c.basicUser != null && c.basicPassword != null) {
            r.set("Authorization", basic(c.basicUser, c.basicPassword));
        }
        r.set("User-Agent", c.userAgent);
        if (c.headers != null) {
            c.headers.forEach(r::set);
        }
        GoHttpTransport.GoResponse res;
        try {
            res = transport.send(r.method, r.url, new ArrayList<>(r.headers.values()),
                    r.body.length == 0 ? null : r.body, c.timeout);
        } catch (GoHttpTransport.GoHttpError e) {
            return varargsOf(NIL, valueOf(e.getMessage()));
        }
        LuaTable headers = new LuaTable();
        for (Map.Entry<String, String> h : res.headers()) {
            String key = GoHeaders.canonical(h.getKey());
            if (headers.rawget(key).isnil()) {
                headers.rawset(key, valueOf(h.getValue()));
            }
        }
        LuaTable result = new LuaTable();
        result.set("code", valueOf((double) res.status()));
        result.set("body", LuaString.valueOf(res.body()));
        result.set("headers", headers);
        return result;
    }

}
