package org.dovelua.lua.shim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * A pure-Lua module dovelua ships as the real file (MIT-licensed LuaSocket and LuaSec files from
 * Debian's lua-socket 3.1.0 and lua-sec 1.2.0, licences beside them in the resources), run as
 * Lua's file searcher runs it: compiled in the requiring state under the chunk name
 * {@code @/usr/share/lua/5.4/...} Debian installs it as, called with the module name and that
 * path, and reported by {@code require} with that path as its second result.
 */
public final class ShippedLuaFile {
    /** Where Debian's packages put Lua 5.4 modules. */
    public static final String DEBIAN_DIR = "/usr/share/lua/5.4/";
    private static final String RESOURCES = "/org/dovelua/lua/shim/luasocket/";

    private ShippedLuaFile() {
    }

    /**
     * The built-in searcher's entry ({loader, path}) for {@code file} (relative to
     * {@value #DEBIAN_DIR}, e.g. {@code socket/url.lua}), in {@code globals}.
     */
    public static LuaValue entry(Globals globals, String file) {
        String path = DEBIAN_DIR + file;
        LuaTable entry = new LuaTable();
        entry.set(1, new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return globals.load(source(file), "@" + path, "t", globals).invoke(args);
            }
        });
        entry.set(2, path);
        return entry;
    }

    private static InputStream source(String file) {
        InputStream in = ShippedLuaFile.class.getResourceAsStream(RESOURCES + file);
        if (in == null) {
            throw new UncheckedIOException(new IOException(RESOURCES + file + " is missing from dovelua's jar"));
        }
        return in;
    }
}
