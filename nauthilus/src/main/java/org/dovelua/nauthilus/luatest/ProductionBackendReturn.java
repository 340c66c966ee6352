package org.dovelua.nauthilus.luatest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovelua.nauthilus.BackendResultFields;
import org.dovelua.nauthilus.GoFloat;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.luatest.TestRunner.CallbackError;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * How a production server reads a Lua backend command's return values (server/backend/lua.go
 * {@code handleReturnTypes}). Laxer than test mode on the status: {@code L.ToInt(-nret)} reads a
 * number or a numeric string, anything else as 0. Stricter on verify_password's result: only the
 * {@code nauthilus_backend_result} userdata is accepted, a table is "nil user data".
 */
final class ProductionBackendReturn {
    private ProductionBackendReturn() {
    }

    static void read(CallbackKind kind, TestResult r, Varargs ret) throws CallbackError {
        long code = toInt(ret.arg1());
        r.backendReturnCode = code;
        if (code != 0) {
            // errors.ErrBackendLua.WithDetail(...)
            throw new CallbackError("script_execution_failed: Lua script finished with an error");
        }
        LuaValue value = ret.arg(2);
        switch (kind) {
            case BACKEND -> passDb(r, value);
            case BACKEND_LIST_ACCOUNTS -> r.backendAccounts = listAccounts(value);
            case BACKEND_GET_WEBAUTHN_CREDENTIALS -> r.webAuthnCredentials = webAuthnCredentials(value);
            default -> {
                // the other commands reply with no data (handleReturnTypes' default case)
            }
        }
        r.success = true;
    }

    /** handlePassDBReturn: L.ToUserData(-1) must hold a *LuaBackendResult. */
    private static void passDb(TestResult r, LuaValue value) throws CallbackError {
        if (!(value instanceof LuaUserdata)) {
            throw new CallbackError("wrong_user_data_result: Lua script returned nil user data");
        }
        if (!(((LuaUserdata) value).m_instance instanceof BackendResultFields f)) {
            throw new CallbackError("wrong_user_data_result: Lua script returned a wrong user data object");
        }
        r.backendResult = true;
        r.backendAuthenticated = f.authenticated();
        r.backendUserFound = f.userFound();
        r.backendAccountField = f.accountField();
        r.backendDisplayName = f.displayNameField();
        r.backendUniqueUserId = f.uniqueUserIdField();
    }

    /** handleListAccountsReturn: a list's values (as %v); no table, no accounts. */
    private static List<String> listAccounts(LuaValue value) throws CallbackError {
        List<String> out = new ArrayList<>();
        for (Object v : list(value)) {
            out.add(v instanceof Double d ? GoFloat.luaNumber(d) : String.valueOf(v));
        }
        return out;
    }

    /** handleWebAuthnCredentialsReturn / luaStringTableToSlice: the list's strings only. */
    private static List<String> webAuthnCredentials(LuaValue value) throws CallbackError {
        List<String> out = new ArrayList<>();
        for (Object v : list(value)) {
            if (v instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * L.ToTable(-1) then {@code convert.LuaValueToGo(table).([]any)}: a table that is not a list
     * fails the assertion (a Go panic, reported as the run's error).
     */
    private static List<?> list(LuaValue value) throws CallbackError {
        if (!value.istable()) {
            return List.of();
        }
        Object converted = GoValues.fromLua(value);
        if (converted instanceof Map) {
            throw new CallbackError("interface conversion: interface {} is map[interface {}]interface {},"
                    + " not []interface {}");
        }
        return (List<?>) converted;
    }

    /** gopher-lua LState.ToInt: a number truncated, a numeric string parsed, else 0. */
    static long toInt(LuaValue v) {
        if (v.type() == LuaValue.TNUMBER) {
            return (long) v.todouble();
        }
        if (v.type() == LuaValue.TSTRING) {
            LuaValue n = v.tonumber();
            return n.isnumber() ? (long) n.todouble() : 0;
        }
        return 0;
    }
}
