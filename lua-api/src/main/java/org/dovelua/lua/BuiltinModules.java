package org.dovelua.lua;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.lua.sandbox.SandboxLib;
import org.dovelua.lua.shim.Base64Lib;
import org.dovelua.lua.shim.CjsonLib;
import org.dovelua.lua.shim.LuaSecLib;
import org.dovelua.lua.shim.LuajsonDecodeLib;
import org.dovelua.lua.shim.MimeCoreLib;
import org.dovelua.lua.shim.SocketCoreLib;
import org.dovelua.lua.shim.luasql.MysqlLib;
import org.dovelua.lua.shim.luasql.PostgresLib;
import org.dovelua.lua.shim.luasql.SqlServers;
import org.dovelua.lua.shim.luasql.Sqlite3Lib;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The modules dovelua provides without files, standing in for what a mail server has installed:
 * {@code cjson} and {@code cjson.safe} (Debian's lua-cjson, a C module), {@code base64} (iskolbin's lbase64),
 * {@code json} (Debian's lua-json, harningt's luajson 1.3.4: its own Lua files, but {@code json.decode},
 * which needs lpeg, in Java), {@code dkjson} (Debian's lua-dkjson 2.6, its own file), LuaSocket with
 * LuaSec's {@code ssl.https} (Debian's lua-socket and lua-sec: their real Lua files over dovelua's C
 * cores, whose network is the HTTP router), and LuaSQL's {@code luasql.sqlite3}, {@code luasql.mysql}
 * and {@code luasql.postgres} (Debian's lua-sql-*). The shipped Lua files keep their licences beside
 * them in the resources ({@code shim/share/}, laid out as {@code /usr/share/lua/5.4/}). They are found
 * after the Lua files on {@code package.path}, so a module file the user mounts wins.
 */
public final class BuiltinModules {
    /** Where Debian's packages put Lua 5.4 modules; the shipped files claim to be there. */
    public static final String DEBIAN_DIR = "/usr/share/lua/5.4/";

    /**
     * The pure-Lua module files shipped as they are. Not shipped: socket.smtp, socket.ftp, socket.tp,
     * socket.mbox, and LuaSec's ssl.lua with its contexts ({@code ssl} here is {@link LuaSecLib}).
     */
    static final List<String> LUA_FILES = List.of("dkjson.lua", "json.lua", "json/util.lua", "json/encode.lua",
            "json/encode/array.lua", "json/encode/calls.lua", "json/encode/number.lua", "json/encode/object.lua",
            "json/encode/others.lua", "json/encode/output.lua", "json/encode/output_utility.lua",
            "json/encode/strings.lua", "socket.lua", "ltn12.lua", "mime.lua", "socket/url.lua", "socket/http.lua",
            "socket/headers.lua", "ssl/https.lua");

    private BuiltinModules() {
    }

    /** Registers every built-in module with the sandbox, LuaSocket offline; returns it. */
    public static SandboxLib install(SandboxLib sandbox) {
        return install(sandbox, HttpRouter.offline(), SqlServers.offline());
    }

    /**
     * Registers every built-in module with the sandbox, LuaSocket's network through {@code http} and
     * {@code luasql.mysql}/{@code luasql.postgres} reaching {@code sql}; returns it.
     */
    public static SandboxLib install(SandboxLib sandbox, HttpRouter http, SqlServers sql) {
        LuaValue cjsonNull = CjsonLib.newNull(); // one NULL light userdata per state, as in C
        sandbox.preload("cjson", loader(() -> new CjsonLib(cjsonNull, false)))
                .preload("cjson.safe", loader(() -> new CjsonLib(cjsonNull, true)))
                .preload("base64", loader(Base64Lib::new))
                .preload("json.decode", loader(() -> new LuajsonDecodeLib(sandbox.globals())))
                .preload("socket.core", loader(() -> new SocketCoreLib(http, sandbox.globals())))
                .preload("mime.core", loader(MimeCoreLib::new))
                .preload("ssl", loader(LuaSecLib::new))
                .preload("luasql.sqlite3", loader(() -> new Sqlite3Lib(sandbox)))
                .preload("luasql.mysql", loader(() -> new MysqlLib(sql, sandbox)))
                .preload("luasql.postgres", loader(() -> new PostgresLib(sql, sandbox)));
        for (String file : LUA_FILES) {
            String module = file.substring(0, file.length() - ".lua".length()).replace('/', '.');
            sandbox.preloadFile(module, DEBIAN_DIR + file, () -> resource(file));
        }
        return sandbox;
    }

    private static byte[] resource(String file) {
        try (InputStream in = BuiltinModules.class.getResourceAsStream("shim/share/" + file)) {
            if (in == null) {
                throw new IllegalStateException("dovelua's jar lacks " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
