package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaValue;

/**
 * The test-mode mock modules of this package by Lua module name (mocks.go SetupMockModules,
 * preloadLuaTestMockModules, preloadUtilityModules), each built from its fixture block and the
 * block's expected_calls engine. Notes for the runner: {@code glua_http} is replaced only when the
 * fixture has an {@code http_client} block (setupHTTPClientMock); {@code db} matches its own
 * expected_calls ({@link DbMock#validationError()}); the backend mock's selection and the
 * backend_result userdata ({@link BackendResultMock#valueOf}) feed expected_output; test mode also
 * sets the global {@code nauthilus_backend_result} to the loaded module
 * (preloadBackendResultMockModule).
 */
public final class MockModules {
    private MockModules() {
    }

    /** Module name -> factory(block, calls). The fixture block key is in {@link #BLOCKS}. */
    public static final Map<String, BiFunction<JsonNode, ModuleCalls, LuaValue>> FACTORIES;

    /** Module name -> the fixture's mock block key (types.go MockData's json tags). */
    public static final Map<String, String> BLOCKS;

    static {
        Map<String, BiFunction<JsonNode, ModuleCalls, LuaValue>> f = new LinkedHashMap<>();
        Map<String, String> b = new LinkedHashMap<>();
        add(f, b, "db", "db", DbMock::new);
        add(f, b, "nauthilus_backend_result", "backend_result", BackendResultMock::new);
        add(f, b, "nauthilus_backend", "backend", BackendMock::new);
        add(f, b, "nauthilus_password", "password", PasswordMock::new);
        add(f, b, "nauthilus_ldap", "ldap", LdapMock::new);
        add(f, b, "nauthilus_dns", "dns", DnsMock::new);
        add(f, b, "nauthilus_brute_force", "brute_force", BruteForceMock::new);
        add(f, b, "nauthilus_psnet", "psnet", PsnetMock::new);
        add(f, b, "nauthilus_misc", "misc", MiscMock::new);
        add(f, b, "nauthilus_soft_whitelist", "soft_whitelist", SoftWhitelistMock::new);
        add(f, b, "nauthilus_mail", "mail", MailMock::new);
        add(f, b, "nauthilus_i18n", "i18n", I18nMock::new);
        add(f, b, "nauthilus_http_request", "http_request", HttpRequestMock::new);
        add(f, b, "glua_http", "http_client", GluaHttpMock::new);
        FACTORIES = java.util.Collections.unmodifiableMap(f);
        BLOCKS = java.util.Collections.unmodifiableMap(b);
    }

    private static void add(Map<String, BiFunction<JsonNode, ModuleCalls, LuaValue>> f, Map<String, String> b,
            String module, String block, BiFunction<JsonNode, ModuleCalls, LuaValue> factory) {
        f.put(module, factory);
        b.put(module, block);
    }
}
