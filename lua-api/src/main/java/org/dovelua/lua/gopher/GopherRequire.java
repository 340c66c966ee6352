package org.dovelua.lua.gopher;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.OneArgFunction;

/**
 * gopher-lua's {@code require} and its two loaders (baselib.go {@code loRequire}; loadlib.go
 * {@code loLoaderPreload}, {@code loLoaderLua}, {@code loFindFile}): the list is
 * {@code package.loaders} (5.1), not LuaJ's 5.2 {@code package.searchers}; a loader returns a
 * function or a message string; a module is called with its name alone; {@code package.loaded}
 * holds a sentinel while it loads. Nauthilus's wrappers rely on the order loaded → preload → path.
 */
final class GopherRequire {
    /** loopdetection in baselib.go: marks a module whose loading has started. */
    private static final LuaValue LOADING = new LuaTable();

    private GopherRequire() {
    }

    /** config.go LuaPathDefault (unix). */
    static final String DEFAULT_PATH = "./?.lua;/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua";

    /** loadlib.go loGetPath: {@code LUA_PATH} when set, its {@code ;;} standing for the default. */
    static String path(String luaPath) {
        String path = luaPath == null || luaPath.isEmpty() ? DEFAULT_PATH : luaPath;
        return path.replace(";;", ";" + DEFAULT_PATH + ";");
    }

    /** Installs {@code require} and {@code package.loaders} into {@code g}. */
    static void install(Globals g, LuaTable pkg) {
        LuaTable loaders = new LuaTable();
        loaders.set(1, preloadLoader(pkg));
        loaders.set(2, luaLoader(g, pkg));
        pkg.set("loaders", loaders);
        g.set("require", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue arg) {
                return require(pkg, loaders, arg.checkjstring());
            }
        });
    }

    private static LuaValue require(LuaTable pkg, LuaTable loaders, String name) {
        LuaValue loaded = pkg.get("loaded");
        LuaValue lv = loaded.get(name);
        if (lv.toboolean()) {
            if (lv == LOADING) {
                throw new LuaError("loop or previous error loading module: " + name);
            }
            return lv;
        }
        List<String> messages = new ArrayList<>();
        LuaValue module = null;
        for (int i = 1; module == null; i++) {
            LuaValue loader = loaders.rawget(i);
            if (loader.isnil()) {
                throw new LuaError("module " + name + " not found:\n\t" + String.join("\n\t", messages) + ", ");
            }
            LuaValue ret = loader.call(LuaValue.valueOf(name));
            if (ret.isfunction()) {
                module = ret;
            } else if (ret.isstring() && !ret.isnumber()) {
                messages.add(ret.tojstring());
            }
        }
        loaded.set(name, LOADING);
        LuaValue ret = module.call(LuaValue.valueOf(name));
        LuaValue modv = loaded.get(name);
        if (!ret.isnil() && modv == LOADING) {
            loaded.set(name, ret);
            return ret;
        }
        if (modv == LOADING) {
            loaded.set(name, LuaValue.TRUE);
            return LuaValue.TRUE;
        }
        return modv;
    }

    private static LuaFunction preloadLoader(LuaTable pkg) {
        return new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue arg) {
                String name = arg.checkjstring();
                LuaValue preload = pkg.get("preload");
                if (!preload.istable()) {
                    throw new LuaError("package.preload must be a table");
                }
                LuaValue lv = preload.get(name);
                return lv.isnil() ? valueOf("no field package.preload['" + name + "']") : lv;
            }
        };
    }

    private static LuaFunction luaLoader(Globals g, LuaTable pkg) {
        return new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue arg) {
                String name = arg.checkjstring().replace(".", "/");
                LuaValue path = pkg.get("path");
                if (!path.isstring() || path.isnumber()) {
                    throw new LuaError("package.path must be a string");
                }
                List<String> messages = new ArrayList<>();
                for (String pattern : path.tojstring().split(";", -1)) {
                    String file = pattern.replace("?", name);
                    InputStream in = g.finder.findResource(file);
                    if (in != null) {
                        return loadFile(g, file, in);
                    }
                    // Go's *PathError text from os.Stat
                    messages.add("stat " + file + ": no such file or directory");
                }
                return valueOf(String.join("\n\t", messages));
            }
        };
    }

    /**
     * LState.LoadFile: a leading {@code #} line is skipped; an error is raised, not returned. Files
     * come through the globals' finder, so a host can resolve relative paths against its own
     * working directory (a JVM cannot change its own).
     */
    private static LuaValue loadFile(Globals g, String file, InputStream in) {
        byte[] source;
        try (in) {
            source = in.readAllBytes();
        } catch (IOException e) {
            throw new LuaError("open " + file + ": " + e.getMessage());
        }
        if (source.length > 0 && source[0] == '#') {
            int nl = 0;
            while (nl < source.length && source[nl] != '\n') {
                nl++;
            }
            byte[] rest = new byte[source.length - nl];
            System.arraycopy(source, nl, rest, 0, rest.length); // keeps the newline: line numbers hold
            source = rest;
        }
        org.dovelua.lua.coverage.LineHook lines = GopherState.lineHook(g);
        if (lines != null) {
            lines.fileChunk("@" + file); // dovelua test --coverage
        }
        return g.load(new java.io.ByteArrayInputStream(source), "@" + file, "bt", g);
    }
}
