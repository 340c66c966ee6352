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
    public HttpRequestMock(JsonNode block, ModuleCalls calls) {
        super(block, calls);
    }

    @Override
    void define(LuaTable mod) {
        String method = FixtureBlock.string(block, "method");
        String path = FixtureBlock.string(block, "path");
        String body = FixtureBlock.string(block, "body");
        Map<String, String> headers = FixtureBlock.stringMap(FixtureBlock.field(block, "headers"));

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
}
