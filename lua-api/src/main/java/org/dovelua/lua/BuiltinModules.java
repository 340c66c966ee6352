package org.dovelua.lua;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import org.dovelua.lua.sandbox.SandboxLib;
import org.dovelua.lua.shim.Base64Lib;
import org.dovelua.lua.shim.CjsonLib;
import org.dovelua.lua.shim.LuajsonDecodeLib;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The modules dovelua provides without files, standing in for what a mail server has installed:
 * {@code cjson} and {@code cjson.safe} (Debian's lua-cjson, a C module), {@code base64} (iskolbin's lbase64),
 * {@code json} (Debian's lua-json, harningt's luajson 1.3.4: its own Lua files, but {@code json.decode},
 * which needs lpeg, in Java) and {@code dkjson} (Debian's lua-dkjson 2.6, its own file). They are
 * found after the Lua files on {@code package.path}, so a module file the user mounts wins.
 */
public final class BuiltinModules {
    private BuiltinModules() {
    }

    /** Registers every built-in module with the sandbox; returns it. */
    public static SandboxLib install(SandboxLib sandbox) {
        LuaValue cjsonNull = CjsonLib.newNull(); // one NULL light userdata per state, as in C
        sandbox.preload("cjson", loader(() -> new CjsonLib(cjsonNull, false)))
                .preload("cjson.safe", loader(() -> new CjsonLib(cjsonNull, true)))
                .preload("base64", loader(Base64Lib::new));
        for (String file : LUA_FILES) {
            String module = file.substring(0, file.length() - ".lua".length()).replace('/', '.');
            sandbox.preloadFile(module, "/usr/share/lua/5.4/" + file, () -> resource(file));
        }
        return sandbox.preload("json.decode", loader(() -> new LuajsonDecodeLib(sandbox.globals())));
    }

    /** The pure-Lua module files shipped as they are (their licences beside them in the resources). */
    static final List<String> LUA_FILES = List.of("dkjson.lua", "json.lua", "json/util.lua", "json/encode.lua",
            "json/encode/array.lua", "json/encode/calls.lua", "json/encode/number.lua", "json/encode/object.lua",
            "json/encode/others.lua", "json/encode/output.lua", "json/encode/output_utility.lua",
            "json/encode/strings.lua");

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
