package org.dovelua.nauthilus.luatest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.dovelua.nauthilus.ModuleCalls;
import org.dovelua.nauthilus.lib.PureLibraries;
import org.dovelua.nauthilus.mock.CacheMock;
import org.dovelua.nauthilus.mock.ContextMock;
import org.dovelua.nauthilus.mock.HttpResponseMock;
import org.dovelua.nauthilus.mock.MockModules;
import org.dovelua.nauthilus.mock.OpenTelemetryMock;
import org.dovelua.nauthilus.mock.PolicyMock;
import org.dovelua.nauthilus.mock.PrometheusMock;
import org.dovelua.nauthilus.mock.UtilMock;
import org.dovelua.nauthilus.net.GluaHttp;
import org.dovelua.nauthilus.net.NetworkAccess;
import org.dovelua.nauthilus.net.VadvCmd;
import org.dovelua.nauthilus.net.VadvHttp;
import org.dovelua.nauthilus.net.VadvTcp;
import org.dovelua.nauthilus.net.VadvTelegram;
import org.dovelua.nauthilus.redis.NauthilusRedis;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * The module set test mode puts into {@code package.preload} (mocks.go {@code SetupMockModules}):
 * module name -> the fixture block it reads and a factory. A fixture mock is made from
 * {@code (block, expected_calls engine)}; a pure library from nothing. The gopher-lua-libs modules
 * test mode also preloads (libs.Preload) that dovelua does not emulate are {@link #NOT_EMULATED}:
 * requiring one raises an error naming it, instead of a "module not found" that hides the cause.
 */
public final class TestModeModules {
    /** A mock module made from its fixture block and that block's expected_calls engine. */
    public interface MockFactory extends BiFunction<JsonNode, ModuleCalls, LuaValue> {
    }

    record Entry(String block, MockFactory mock, Supplier<? extends LuaValue> library,
            Function<NetworkAccess, ? extends LuaValue> network) {
    }

    /** vadv/gopher-lua-libs's Preload list (libs.go) less what {@link #standard()} provides. */
    public static final List<String> NOT_EMULATED = List.of("argparse", "bit", "cert_util", "chef", "cloudwatch",
            "crypto", "filepath", "goos", "hex", "humanize", "inspect", "ioutil", "log", "pb",
            "plugin", "pprof", "prometheus", "regexp", "runtime", "shellescape", "stats", "storage", "tac",
            "template", "xmlpath", "yaml", "zabbix");

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** The modules of Nauthilus 3.1's test mode (mocks.go SetupMockModules). */
    public static TestModeModules standard() {
        return new TestModeModules()
                .mock("nauthilus_context", "context", ContextMock::new)
                .mock("nauthilus_util", "util", UtilMock::new)
                .mock("nauthilus_prometheus", "prometheus", PrometheusMock::new)
                .mock("nauthilus_cache", "cache", CacheMock::new)
                .mock("nauthilus_http_response", "http_response", HttpResponseMock::new)
                .mock("nauthilus_policy", "policy", PolicyMock::new)
                .mock("nauthilus_opentelemetry", "opentelemetry", OpenTelemetryMock::new)
                .mocks(MockModules.FACTORIES, MockModules.BLOCKS)
                .mock("nauthilus_redis", "redis", NauthilusRedis::new)
                .libraries(PureLibraries.all())
                // libs.Preload's network and command modules, through dovelua's router and shell
                .network("tcp", n -> new VadvTcp(n.router()))
                .network("cmd", n -> new VadvCmd(n.shell(), n.hints()))
                .network("http", n -> new VadvHttp(n.router()))
                .network("telegram", n -> new VadvTelegram(n.router()));
    }

    /** A module made from the run's network access (router and shell). */
    public TestModeModules network(String module, Function<NetworkAccess, ? extends LuaValue> factory) {
        entries.put(module, new Entry(null, null, null, factory));
        return this;
    }

    /** The standard module set of {@code mode}: {@link #standard()} or {@link ProductionModules#standard()}. */
    public static TestModeModules standard(org.dovelua.nauthilus.NauthilusMode mode) {
        return mode == org.dovelua.nauthilus.NauthilusMode.PRODUCTION ? ProductionModules.standard() : standard();
    }

    /** This set without {@code module} (production has no util mock: it loads the share file). */
    public TestModeModules without(String module) {
        entries.remove(module);
        return this;
    }

    /** Every library of {@code libraries} under its name. */
    public TestModeModules libraries(Map<String, ? extends Supplier<? extends LuaValue>> libraries) {
        libraries.forEach(this::library);
        return this;
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
        entries.put(module, new Entry(block, factory, null, null));
        return this;
    }

    public TestModeModules library(String module, Supplier<? extends LuaValue> factory) {
        entries.put(module, new Entry(null, null, factory, null));
        return this;
    }

    public boolean provides(String module) {
        return entries.containsKey(module);
    }

    /** Registered module names. */
    List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /**
     * The loader for package.preload, or null when the module is not registered. The module is made
     * on the first require, once per run; require calls it as LuaJ libraries are loaded,
     * {@code call(modname, globals)}.
     */
    LuaValue loader(String module, MockData data, LuaValue globals, List<AutoCloseable> opened, NetworkAccess net) {
        Entry e = entries.get(module);
        if (e == null) {
            return null;
        }
        if ("http_client".equals(e.block) && !data.has("http_client")) {
            // mocks.go setupHTTPClientMock: without the block test mode keeps the real gluahttp
            e = new Entry(null, null, null, n -> new GluaHttp(n.router()));
        }
        Entry entry = e;
        return new TwoArgFunction() {
            /** One per run, made on the first require (a module such as nauthilus_redis starts a server). */
            private LuaValue lib;

            @Override
            public LuaValue call(LuaValue modname, LuaValue ignored) {
                if (lib == null) {
                    lib = entry.library != null ? entry.library.get() : entry.network != null
                            ? entry.network.apply(net) : entry.mock.apply(data.block(entry.block), data.moduleCalls(entry.block));
                    if (lib instanceof AutoCloseable c) {
                        opened.add(c);
                    }
                }
                return lib.call(modname, globals);
            }
        };
    }

    /** A module of {@link #NOT_EMULATED}: require raises, naming the module and why. */
    static LuaValue notEmulatedLoader(String module) {
        return new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue modname, LuaValue env) {
                throw new LuaError("dovelua: module '" + module + "' (vadv/gopher-lua-libs, preloaded by Nauthilus's"
                        + " test mode) is not emulated by dovelua");
            }
        };
    }
}
