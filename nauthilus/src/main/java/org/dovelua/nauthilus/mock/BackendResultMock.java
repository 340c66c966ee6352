package org.dovelua.nauthilus.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.nauthilus.GoValues;
import org.dovelua.nauthilus.GopherArgs;
import org.dovelua.nauthilus.ModuleCalls;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code nauthilus_backend_result} in test mode (mocks.go LoaderModBackendResultMock): {@code new()}
 * makes a userdata seeded from the block; its methods get ({@code br:authenticated()}) or, with
 * exactly one argument, set ({@code br:authenticated(true)}); plain assignment
 * ({@code br.account_field = "x"}) goes through __newindex. Every method call is an expected call
 * with empty args; a mismatch raises.
 *
 * <p>Production (lualib/backendresult.go LoaderModBackendResult) differs: the metatable has only
 * {@code __index}, so {@code br.authenticated = true} raises gopher-lua's
 * {@code attempt to index a non-table object(userdata) with key 'authenticated'} (state.go setField);
 * {@code new()} returns an empty result (BackendResultManager.New), not one seeded from the block;
 * {@code groups} and {@code group_dns} exist; webauthn_credentials keeps only strings; and
 * {@code attributes} of a list (or of an empty table) fails its {@code .(map[any]any)} assertion.
 * Calls are still recorded, so one fixture's expected_calls serve both modes.
 */
public final class BackendResultMock extends MockModule {
    /** mocks.go backendResultMockValue: what the runner reads from a backend script's result. */
    public static final class Value implements org.dovelua.nauthilus.BackendResultFields {
        public boolean authenticated;
        public boolean userFound;
        public String accountField = "";
        public String totpSecretField = "";
        public String totpRecoveryField = "";
        public String uniqueUserIdField = "";
        public String displayNameField = "";
        public List<String> webAuthnCredentials = new ArrayList<>();
        /** Go map[any]any of Lua-converted keys and values (GoValues forms). */
        public Map<Object, Object> attributes = new LinkedHashMap<>();
        /** Production only: groups and group_dns. */
        public List<String> groups = new ArrayList<>();
        public List<String> groupDns = new ArrayList<>();

        @Override
        public boolean authenticated() {
            return authenticated;
        }

        @Override
        public boolean userFound() {
            return userFound;
        }

        @Override
        public String accountField() {
            return accountField;
        }

        @Override
        public String displayNameField() {
            return displayNameField;
        }

        @Override
        public String uniqueUserIdField() {
            return uniqueUserIdField;
        }

