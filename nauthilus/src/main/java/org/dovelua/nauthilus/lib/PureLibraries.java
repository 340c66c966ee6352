package org.dovelua.nauthilus.lib;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.luaj.vm2.LuaValue;

/**
 * The pure libraries Nauthilus preloads for plugins (server/lualib/luapool/runtime.go, test mode's
 * server/testing/luatest/mocks.go): name -> a fresh module loader, for package.preload.
 */
public final class PureLibraries {
    private static final Map<String, Supplier<LuaValue>> LIBRARIES;

    static {
        Map<String, Supplier<LuaValue>> m = new LinkedHashMap<>();
        m.put("json", GoJson::new);
        m.put("time", GoTimeLib::new);
        m.put("base64", GoBase64Lib::new);
        m.put("strings", GoStringsLib::new);
        m.put("glua_crypto", GluaCrypto::new);
        LIBRARIES = Collections.unmodifiableMap(m);
    }

    private PureLibraries() {
    }

    /** name -> loader (a TwoArgFunction building the module table). */
    public static Map<String, Supplier<LuaValue>> all() {
        return LIBRARIES;
    }
}
