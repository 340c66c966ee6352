package org.dovelua.nauthilus;

import java.util.LinkedHashMap;
import java.util.Map;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;

/**
 * The request-local key/value store behind {@code nauthilus_context} ({@code server/lualib/context.go},
 * {@code Context.Set/Get/Delete}), holding Go values (see {@link GoValues}). It is bound as a userdata
 * under {@code __NAUTH_REQ_ENV.__NAUTH_REQ_CONTEXT}, where the context module finds it at call time
 * ({@code server/testing/luatest/mocks.go} {@code setupLuaTestRequestEnvironment}).
 */
public final class RequestContext {
    /** {@code luaRequestContextKey} (mocks.go; server/lualib/requestenv.go). */
    public static final String ENV_KEY = "__NAUTH_REQ_CONTEXT";
    /** The global request environment table. */
    public static final String REQ_ENV = "__NAUTH_REQ_ENV";

    private final Map<String, Object> data = new LinkedHashMap<>();

    public void set(String key, Object value) {
        data.put(key, value);
    }

    public Object get(String key) {
        return data.get(key);
    }

    public void delete(String key) {
        data.remove(key);
    }

    /** The context bound in {@code globals.__NAUTH_REQ_ENV}, or null (RequireLuaContext finds none). */
    public static RequestContext of(LuaValue globals) {
        LuaValue env = globals.get(REQ_ENV);
        if (!env.istable()) {
            return null;
        }
        LuaValue ud = ((LuaTable) env).get(ENV_KEY);
        if (ud instanceof LuaUserdata u && u.m_instance instanceof RequestContext c) {
            return c;
        }
        return null;
    }
}
