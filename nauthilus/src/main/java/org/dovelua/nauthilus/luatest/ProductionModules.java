package org.dovelua.nauthilus.luatest;

import org.dovelua.nauthilus.lib.PureLibraries;
import org.dovelua.nauthilus.mock.BackendResultMock;
import org.dovelua.nauthilus.mock.BruteForceMock;
import org.dovelua.nauthilus.mock.CacheMock;
import org.dovelua.nauthilus.mock.ContextMock;
import org.dovelua.nauthilus.mock.DnsMock;
import org.dovelua.nauthilus.mock.HttpRequestMock;
import org.dovelua.nauthilus.mock.HttpResponseMock;
import org.dovelua.nauthilus.mock.MockModules;
import org.dovelua.nauthilus.mock.OpenTelemetryMock;
import org.dovelua.nauthilus.mock.PolicyMock;
import org.dovelua.nauthilus.mock.PrometheusMock;
import org.dovelua.nauthilus.redis.NauthilusRedis;

/**
 * The module set of production mode: the names and functions a Nauthilus 3.1 server preloads
 * (lualib/luapool/runtime.go NewLuaState, lualib/luamod/manager.go BindAllDefault), answering from
 * the same fixture blocks as test mode. Where production's module is test mode's, the test-mode
 * mock serves (the network modules, Redis and the libraries included); {@code nauthilus_dns}, {@code nauthilus_brute_force}, {@code nauthilus_prometheus},
 * {@code nauthilus_backend_result} and {@code nauthilus_http_request} are their production variants. {@code nauthilus_util} is not
 * a module here: production loads {@code server/lua-plugins.d/share/nauthilus_util.lua} through
 * {@code package.path} like any Lua file.
 */
public final class ProductionModules {
    private ProductionModules() {
    }

    /**
     * The production registry: test mode's set (TestModeModules.standard()) with production's
     * variants in place of the four mocks that differ, and without the util mock.
     */
    public static TestModeModules standard() {
        return TestModeModules.standard()
                .without("nauthilus_util")
                .mock("nauthilus_prometheus", "prometheus", PrometheusMock::production)
                .mock("nauthilus_dns", "dns", DnsMock::production)
                .mock("nauthilus_brute_force", "brute_force", BruteForceMock::production)
                .mock("nauthilus_backend_result", "backend_result", BackendResultMock::production)
                .mock("nauthilus_http_request", "http_request", HttpRequestMock::production);
    }
}
