package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code nauthilus_ldap} in test mode (mocks.go LoaderModLDAPMock, newLDAPMockConfig): no
 * argument checks; a mismatch comes back as {@code nil, err} ({@code nil, nil, err} for the
 * endpoint), like the configured errors.
 */
public final class LdapMock extends MockModule {
    public LdapMock(JsonNode block, ModuleCalls calls) {
        super(block, calls);
    }

    @Override
    void define(LuaTable mod) {
        Map<String, List<String>> searchResult = new LinkedHashMap<>();
        JsonNode sr = FixtureBlock.field(block, "search_result");
        if (sr != null && sr.isObject()) {
            sr.fields().forEachRemaining(e -> searchResult.put(e.getKey(), FixtureBlock.stringList(e.getValue())));
        }
        String searchError = FixtureBlock.string(block, "search_error");
        String modifyError = FixtureBlock.string(block, "modify_error");
        Boolean modifyOkField = FixtureBlock.optionalBool(block, "modify_ok");
        boolean modifyOk = modifyOkField == null || modifyOkField;
        String host = FixtureBlock.string(block, "endpoint_host");
        String endpointHost = host.isEmpty() ? "localhost" : host;
        long port = FixtureBlock.integer(block, "endpoint_port");
        long endpointPort = port > 0 ? port : 389;
        String endpointError = FixtureBlock.string(block, "endpoint_error");

        // ldapSearchMock: attribute -> list of values
        mod.set("ldap_search", fn("ldap_search", a -> {
            String err = record("ldap_search", "search");
            if (err != null) {
                return nilAnd(err);
            }
            if (!searchError.isEmpty()) {
                return nilAnd(searchError);
            }
            LuaTable result = new LuaTable();
            searchResult.forEach((attr, values) -> result.set(attr, GoValues.stringList(values)));
            return result;
        }));
        // ldapModifyMock: "OK", or modify_error, or "mock ldap modify failed" when modify_ok=false
        mod.set("ldap_modify", fn("ldap_modify", a -> {
            String err = record("ldap_modify", "modify");
            if (err != null) {
                return nilAnd(err);
            }
            if (!modifyError.isEmpty()) {
                return nilAnd(modifyError);
            }
            if (!modifyOk) {
                return nilAnd("mock ldap modify failed");
            }
            return str("OK");
        }));
        // ldapEndpointMock: host, port, nil (defaults localhost, 389)
        mod.set("ldap_endpoint", fn("ldap_endpoint", a -> {
            String err = record("ldap_endpoint", "endpoint");
            if (err != null) {
                return endpointError(err);
            }
            if (!endpointError.isEmpty()) {
                return endpointError(endpointError);
            }
            return LuaValue.varargsOf(str(endpointHost), num(endpointPort), LuaValue.NIL);
        }));
    }

    /** mocks.go pushLuaEndpointError. */
    private static Varargs endpointError(String message) {
        return LuaValue.varargsOf(LuaValue.NIL, LuaValue.NIL, str(message));
    }
}
