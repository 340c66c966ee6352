package org.dovelua.nauthilus.luatest;

import java.util.Locale;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code glua_http} when the fixture has no {@code http_client} block. Test mode then loads the
 * real gluahttp (mocks.go {@code setupHTTPClientMock}), which would reach the network; dovelua is
 * offline, so every request fails as gluahttp reports a transport error ({@code doRequestAndPush}:
 * {@code nil, err}; Go's url.Error text {@code Post "URL": ...}), naming the fixture block that answers it.
 */
final class OfflineGluaHttp {
    private OfflineGluaHttp() {
    }

    static LuaValue loader() {
        return new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue modname, LuaValue env) {
                LuaTable mod = new LuaTable();
                for (String m : new String[] {"get", "delete", "head", "patch", "post", "put"}) {
                    mod.set(m, request(m, 1));
                }
                mod.set("request", new VarArgFunction() { // request(method, url, options)
                    @Override
                    public Varargs invoke(Varargs a) {
                        return varargsOf(NIL, valueOf(transportError(a.arg(1).tojstring(), a.arg(2).tojstring())));
                    }
                });
                mod.set("request_batch", new VarArgFunction() { // requestBatch: responses, errors
                    @Override
                    public Varargs invoke(Varargs a) {
                        LuaTable responses = new LuaTable();
                        LuaTable errors = new LuaTable();
                        LuaTable requests = a.checktable(1);
                        int n = requests.length();
                        for (int i = 1; i <= n; i++) {
                            LuaValue r = requests.get(i);
                            errors.set(i, r.istable() ? valueOf(transportError(r.get(1).tojstring(), r.get(2).tojstring()))
                                    : valueOf("Request must be a table"));
                        }
                        return n == 0 ? responses : varargsOf(responses, errors);
                    }
                });
                return mod;
            }
        };
    }

    private static VarArgFunction request(String method, int urlArg) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                return varargsOf(NIL, valueOf(transportError(method, a.arg(urlArg).tojstring())));
            }
        };
    }

    /** net/http's url.Error: the method as {@code Post}, the URL quoted, then the cause. */
    static String transportError(String method, String url) {
        String m = method.toUpperCase(Locale.ROOT);
        String op = m.isEmpty() ? "" : m.charAt(0) + m.substring(1).toLowerCase(Locale.ROOT);
        return op + " \"" + url + "\": dovelua is offline: add an \"http_client\" block with \"responses\""
                + " to the --test-mock fixture to answer this request";
    }
}
