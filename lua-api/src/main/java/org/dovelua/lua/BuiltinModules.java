package org.dovelua.lua;

import java.util.function.Supplier;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.lua.sandbox.SandboxLib;
import org.dovelua.lua.shim.Base64Lib;
import org.dovelua.lua.shim.CjsonLib;
import org.dovelua.lua.shim.LuaSecLib;
import org.dovelua.lua.shim.MimeCoreLib;
import org.dovelua.lua.shim.ShippedLuaFile;
import org.dovelua.lua.shim.SocketCoreLib;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The modules dovelua provides without files, standing in for what a mail server has installed:
 * {@code cjson} and {@code cjson.safe} (Debian's lua-cjson, a C module), {@code base64} (iskolbin's lbase64), and
 * LuaSocket with LuaSec's {@code ssl.https} (Debian's lua-socket and lua-sec: their real Lua files over
 * dovelua's C cores, whose network is the HTTP router). They are found after the Lua files on
 * {@code package.path}, so a module file the user mounts wins.
 */
public final class BuiltinModules {
    private BuiltinModules() {
    }

    /** Registers every built-in module with the sandbox, LuaSocket offline; returns it. */
    public static SandboxLib install(SandboxLib sandbox) {
        return install(sandbox, HttpRouter.offline());
    }

    /** Registers every built-in module with the sandbox, LuaSocket's network through {@code http}; returns it. */
    public static SandboxLib install(SandboxLib sandbox, HttpRouter http) {
        LuaValue cjsonNull = CjsonLib.newNull(); // one NULL light userdata per state, as in C
        sandbox.preload("cjson", loader(() -> new CjsonLib(cjsonNull, false)))
                .preload("cjson.safe", loader(() -> new CjsonLib(cjsonNull, true)))
                .preload("base64", loader(Base64Lib::new))
                .preload("socket.core", g -> loader(() -> new SocketCoreLib(http, g)))
                .preload("mime.core", loader(MimeCoreLib::new))
                .preload("ssl", loader(LuaSecLib::new));
        for (String file : LUASOCKET_FILES) {
            String module = file.substring(0, file.length() - ".lua".length()).replace('/', '.');
            sandbox.preload(module, g -> ShippedLuaFile.entry(g, file));
        }
        return sandbox;
    }

    /**
     * The pure-Lua files of LuaSocket and LuaSec dovelua ships (socket.http over socket.core's tcp,
     * so its requests are LuaSocket's own bytes). Not shipped: socket.smtp, socket.ftp, socket.tp,
     * socket.mbox, and LuaSec's ssl.lua with its contexts (ssl here is {@link LuaSecLib}).
     */
    private static final String[] LUASOCKET_FILES = {"socket.lua", "ltn12.lua", "mime.lua", "socket/url.lua",
        "socket/http.lua", "socket/headers.lua", "ssl/https.lua"};

    /** A {@code require} loader that opens the library in the requiring state, like {@code luaopen_*}. */
    private static LuaValue loader(Supplier<TwoArgFunction> lib) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return lib.get().call(args.arg1(), LuaValue.NIL);
            }
        };
    }
}
