package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code glua_http} as test mode replaces it when the fixture has an {@code http_client} block
 * (mocks.go setupHTTPClientMock, LoaderModHTTPClientMock): no network; each call is recorded as
 * {@code url=<url> body=<body>} and captured, and answered by the block's responses in order, then
 * by 200 with an empty body. A mismatch answers {@code nil, err} and captures nothing.
 */
public final class GluaHttpMock extends MockModule {
    /** types.go HTTPClientCapturedRecord. */
    public record Captured(String method, String url, String body, Map<String, String> headers) {
    }

    private final List<JsonNode> responses;
    private final List<Captured> captured = new ArrayList<>();
    private int responseIndex;

    public GluaHttpMock(JsonNode block, ModuleCalls calls) {
        super(block, calls);
        this.responses = FixtureBlock.array(block, "responses");
    }

    /** The requests made so far (HTTPClientMock.Captured). */
    public List<Captured> captured() {
        return Collections.unmodifiableList(captured);
    }

    @Override
    void define(LuaTable mod) {
        mod.set("post", fn("post", a -> respond("post", a.checkString(1), a.optTable(2))));
        mod.set("get", fn("get", a -> respond("get", a.checkString(1), a.optTable(2))));
        mod.set("request", fn("request", a -> {
            String method = a.checkString(1).toLowerCase(Locale.ROOT);
            return respond(method, a.checkString(2), a.optTable(3));
        }));
    }

    /** mocks.go respondMockHTTPCall. */
    private Varargs respond(String method, String url, LuaTable options) {
        String body = "";
        Map<String, String> headers = new LinkedHashMap<>();
        if (options != null) {
            // collectMockHTTPOptions: a body only when it is a string
            LuaValue b = options.rawget("body");
            if (b.type() == LuaValue.TSTRING) {
                body = b.tojstring();
            }
            // collectMockHTTPHeaders: string keys only, values' String() text
            LuaValue h = options.rawget("headers");
            if (h.istable()) {
                LuaValue k = LuaValue.NIL;
                while (true) {
                    Varargs n = h.next(k);
                    if ((k = n.arg1()).isnil()) {
                        break;
                    }
                    if (k.type() == LuaValue.TSTRING) {
                        headers.put(k.tojstring(), GoValues.string(n.arg(2)));
                    }
                }
            }
        }
        String err = record(method, "url=" + url + " body=" + body);
        if (err != null) {
            return nilAnd(err);
        }
        captured.add(new Captured(method, url, body, headers));
        // nextMockHTTPResponse: in order, then a zero response (status 200)
        JsonNode response = responseIndex < responses.size() ? responses.get(responseIndex++) : null;
        String error = FixtureBlock.string(response, "error");
        if (!error.isEmpty()) {
            return nilAnd(error);
        }
        long status = FixtureBlock.integer(response, "status_code");
        LuaTable table = new LuaTable();
        table.set("status_code", num(status == 0 ? 200 : status));
        table.set("body", str(FixtureBlock.string(response, "body")));
        LuaTable headersTable = new LuaTable();
        Map<String, String> responseHeaders = FixtureBlock.stringMap(FixtureBlock.field(response, "headers"));
        if (responseHeaders != null) {
            responseHeaders.forEach((k, v) -> headersTable.set(k, str(v)));
        }
        table.set("headers", headersTable);
        return valueAndNil(table);
    }
}