        /** mocks.go backendResultMapFromUserData: the map apply_backend_result stores. */
        public Map<String, Object> toMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("authenticated", authenticated);
            out.put("user_found", userFound);
            out.put("account_field", accountField);
            out.put("totp_secret_field", totpSecretField);
            out.put("totp_recovery_field", totpRecoveryField);
            out.put("unique_user_id", uniqueUserIdField);
            out.put("display_name_field", displayNameField);
            if (attributes != null) {
                out.put("attributes", attributes);
            }
            if (!webAuthnCredentials.isEmpty()) {
                out.put("webauthn_credentials", webAuthnCredentials);
            }
            return out;
        }
    }

    private final LuaTable metatable = new LuaTable();
    private final boolean production;

    public BackendResultMock(JsonNode block, ModuleCalls calls) {
        this(block, calls, false);
    }

    /** The production module (backendresult.go): no field assignment, an empty {@code new()}, groups. */
    public static BackendResultMock production(JsonNode block, ModuleCalls calls) {
        return new BackendResultMock(block, calls, true);
    }

    private BackendResultMock(JsonNode block, ModuleCalls calls, boolean production) {
        super(block, calls);
        this.production = production;
        LuaTable index = new LuaTable();
        boolAccessor(index, "authenticated", v -> v.authenticated, (v, b) -> v.authenticated = b);
        boolAccessor(index, "user_found", v -> v.userFound, (v, b) -> v.userFound = b);
        stringAccessor(index, "account_field", v -> v.accountField, (v, s) -> v.accountField = s);
        stringAccessor(index, "totp_secret_field", v -> v.totpSecretField, (v, s) -> v.totpSecretField = s);
        stringAccessor(index, "totp_recovery_field", v -> v.totpRecoveryField, (v, s) -> v.totpRecoveryField = s);
        stringAccessor(index, "unique_user_id_field", v -> v.uniqueUserIdField, (v, s) -> v.uniqueUserIdField = s);
        stringAccessor(index, "display_name_field", v -> v.displayNameField, (v, s) -> v.displayNameField = s);
        // backendResultWebAuthnAccessor
        index.set("webauthn_credentials", accessor("webauthn_credentials",
                (a, v) -> {
                    v.webAuthnCredentials = production ? strings(a.checkTable(2)) : GoValues.tableValues(a.checkTable(2));
                    return LuaValue.NONE;
                },
                v -> GoValues.stringList(v.webAuthnCredentials)));
        // backendResultAttributesAccessor: a table that is not a map leaves an empty map
        index.set("attributes", accessor("attributes",
                (a, v) -> {
                    Object converted = GoValues.fromLua(a.checkTable(2));
                    if (production && !(converted instanceof Map)) {
                        // GetSetAttributes: convert.LuaValueToGo(t).(map[any]any) panics; PCall reports the panic text
                        throw new LuaError(LuaValue.valueOf("interface conversion: interface {} is []interface {},"
                                + " not map[interface {}]interface {}"));
                    }
                    v.attributes = converted instanceof Map ? asMap(converted) : new LinkedHashMap<>();
                    return LuaValue.NONE;
                },
                v -> GoValues.toLua(v.attributes)));
        if (production) {
            // getSetBackendResultStringSlice: strings only; the getter is GoToLuaValue of the slice
            index.set("groups", accessor("groups", (a, v) -> {
                v.groups = strings(a.checkTable(2));
                return LuaValue.NONE;
            }, v -> GoValues.stringList(v.groups)));
            index.set("group_dns", accessor("group_dns", (a, v) -> {
                v.groupDns = strings(a.checkTable(2));
                return LuaValue.NONE;
            }, v -> GoValues.stringList(v.groupDns)));
        }
        metatable.set(LuaValue.INDEX, index);
        if (!production) {
            metatable.set(LuaValue.NEWINDEX, fn("__newindex", this::newIndex));
        }
    }

    /** table.ForEach keeping only lua.LString values, in the table's order. */
    private static List<String> strings(LuaTable t) {
        List<String> out = new ArrayList<>();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = t.next(k);
            if ((k = n.arg1()).isnil()) {
                return out;
            }
            if (n.arg(2).type() == LuaValue.TSTRING) {
                out.add(n.arg(2).tojstring());
            }
        }
    }

    /** The value behind a backend_result userdata, or null for anything else. */
    public static Value valueOf(LuaValue v) {
        return v instanceof LuaUserdata && ((LuaUserdata) v).m_instance instanceof Value
                ? (Value) ((LuaUserdata) v).m_instance : null;
    }

    @Override
    void define(LuaTable mod) {
        // backendResultNewMock / newBackendResultMockValue
        mod.set("new", fn("new", a -> {
            String err = record("new", "");
            if (err != null) {
                throw GopherArgs.raise(err);
            }
            return newUserdata();
        }));
    }

    /** A userdata seeded from the block, as {@code new()} returns it. */
    public LuaUserdata newUserdata() {
        Value v = new Value();
        if (production) {
            return new LuaUserdata(v, metatable); // New: &LuaBackendResult{}
        }
        v.authenticated = FixtureBlock.bool(block, "authenticated");
        v.userFound = FixtureBlock.bool(block, "user_found");
        v.accountField = FixtureBlock.string(block, "account_field");
        v.totpSecretField = FixtureBlock.string(block, "totp_secret");
        List<String> recovery = FixtureBlock.stringList(FixtureBlock.field(block, "totp_recovery"));
        if (recovery != null && !recovery.isEmpty()) {
            v.totpRecoveryField = recovery.get(0);
        }
        v.uniqueUserIdField = FixtureBlock.string(block, "unique_user_id");
        v.displayNameField = FixtureBlock.string(block, "display_name");
        Map<String, String> attrs = FixtureBlock.stringMap(FixtureBlock.field(block, "attributes"));
        if (attrs != null) {
            v.attributes.putAll(attrs);
        }
        return new LuaUserdata(v, metatable);
    }

    /** mocks.go backendResultNewIndexMock / setBackendResultField: unknown fields are ignored. */
    private Varargs newIndex(GopherArgs a) {
        Object ud = a.checkUserData(1);
        String field = a.checkString(2);
        LuaValue value = a.checkAny(3);
        Value br = ud instanceof Value ? (Value) ud : null;
        if (br == null) {
            throw a.argError(1, "backend_result expected");
        }
        switch (field) {
            case "authenticated" -> br.authenticated = value.toboolean();
            case "user_found" -> br.userFound = value.toboolean();
            case "account_field" -> br.accountField = asString(value);
            case "totp_secret_field" -> br.totpSecretField = asString(value);
            case "totp_recovery_field" -> br.totpRecoveryField = asString(value);
            case "unique_user_id_field", "unique_user_id" -> br.uniqueUserIdField = asString(value);
            case "display_name_field", "display_name" -> br.displayNameField = asString(value);
            case "attributes" -> {
                Object converted = GoValues.fromLua(value);
                if (converted instanceof Map) {
                    br.attributes = asMap(converted);
                }
            }
            default -> {
            }
        }
        return LuaValue.NONE;
    }

    /** gopher-lua LVAsString: strings and numbers, else "". */
    private static String asString(LuaValue v) {
        return v.type() == LuaValue.TSTRING || v.type() == LuaValue.TNUMBER ? GoValues.string(v) : "";
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> asMap(Object o) {
        return (Map<Object, Object>) o;
    }

    private interface Setter {
        Varargs set(GopherArgs a, Value v);
    }

    private interface Getter {
        LuaValue get(Value v);
    }

    /** mocks.go backendResultAccessor: record (raise on mismatch), check the userdata, then set or get. */
    private LuaValue accessor(String method, Setter setter, Getter getter) {
        return fn(method, a -> {
            String err = record(method, "");
            if (err != null) {
                throw GopherArgs.raise(err);
            }
            Object ud = a.checkUserData(1);
            Value v = ud instanceof Value ? (Value) ud : null;
            if (v == null) {
                throw a.argError(1, "backend_result expected");
            }
            return a.top() == 2 ? setter.set(a, v) : getter.get(v);
        });
    }

    private void boolAccessor(LuaTable index, String method, java.util.function.Function<Value, Boolean> get,
            java.util.function.BiConsumer<Value, Boolean> set) {
        index.set(method, accessor(method, (a, v) -> {
            set.accept(v, a.checkBool(2));
            return LuaValue.NONE;
        }, v -> LuaValue.valueOf(get.apply(v))));
    }

    private void stringAccessor(LuaTable index, String method, java.util.function.Function<Value, String> get,
            java.util.function.BiConsumer<Value, String> set) {
        index.set(method, accessor(method, (a, v) -> {
            set.accept(v, a.checkString(2));
            return LuaValue.NONE;
        }, v -> LuaValue.valueOf(get.apply(v))));
    }
}
