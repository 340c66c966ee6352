package org.dovelua.nauthilus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.MissingNode;
import org.dovelua.lua.gopher.GopherState;
import org.dovelua.nauthilus.ModuleCalls;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaValue;

class MockModulesTest {
    @Test
    void everyModuleLoadsWithoutABlockAndHasItsBlockKey() {
        assertThat(MockModules.FACTORIES.keySet()).containsExactlyInAnyOrder("db", "nauthilus_backend_result",
                "nauthilus_backend", "nauthilus_password", "nauthilus_ldap", "nauthilus_dns", "nauthilus_brute_force",
                "nauthilus_psnet", "nauthilus_misc", "nauthilus_soft_whitelist", "nauthilus_mail", "nauthilus_i18n",
                "nauthilus_http_request", "glua_http");
        assertThat(MockModules.BLOCKS.keySet()).isEqualTo(MockModules.FACTORIES.keySet());
        assertThat(MockModules.BLOCKS.get("glua_http")).isEqualTo("http_client");
        try (GopherState state = GopherState.create()) {
            MockModules.FACTORIES.forEach((name, factory) -> state.globals().get("package").get("preload")
                    .set(name, factory.apply(MissingNode.getInstance(), ModuleCalls.NONE)));
            for (String name : MockModules.FACTORIES.keySet()) {
                LuaValue mod = state.call(() -> state.load("@m.lua", ("return require('" + name + "')").getBytes())
                        .call());
                assertThat(mod.istable()).as(name).isTrue();
                assertThat(mod.next(LuaValue.NIL).arg1().isnil()).as(name + " has functions").isFalse();
            }
        }
    }
}
