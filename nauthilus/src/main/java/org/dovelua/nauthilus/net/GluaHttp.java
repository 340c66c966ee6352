package org.dovelua.nauthilus.net;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.nauthilus.GoDuration;
import org.dovelua.nauthilus.GoValues;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The real {@code glua_http} (cjoudrey/gluahttp gluahttp.go, httpresponsetype.go) that test mode keeps
 * when the fixture has no {@code http_client} block (mocks.go {@code setupHTTPClientMock}), over
 * {@link GoHttpTransport}: a {@code --stub} answers, an unstubbed host fails as Go's transport does.
 */
public final class GluaHttp extends TwoArgFunction implements AutoCloseable {
    private final GoHttpTransport transport;

    public GluaHttp(HttpRouter router) {
        this.transport = new GoHttpTransport(router);
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable mod = new LuaTable();
        LuaTable mt = new LuaTable(); // registerHttpResponseType: the "http.response" metatable
        mt.set("__index", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                return index(a);
            }
        });
        for (String m : new String[] {"get", "delete", "head", "patch", "post", "put"}) {
            mod.set(m, new VarArgFunction() {
                @Override
                public Varargs invoke(Varargs a) {
                    return push(m, a.arg(1).isnil() ? "" : a.arg(1).tojstring(), table(a.arg(2)), mt);
                }
            });
        }
        mod.set("request", new VarArgFunction() { // request(method, url, options)
            @Override
            public Varargs invoke(Varargs a) {
                return push(a.arg(1).isnil() ? "" : a.arg(1).tojstring(), a.arg(2).isnil() ? "" : a.arg(2).tojstring(),
                        table(a.arg(3)), mt);
            }
        });
        mod.set("request_batch", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                return batch(a.checktable(1), mt);
            }
        });
        mod.set("response", mt);
        return mod;
    }

    /** The run is over: the connections it kept alive are closed. */
    @Override
    public void close() {
        transport.close();
    }

    /** gluahttp's L.ToTable: a table or nil. */
    private static LuaTable table(LuaValue v) {
        return v.istable() ? (LuaTable) v : null;
    }

    /** doRequestAndPush: the response, or nil and the error text. */
    private Varargs push(String method, String url, LuaTable options, LuaTable mt) {
        try {
            return request(method, url, options, mt);
        } catch (GoHttpTransport.GoHttpError e) {
            return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(e.getMessage()));
        }
    }

    /**
     * requestBatch: the requests one after another (upstream runs them in goroutines; the answers are
     * the same), the responses table, and the errors table only when one failed. Both are filled with
     * LTable.Append, which skips nil (gopher-lua table.go): each holds only its own entries, in order.
     */
    private Varargs batch(LuaTable requests, LuaTable mt) {
        LuaTable responses = new LuaTable();
        LuaTable errors = new LuaTable();
        LuaValue k = LuaValue.NIL;
        while (true) { // requests.ForEach
            Varargs n = requests.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            LuaValue r = n.arg(2);
            if (r.istable()) {
                try {
                    responses.rawset(responses.rawlen() + 1,
                            request(r.rawget(1).tojstring(), r.rawget(2).tojstring(), table(r.rawget(3)), mt));
                    continue;
                } catch (GoHttpTransport.GoHttpError e) {
                    errors.rawset(errors.rawlen() + 1, LuaValue.valueOf(e.getMessage()));
                }
            } else {
                errors.rawset(errors.rawlen() + 1, LuaValue.valueOf("Request must be a table"));
            }
        }
        return errors.rawlen() > 0 ? LuaValue.varargsOf(responses, errors) : responses;
    }

    /** doRequest: the options table read as gluahttp reads it. */
    private LuaValue request(String method, String url, LuaTable options, LuaTable mt)
            throws GoHttpTransport.GoHttpError {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        byte[] body = null;
        Duration timeout = null;
        String target = url;
        if (options != null) {
            LuaValue cookies = options.rawget("cookies");
            if (cookies.istable()) {
                List<String> pairs = new ArrayList<>();
                GoValues.forEach((LuaTable) cookies, (ck, cv) -> pairs.add(ck.tojstring() + "=" + cv.tojstring()));
                if (!pairs.isEmpty()) {
                    headers.add(Map.entry("Cookie", String.join("; ", pairs))); // req.AddCookie joins with "; "
                }
            }
            LuaValue query = options.rawget("query");
            if (query.type() == LuaValue.TSTRING) {
                int q = target.indexOf('?');
                int f = target.indexOf('#');
                String base = q >= 0 ? target.substring(0, q) : f >= 0 ? target.substring(0, f) : target;
                target = base + (query.tojstring().isEmpty() ? "" : "?" + query.tojstring());
            }
            LuaValue b = options.rawget("body");
            if (b.type() != LuaValue.TSTRING) {
                b = options.rawget("form");
                if (b.type() == LuaValue.TSTRING) {
                    headers.add(Map.entry("Content-Type", "application/x-www-form-urlencoded"));
                }
            }
            if (b.type() == LuaValue.TSTRING) {
                LuaString s = b.checkstring();
                body = new byte[s.rawlen()];
                s.copyInto(0, body, 0, body.length);
            }
            LuaValue t = options.rawget("timeout");
            if (!t.isnil()) {
                if (t.type() == LuaValue.TNUMBER) {
                    timeout = Duration.ofSeconds((long) t.todouble()); // time.Second * time.Duration(int(n))
                } else if (t.type() == LuaValue.TSTRING) {
                    Long nanos = GoDuration.parse(t.tojstring());
                    timeout = nanos == null ? null : Duration.ofNanos(nanos);
                    if (timeout == null) {
                        throw new GoHttpTransport.GoHttpError("time: invalid duration " + org.dovelua.lua.gopher.GoQuote
                                .quote(t.tojstring()));
                    }
                } else {
                    timeout = Duration.ZERO;
                }
                if (timeout.isZero() || timeout.isNegative()) {
                    timeout = Duration.ofNanos(1); // context.WithTimeout(0): already expired
                }
            }
            LuaValue auth = options.rawget("auth");
            if (auth.istable()) {
                LuaValue user = auth.rawget("user");
                LuaValue pass = auth.rawget("pass");
                if (!user.toboolean() || !pass.toboolean()) {
                    throw new GoHttpTransport.GoHttpError("auth table must contain no nil user and pass fields");
                }
                headers.add(Map.entry("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user.tojstring() + ":" + pass.tojstring()).getBytes(StandardCharsets.UTF_8))));
            }
            LuaValue hs = options.rawget("headers");
            if (hs.istable()) {
                GoValues.forEach((LuaTable) hs, (hk, hv) -> { // req.Header.Set: one value per name
                    headers.removeIf(e -> e.getKey().equalsIgnoreCase(hk.tojstring()));
                    headers.add(Map.entry(hk.tojstring(), hv.tojstring()));
                });
            }
        }
        GoHttpTransport.GoResponse res = transport.send(method, target, headers, body, timeout);
        return new LuaUserdata(res, mt);
    }


    /** httpResponseIndex. */
    private static Varargs index(Varargs a) {
        LuaValue ud = a.arg(1);
        if (!(ud.isuserdata() && ud.touserdata() instanceof GoHttpTransport.GoResponse res)) {
            throw new LuaError("bad argument #1 to ? (http.response expected)");
        }
        switch (a.checkjstring(2)) {
            case "headers": {
                // res.Header: canonical names, Get gives the first value
                Map<String, String> first = new LinkedHashMap<>();
                for (Map.Entry<String, String> h : res.headers()) {
                    first.putIfAbsent(GoHeaders.canonical(h.getKey()), h.getValue());
                }
                LuaTable t = new LuaTable();
                first.forEach((k, v) -> t.rawset(k, LuaValue.valueOf(v)));
                return t;
            }
            case "cookies": {
                LuaTable t = new LuaTable();
                for (Map.Entry<String, String> h : res.headers()) {
                    if (h.getKey().equalsIgnoreCase("Set-Cookie")) {
                        String pair = h.getValue().split(";", 2)[0].strip();
                        int eq = pair.indexOf('=');
                        if (eq > 0) {
                            String v = pair.substring(eq + 1);
                            if (v.length() > 1 && v.startsWith("\"") && v.endsWith("\"")) {
                                v = v.substring(1, v.length() - 1); // cookie.go readSetCookies strips the quotes
                            }
                            t.rawset(pair.substring(0, eq), LuaValue.valueOf(v));
                        }
                    }
                }
                return t;
            }
            case "status_code":
                return LuaValue.valueOf((double) res.status());
            case "url":
                return LuaValue.valueOf(res.url());
            case "body":
                return LuaValue.valueOf(res.body());
            case "body_size":
                return LuaValue.valueOf((double) res.body().length);
            default:
                return LuaValue.NONE;
        }
    }
}
