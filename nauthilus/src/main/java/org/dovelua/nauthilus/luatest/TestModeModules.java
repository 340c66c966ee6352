package org.dovelua.nauthilus.luatest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.dovelua.nauthilus.ModuleCalls;
import org.dovelua.nauthilus.mock.CacheMock;
import org.dovelua.nauthilus.mock.ContextMock;
import org.dovelua.nauthilus.mock.HttpResponseMock;
import org.dovelua.nauthilus.mock.MockModules;
import org.dovelua.nauthilus.mock.OpenTelemetryMock;
import org.dovelua.nauthilus.mock.PolicyMock;
import org.dovelua.nauthilus.mock.PrometheusMock;
import org.dovelua.nauthilus.mock.UtilMock;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * The module set test mode puts into {@code package.preload} (mocks.go {@code SetupMockModules}):
 * module name -> the fixture block it reads and a factory. A fixture mock is made from
 * {@code (block, expected_calls engine)}; a pure library from nothing. Modules the project does not
 * provide yet are registered as {@link #PENDING}: requiring one raises an error instead of loading.
 */
public final class TestModeModules {
    /** A mock module made from its fixture block and that block's expected_calls engine. */
    public interface MockFactory extends BiFunction<JsonNode, ModuleCalls, LuaValue> {
    }

    record Entry(String block, MockFactory mock, Supplier<TwoArgFunction> library) {
    }

    /**
     * Modules test mode has upstream that other parts of issue 14 deliver; until they are wired in
     * (see {@link #standard()}) requiring them fails loudly. Module name -> fixture block (null for a
     * pure library).
     */
    public static final Map<String, String> PENDING = pending();

    private static Map<String, String> pending() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("nauthilus_redis", "redis");
        m.put("json", null);
        m.put("time", null);
        m.put("base64", null);
        m.put("strings", null);
        m.put("glua_crypto", null);
        return java.util.Collections.unmodifiableMap(m);
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /**
     * The modules of this module's test mode. WIRING PLACE for the other issue-14 modules: add
     * {@code .mock("nauthilus_redis", "redis", RedisModule::new)} or {@code .library("json", JsonLib::new)}
     * here; a registered name replaces its {@link #PENDING} placeholder.
     */
    public static TestModeModules standard() {
        return new TestModeModules()
                .mock("nauthilus_context", "context", ContextMock::new)
                .mock("nauthilus_util", "util", UtilMock::new)
                .mock("nauthilus_prometheus", "prometheus", PrometheusMock::new)
                .mock("nauthilus_cache", "cache", CacheMock::new)
                .mock("nauthilus_http_response", "http_response", HttpResponseMock::new)
                .mock("nauthilus_policy", "policy", PolicyMock::new)
                .mock("nauthilus_opentelemetry", "opentelemetry", OpenTelemetryMock::new)
                .mocks(MockModules.FACTORIES, MockModules.BLOCKS);
    }

    /** Every module of {@code factories}, each reading the block {@code blocks} names. */
    public TestModeModules mocks(Map<String, ? extends BiFunction<JsonNode, ModuleCalls, LuaValue>> factories,
            Map<String, String> blocks) {
        factories.forEach((module, factory) -> mock(module, blocks.get(module), factory::apply));
        return this;
    }

    public TestModeModules mock(String module, String block, MockFactory factory) {
        if (!MockData.BLOCKS.contains(block)) {
            throw new IllegalArgumentException("no fixture block " + block);
        }
        entries.put(module, new Entry(block, factory, null));
        return this;
    }

    public TestModeModules library(String module, Supplier<TwoArgFunction> factory) {
        entries.put(module, new Entry(null, null, factory));
        return this;
    }

    public boolean provides(String module) {
        return entries.containsKey(module);
    }

    /** Registered module names, then the still-pending ones. */
    List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /**
     * The loader for package.preload, or null when the module is not registered. The module is
     * made now; require calls it as LuaJ libraries are loaded, {@code call(modname, globals)}.
     */
    LuaValue loader(String module, MockData data, LuaValue globals) {
        Entry e = entries.get(module);
        if (e == null) {
            return null;
        }
        if ("http_client".equals(e.block) && !data.has("http_client")) {
            // mocks.go setupHTTPClientMock: without the block test mode keeps the real gluahttp
            return OfflineGluaHttp.loader();
        }
        LuaValue lib = e.library != null ? e.library.get() : e.mock.apply(data.block(e.block), data.calls(e.block));
        return new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue modname, LuaValue ignored) {
                return lib.call(modname, globals);
            }
        };
    }

    /** The placeholder for a module nobody provides yet: require raises, naming the module. */
    static LuaValue pendingLoader(String module) {
        return new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue modname, LuaValue env) {
                throw new LuaError("dovelua: module '" + module + "' of Nauthilus test mode is not available yet");
            }
        };
    }
}
