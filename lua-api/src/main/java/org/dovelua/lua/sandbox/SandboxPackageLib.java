package org.dovelua.lua.sandbox;

import org.dovelua.lua.LuaArgs;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code require} and {@code package} as Lua 5.4 on Debian 12 has them, searching through the
 * sandbox. LuaJ's own {@code require} words its miss differently and its third searcher loads
 * Java classes by name (a way out of any sandbox), so the searchers are replaced:
 * <ol>
 *   <li>{@code package.preload};
 *   <li>Lua files on {@code package.path};
 *   <li>dovelua's built-in modules ({@link #builtins}), standing in for C modules such as
 *       {@code cjson}: they sit after the Lua searcher, not in {@code package.preload}, so a
 *       module file the user mounts wins, as the file would win on a real server;
 *   <li>C modules on {@code package.cpath} (found files cannot be loaded, and say so);
 *   <li>the all-in-one C loader for dotted names.
 * </ol>
 * Like 5.4, {@code require} and the preload searcher keep the {@code loaded} and {@code preload}
 * tables they started with, even if a script reassigns the fields.
 */
final class SandboxPackageLib {
    /** luaconf.h's LUA_PATH_DEFAULT as Debian 12 builds liblua5.4 (checked with lua5.4 5.4.4). */
    static final String PATH = "/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;"
            + "/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;"
            + "/usr/share/lua/5.4/?.lua;/usr/share/lua/5.4/?/init.lua;./?.lua;./?/init.lua";
    /** LUA_CPATH_DEFAULT on Debian 12 amd64. */
    static final String CPATH = "/usr/local/lib/lua/5.4/?.so;/usr/lib/x86_64-linux-gnu/lua/5.4/?.so;"
            + "/usr/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so";

    private final VfsAccess fs;
    private final ChunkLoader chunks;
    private final LuaTable builtins;
    private final LuaTable builtinData;

    SandboxPackageLib(VfsAccess fs, ChunkLoader chunks, LuaTable builtins, LuaTable builtinData) {
        this.fs = fs;
        this.chunks = chunks;
        this.builtins = builtins;
        this.builtinData = builtinData;
    }

    void install(LuaTable globals) {
        LuaTable pkg = globals.get("package").checktable();
        LuaTable loaded = pkg.get("loaded").checktable();
        LuaTable preload = pkg.get("preload").checktable();
        pkg.set("path", PATH);
        pkg.set("cpath", CPATH);
        pkg.set("config", "/\n;\n?\n!\n-\n");
        pkg.set("searchpath", LuaArgs.fn("searchpath", args -> {
            String name = LuaArgs.checkString(args, 1, "searchpath");
            String path = LuaArgs.checkString(args, 2, "searchpath");
            String sep = LuaArgs.optString(args, 3, "searchpath", ".");
            String rep = LuaArgs.optString(args, 4, "searchpath", "/");
            return searchpath(name, path, sep, rep);
        }));
        pkg.set("loadlib", LuaArgs.fn("loadlib", args -> loadlib(LuaArgs.checkString(args, 1, "loadlib"),
                LuaArgs.checkString(args, 2, "loadlib"))));
        LuaTable searchers = new LuaTable();
        searchers.set(1, LuaArgs.fn("searcher_preload", args -> {
            String name = LuaArgs.checkString(args, 1, "searcher_preload");
            LuaValue loader = preload.get(name);
            return loader.isnil() ? LuaValue.valueOf("no field package.preload['" + name + "']")
                    : LuaValue.varargsOf(loader, LuaValue.valueOf(":preload:"));
        }));
        searchers.set(2, LuaArgs.fn("searcher_Lua", args -> {
            String name = LuaArgs.checkString(args, 1, "searcher_Lua");
            Varargs found = findfile(pkg, name, "path");
            if (found.arg1().isnil()) {
                return found.arg(2);
            }
            String file = found.arg1().tojstring();
            Varargs chunk = chunks.load(file, "bt", globals);
            if (chunk.arg1().isnil()) {
                throw loadError(name, file, chunk.arg(2).tojstring());
            }
            return LuaValue.varargsOf(chunk.arg1(), LuaValue.valueOf(file));
        }));
        searchers.set(3, LuaArgs.fn("searcher_dovelua", args -> {
            String name = LuaArgs.checkString(args, 1, "searcher_dovelua");
            LuaValue loader = builtins.get(name);
            return loader.isnil() ? LuaValue.NONE : LuaValue.varargsOf(loader, builtinData.get(name));
        }));
        searchers.set(4, LuaArgs.fn("searcher_C", args -> cSearch(pkg, LuaArgs.checkString(args, 1, "searcher_C"), null)));
        searchers.set(5, LuaArgs.fn("searcher_Croot", args -> {
            String name = LuaArgs.checkString(args, 1, "searcher_Croot");
            int dot = name.indexOf('.');
            return dot < 0 ? LuaValue.NONE : cSearch(pkg, name, name.substring(0, dot));
        }));
        pkg.set("searchers", searchers);
        globals.set("require", LuaArgs.fn("require", args -> require(pkg, loaded, LuaArgs.checkString(args, 1, "require"))));
    }

