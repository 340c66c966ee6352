package org.dovelua.lua;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.luaj.vm2.Globals;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.jse.JsePlatform;

/** Runs Lua snippets in standard globals with the sandbox on top, collecting hints. */
final class LuaRunner {
    final List<String> hints = new ArrayList<>();
    final Globals globals = JsePlatform.standardGlobals();
    final SandboxLib sandbox;

    LuaRunner(VirtualFileSystem vfs) {
        this(vfs, Map.of());
    }

    LuaRunner(VirtualFileSystem vfs, Map<String, String> env) {
        sandbox = new SandboxLib(vfs, hints::add, env);
        globals.load(sandbox);
    }

    /** The chunk's return values as Lua's tostring shows them. */
    List<String> run(String lua) {
        Varargs r = globals.load(lua, "@test.lua").invoke(); // a file's chunk name, as luaL_loadfile gives
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= r.narg(); i++) {
            out.add(r.arg(i).tojstring());
        }
        return out;
    }
}
