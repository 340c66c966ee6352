package org.dovelua.nauthilus.mock;

import static org.dovelua.nauthilus.mock.MockFunctions.checkIntText;
import static org.dovelua.nauthilus.mock.MockFunctions.define;
import static org.dovelua.nauthilus.mock.MockFunctions.recordIgnoring;

import com.fasterxml.jackson.databind.JsonNode;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * {@code nauthilus_http_response} of test mode (mocks.go {@code LoaderModHTTPResponseMock}): the
 * STATUS_* constants and {@code html(status, body)}, {@code set_http_response_header(k, v)},
 * {@code json(status, table)}, recorded (status or header name as argument text), returning
 * nothing; a mismatch is only seen at validation. None of the other production functions.
 */
public final class HttpResponseMock extends TwoArgFunction {
    private final ModuleCalls calls;

    public HttpResponseMock(JsonNode block, ModuleCalls calls) {
        this.calls = calls;
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable m = new LuaTable();
        m.set("STATUS_OK", 200.0);
        m.set("STATUS_BAD_REQUEST", 400.0);
        m.set("STATUS_UNAUTHORIZED", 401.0);
        m.set("STATUS_FORBIDDEN", 403.0);
        m.set("STATUS_NOT_FOUND", 404.0);
        m.set("STATUS_INTERNAL_ERROR", 500.0);
        define(m, "html", args -> {
            String status = checkIntText(args, 1);
            args.checkjstring(2);
            recordIgnoring(calls, "html", status);
            return NONE;
        });
        define(m, "set_http_response_header", args -> {
            String key = args.checkjstring(1);
            args.checkjstring(2);
            recordIgnoring(calls, "set_http_response_header", key);
            return NONE;
        });
        define(m, "json", args -> {
            String status = checkIntText(args, 1);
            args.checktable(2);
            recordIgnoring(calls, "json", status);
            return NONE;
        });
        return m;
    }
}