    /**
     * {@code ll_loadlib}: a missing file is dlopen()'s error with "open", as real Dovecot's Lua
     * answers; a file that is there cannot be loaded here (it is C), which is "absent" with the
     * text Lua gives without dynamic libraries, and a hint. (LuaJ's own loadlib never returns.)
     */
    private Varargs loadlib(String path, String function) {
        if (!fs.probe(path)) {
            try {
                fs.forReading(path); // for the mount hint
            } catch (Errno.Failure e) {
                // the hint is what counts; dlopen's text follows
            }
            return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(path
                    + ": cannot open shared object file: No such file or directory"), LuaValue.valueOf("open"));
        }
        fs.hint("loadlib:" + path, "package.loadlib(\"" + path + "\", \"" + function
                + "\"): dovelua cannot load C libraries; mount a Lua module instead");
        return LuaValue.varargsOf(LuaValue.NIL,
                LuaValue.valueOf("dynamic libraries not enabled; check your Lua installation"), LuaValue.valueOf("absent"));
    }

    /** {@code ll_require}. */
    private Varargs require(LuaTable pkg, LuaTable loaded, String name) {
        LuaValue have = loaded.get(name);
        if (have.toboolean()) {
            return have;
        }
        Varargs loader = findloader(pkg, name);
        LuaValue data = loader.arg(2);
        LuaValue result = loader.arg1().call(LuaValue.valueOf(name), data);
        if (!result.isnil()) {
            loaded.set(name, result);
        }
        if (loaded.get(name).isnil()) {
            loaded.set(name, LuaValue.TRUE);
        }
        return LuaValue.varargsOf(loaded.get(name), data);
    }

    /** {@code findloader}: the first searcher giving a function wins; the others' texts make the miss. */
    private Varargs findloader(LuaTable pkg, String name) {
        LuaValue searchers = pkg.get("searchers");
        if (!searchers.istable()) {
            throw new LuaError("'package.searchers' must be a table");
        }
        StringBuilder msg = new StringBuilder();
        for (int i = 1; ; i++) {
            LuaValue searcher = searchers.rawget(i);
            if (searcher.isnil()) {
                fs.hint("require:" + name, missingModuleHint(name));
                throw new LuaError("module '" + name + "' not found:" + msg);
            }
            Varargs r = searcher.invoke(LuaValue.valueOf(name));
            if (r.arg1().isfunction()) {
                return r;
            }
            if (r.arg1().isstring()) {
                msg.append("\n\t").append(r.arg1().tojstring());
            }
        }
    }

    /** The two ways forward for a module dovelua has neither as a file nor built in. */
    static String missingModuleHint(String name) {
        return "module '" + name + "' not found: dovelua has no built-in '" + name + "'. Either mount a pure-Lua copy on package.path, e.g. --mount /usr/share/lua/5.4/"
                + name.replace('.', '/') + ".lua=LOCAL_FILE, or ask for it to be built in: open an issue on dovelua's"
                + " issue tracker naming the module and the script that needs it";
    }

    private Varargs findfile(LuaTable pkg, String name, String field) {
        LuaValue path = pkg.get(field);
        if (!path.isstring()) {
            throw new LuaError("'package." + field + "' must be a string");
        }
        return searchpath(name, path.tojstring(), ".", "/");
    }

    /** C modules cannot run on the JVM: a miss lists the tried files; a hit is a load error. */
    private Varargs cSearch(LuaTable pkg, String name, String root) {
        Varargs found = findfile(pkg, root == null ? name : root, "cpath");
        if (found.arg1().isnil()) {
            return found.arg(2);
        }
        throw loadError(name, found.arg1().tojstring(),
                "dovelua cannot load C modules; mount a Lua file for it on package.path instead");
    }

    private static LuaError loadError(String name, String file, String why) {
        return new LuaError("error loading module '" + name + "' from file '" + file + "':\n\t" + why);
    }

    /** {@code searchpath}: every template is tried, each through the sandbox. */
    Varargs searchpath(String name, String path, String sep, String rep) {
        if (!sep.isEmpty() && name.indexOf(sep.charAt(0)) >= 0) {
            name = name.replace(sep, rep);
        }
        String names = path.replace("?", name);
        for (String file : names.split(";", -1)) {
            if (!file.isEmpty() && fs.probe(file)) {
                return LuaValue.valueOf(file);
            }
        }
        return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf("no file '" + names.replace(";", "'\n\tno file '") + "'"));
    }
}
