package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * {@code nauthilus_http_request} in test mode (mocks.go LoaderModHTTPRequestMock): the block's
 * method, path, body and headers as fields and getters. The block struct always exists
 * (ensureResetMock), so newHTTPRequestMockConfig's "GET" and "/" defaults never apply: an absent
 * block gives empty strings. A mismatched call answers a lone nil.
 */
public final class HttpRequestMock extends MockModule {
    private final boolean production;

    public HttpRequestMock(JsonNode block, ModuleCalls calls) {
        this(block, calls, false);
    }

    private HttpRequestMock(JsonNode block, ModuleCalls calls, boolean production) {
        super(block, calls);
        this.production = production;
    }

    /**
     * The production module (lualib/httprequest.go LoaderModHTTP) over the same block: every getter
     * answers {@code (value, nil)}; headers are matched case-insensitively and come as lists; the
     * body is {@code get_http_request_body}; no fields, no {@code get_http_header}.
     */
    public static HttpRequestMock production(JsonNode block, ModuleCalls calls) {
        return new HttpRequestMock(block, calls, true);
    }

    @Override
    void define(LuaTable mod) {
        String method = FixtureBlock.string(block, "method");
        String path = FixtureBlock.string(block, "path");
        String body = FixtureBlock.string(block, "body");
        Map<String, String> headers = FixtureBlock.stringMap(FixtureBlock.field(block, "headers"));
        if (production) {
            defineProduction(mod, method, path, body, headers == null ? Map.of() : headers);
            return;
        }

        // registerHTTPRequestFields
        mod.set("method", str(method));
        mod.set("path", str(path));
        mod.set("body", str(body));
        if (headers != null) {
            LuaTable h = new LuaTable();
            headers.forEach((k, v) -> h.set(k, str(v)));
            mod.set("headers", h);
        }
        // registerHTTPRequestGetters / httpRequestStringGetter
        mod.set("get_http_method", getter("get_http_method", method));
        mod.set("get_http_path", getter("get_http_path", path));
        mod.set("get_http_body", getter("get_http_body", body));
        // httpRequestQueryParamGetter: empty value -> nil
        mod.set("get_http_query_param", fn("get_http_query_param", a -> {
            String param = a.checkString(1);
            if (record("get_http_query_param", param) != null) {
                return LuaValue.NIL;
            }
            String value = RequestUri.queryParam(path, param);
            return value.isEmpty() ? LuaValue.NIL : str(value);
        }));
        mod.set("get_http_header", header("get_http_header", headers, false));
        mod.set("get_http_request_header", header("get_http_request_header", headers, true));
    }

    private LuaValue getter(String name, String value) {
        return fn(name, a -> record(name, "") != null ? LuaValue.NIL : str(value));
    }

    /** httpRequestHeaderGetter: exact-case key; the request_header form wraps it in {value}. */
    private LuaValue header(String name, Map<String, String> headers, boolean tableResult) {
        return fn(name, a -> {
            String key = a.checkString(1);
            if (record(name, key) != null) {
                return LuaValue.NIL;
            }
            if (headers == null || !headers.containsKey(key)) {
                return LuaValue.NIL;
            }
            if (tableResult) {
                LuaTable t = new LuaTable();
                t.rawset(1, str(headers.get(key)));
                return t;
            }
            return str(headers.get(key));
        });
    }

    private void defineProduction(LuaTable mod, String method, String path, String body, Map<String, String> headers) {
        mod.set("get_http_method", valueGetter("get_http_method", method));
        mod.set("get_http_path", valueGetter("get_http_path", RequestUri.path(path)));
        mod.set("get_http_request_body", valueGetter("get_http_request_body", body));
        // GetHTTPQueryParam: url.Query().Get, "" when absent
        mod.set("get_http_query_param", fn("get_http_query_param", a -> {
            String param = a.checkString(1);
            String err = record("get_http_query_param", param);
            return err != null ? nilAnd(err) : valueAndNil(str(RequestUri.queryParam(path, param)));
        }));
        // GetHTTPRequestHeader: the values of the header named case-insensitively, {} when absent
        mod.set("get_http_request_header", fn("get_http_request_header", a -> {
            String name = a.checkString(1).toLowerCase(java.util.Locale.ROOT);
            String err = record("get_http_request_header", name);
            if (err != null) {
                return nilAnd(err);
            }
            LuaTable values = new LuaTable();
            headers.forEach((k, v) -> {
                if (k.toLowerCase(java.util.Locale.ROOT).equals(name)) {
                    values.rawset(values.length() + 1, str(v));
                }
            });
            return valueAndNil(values);
        }));
        // GetAllHTTPRequestHeaders: lower-case names, each a list of values
        mod.set("get_all_http_request_headers", fn("get_all_http_request_headers", a -> {
            String err = record("get_all_http_request_headers", "");
            if (err != null) {
                return nilAnd(err);
            }
            LuaTable all = new LuaTable();
            headers.forEach((k, v) -> {
                LuaTable list = new LuaTable();
                list.rawset(1, str(v));
                all.rawset(k.toLowerCase(java.util.Locale.ROOT), list);
            });
            return valueAndNil(all);
        }));
    }

    private LuaValue valueGetter(String name, String value) {
        return fn(name, a -> {
            String err = record(name, "");
            return err != null ? nilAnd(err) : valueAndNil(str(value));
        });
    }
}
