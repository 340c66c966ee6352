package org.dovelua.lua.lua54;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.luaj.vm2.Globals;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;

/**
 * The compiler every {@code load}, {@code loadfile}, {@code dofile} and {@code require} of a
 * state goes through: {@link Lua54Syntax} first, then LuaJ's own {@link LuaC}, so 5.4 syntax
 * loads wherever Lua source enters the state, not only in the main script.
 */
public final class Lua54Compiler implements Globals.Compiler {
    private static final Lua54Compiler INSTANCE = new Lua54Compiler();

    private Lua54Compiler() {
    }

    /** Replaces {@code LuaC.install(g)}: LuaC stays the loader, this the compiler. */
    public static void install(Globals g) {
        LuaC.install(g);
        g.compiler = INSTANCE;
    }

    @Override
    public Prototype compile(InputStream stream, String chunkname) throws IOException {
        byte[] source = stream.readAllBytes();
        byte[] lua52 = Lua54Syntax.rewrite(chunkname, source);
        return LuaC.instance.compile(new ByteArrayInputStream(lua52), chunkname);
    }
}
