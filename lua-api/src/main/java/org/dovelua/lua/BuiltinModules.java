package org.dovelua.lua;

import java.util.function.Supplier;
import org.dovelua.lua.sandbox.SandboxLib;
import org.dovelua.lua.shim.Base64Lib;
import org.dovelua.lua.shim.CjsonLib;
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
 * {@code cjson} and {@code cjson.safe} (Debian's lua-cjson, a C module), {@code base64} (iskolbin's lbase64) and
 * LuaSQL's {@code luasql.sqlite3}, {@code luasql.mysql} and {@code luasql.postgres} (Debian's lua-sql-*). They are
 * found after the Lua files on {@code package.path}, so a module file the user mounts wins.
 */
public final class BuiltinModules {
    private BuiltinModules() {
    }

    /** Registers every built-in module with the sandbox; returns it. */
    public static SandboxLib install(SandboxLib sandbox) {
        return install(sandbox, SqlServers.offline());
    }

    /** Registers every built-in module, {@code luasql.mysql}/{@code luasql.postgres} reaching {@code sql}. */
    public static SandboxLib install(SandboxLib sandbox, SqlServers sql) {
        LuaValue cjsonNull = CjsonLib.newNull(); // one NULL light userdata per state, as in C
        return sandbox.preload("cjson", loader(() -> new CjsonLib(cjsonNull, false)))
                .preload("cjson.safe", loader(() -> new CjsonLib(cjsonNull, true)))
                .preload("base64", loader(Base64Lib::new))
                .preload("luasql.sqlite3", loader(() -> new Sqlite3Lib(sandbox)))
                .preload("luasql.mysql", loader(() -> new MysqlLib(sql, sandbox)))
                .preload("luasql.postgres", loader(() -> new PostgresLib(sql, sandbox)));
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
