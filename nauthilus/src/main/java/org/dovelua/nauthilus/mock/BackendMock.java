package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.GopherArgs;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;

/**
 * {@code nauthilus_backend} in test mode (mocks.go LoaderModBackendMock): the block's
 * {@code backend_servers} as userdata, and the server selection and backend-result edits kept for
 * the runner's expected_output (BackendMock.Runtime* fields). A mismatch raises.
 */
public final class BackendMock extends MockModule {
    private final LuaTable serverMetatable = new LuaTable();
    private String selectedHost = "";
    private Long selectedPort;
    private Map<String, Object> appliedBackendResult;
    private List<String> removedFromAttributes;

    public BackendMock(JsonNode block, ModuleCalls calls) {
        super(block, calls);
        // registerBackendServerMetatable: unknown fields read nil
        serverMetatable.set(LuaValue.INDEX, fn("__index", a -> {
            Object ud = a.checkUserData(1);
            String field = a.checkString(2);
            if (!(ud instanceof JsonNode)) {
                return LuaValue.NONE;
            }
            LuaValue v = serverField((JsonNode) ud, field);
            return v.isnil() ? LuaValue.NONE : v;
        }));
    }

    /** RuntimeSelectedHost: "" until select_backend_server. */
    public String selectedHost() {
        return selectedHost;
    }

    /** RuntimeSelectedPort: null until select_backend_server. */
    public Long selectedPort() {
        return selectedPort;
    }

    /** RuntimeAppliedBackendResult, or null. */
    public Map<String, Object> appliedBackendResult() {
        return appliedBackendResult;
    }

    /** RuntimeRemovedFromAttributes, or null. */
    public List<String> removedFromAttributes() {
        return removedFromAttributes;
    }

    @Override
    void define(LuaTable mod) {
        // backendServersMock / backendServersTable
        mod.set("get_backend_servers", fn("get_backend_servers", a -> {
            String err = record("get_backend_servers", "");
            if (err != null) {
                throw GopherArgs.raise(err);
            }
            LuaTable result = new LuaTable();
            for (JsonNode server : FixtureBlock.array(block, "backend_servers")) {
                result.set(result.rawlen() + 1, new LuaUserdata(server, serverMetatable));
            }
            return result;
        }));
        // backendSelectServerMock: args = host
        mod.set("select_backend_server", fn("select_backend_server", a -> {
            String host = a.checkString(1);
            long port = a.checkInt(2);
            String err = record("select_backend_server", host);
            if (err != null) {
                throw GopherArgs.raise(err);
            }
            selectedHost = host;
            selectedPort = port;
            // the BackendMock's json:"-" runtime fields, which the runner reads for used_backend_*
            if (block instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                o.put("runtime_selected_host", host);
                o.put("runtime_selected_port", port);
            }
            return LuaValue.NONE;
        }));
        // backendApplyResultMock: a backend_result userdata or a map-shaped table
        mod.set("apply_backend_result", fn("apply_backend_result", a -> {
            String err = record("apply_backend_result", "");
            if (err != null) {
                throw GopherArgs.raise(err);
            }
            LuaValue value = a.checkAny(1);
            Map<String, Object> result = null;
            BackendResultMock.Value br = BackendResultMock.valueOf(value);
            if (br != null) {
                result = br.toMap();
            } else if (value.istable() && GoValues.fromLua(value) instanceof Map<?, ?> m) {
                // stringMapFromLuaTable: keys as fmt %v
                result = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    result.put(keyText(e.getKey()), e.getValue());
                }
            }
            if (result != null) {
                appliedBackendResult = result;
            }
            return LuaValue.NONE;
        }));
        // backendRemoveResultMock: the table is checked before the call is recorded
        mod.set("remove_from_backend_result", fn("remove_from_backend_result", a -> {
            LuaTable tbl = a.checkTable(1);
            String err = record("remove_from_backend_result", "");
            if (err != null) {
                throw GopherArgs.raise(err);
            }
            removedFromAttributes = GoValues.tableValues(tbl);
            return LuaValue.NONE;
        }));
    }

    private static String keyText(Object key) {
        return key instanceof Double ? org.dovelua.lua.gopher.GoNumberText.percentV((Double) key) : String.valueOf(key);
    }

    /** mocks.go backendServerFieldValue over types.go BackendServerMock's fields. */
    private static LuaValue serverField(JsonNode server, String field) {
        switch (field) {
            case "protocol", "host", "request_uri", "test_username", "test_password":
                return LuaValue.valueOf(FixtureBlock.string(server, field));
            case "port":
                return LuaValue.valueOf((double) FixtureBlock.integer(server, field));
            case "haproxy_v2", "tls", "tls_skip_verify", "deep_check":
                return LuaValue.valueOf(FixtureBlock.bool(server, field));
            default:
                return LuaValue.NIL;
        }
    }
}
