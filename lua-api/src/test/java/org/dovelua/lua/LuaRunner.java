package org.dovelua.lua;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovelua.lua.lua54.vm.LuajPatches;
import org.dovelua.lua.sandbox.SandboxLib;
import org.dovelua.lua.sandbox.VirtualFileSystem;
import org.luaj.vm2.Globals;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs Lua snippets in standard globals with the sandbox on top, collecting hints. The LuaJ
 * patches are installed first, so what a snippet prints does not depend on whether an earlier
 * test in the same JVM installed them (a float read by {@code io.read("n")} prints as 5.4's).
 */
public final class LuaRunner {
    static {
        LuajPatches.install();
    }

    public final List<String> hints = new ArrayList<>();
    public final Globals globals = JsePlatform.standardGlobals();
    public final SandboxLib sandbox;

    public LuaRunner(VirtualFileSystem vfs) {
        this(vfs, Map.of());
    }

    public LuaRunner(VirtualFileSystem vfs, Map<String, String> env) {
        sandbox = new SandboxLib(vfs, hints::add, env);
        globals.load(sandbox);
    }

    /** The chunk's return values as Lua's tostring shows them. */
    public List<String> run(String lua) {
        Varargs r = globals.load(lua, "@test.lua").invoke(); // a file's chunk name, as luaL_loadfile gives
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= r.narg(); i++) {
            out.add(r.arg(i).tojstring());
        }
        return out;
    }
}
