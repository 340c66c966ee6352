package org.dovelua.lua.gopher;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.UpValue;
import org.luaj.vm2.Upvaldesc;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * What gopher-lua's library has and LuaJ's 5.2 one lacks, and the reverse, loaded after LuaJ's
 * libraries: the 5.1 names (baselib.go {@code baseFuncs}: unpack, loadstring, getfenv/setfenv,
 * module, newproxy; tablelib.go getn/maxn; mathlib.go pow/mod/log10; stringlib.go gfind;
 * loadlib.go package.loaders/seeall), without 5.2's (rawlen, table.pack/unpack,
 * package.searchers/searchpath), and {@code _VERSION} "Lua 5.1" (config.go LuaVersion).
 * A 5.1 function environment is the closure's {@code _ENV} upvalue here.
 */
final class Gopher51Lib extends TwoArgFunction {
    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        Globals g = env.checkglobals();
        LuaTable table = g.get("table").checktable();
        LuaTable math = g.get("math").checktable();
        LuaTable string = g.get("string").checktable();
        LuaTable pkg = g.get("package").checktable();
        LuaTable os = g.get("os").checktable();
        LuaTable io = g.get("io").checktable();
        LuaValue getinfo = g.get("debug").get("getinfo");

        // baselib.go OpenBase
        g.set("_VERSION", "Lua 5.1");
        g.set("_GOPHER_LUA_VERSION", "GopherLua 0.1"); // PackageName+" "+PackageVersion (package.go)
        g.set("rawlen", NIL);
        g.set("unpack", table.get("unpack"));
        g.set("loadstring", new VarArgFunction() { // baseLoadString: chunk name "<string>" by default
            @Override
            public Varargs invoke(Varargs a) {
                return g.get("load").invoke(varargsOf(a.checkstring(1), a.optstring(2, valueOf("<string>"))));
            }
        });
        g.set("getfenv", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                LuaValue f = a.narg() == 0 ? valueOf(1) : a.arg1();
                if (f.type() == TNUMBER) {
                    int level = (int) f.todouble();
                    if (level <= 0) {
                        return g;
                    }
                    f = function(getinfo, level);
                }
                return envOf(f, g);
            }
        });
        g.set("setfenv", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                LuaValue f = a.narg() == 0 ? valueOf(1) : a.arg1();
                LuaTable t = a.checktable(2);
                if (f.type() == TNUMBER) {
                    int level = (int) f.todouble();
                    if (level <= 0) {
                        throw new LuaError("setfenv(0, t) is not supported: the thread's environment is the globals");
                    }
                    f = function(getinfo, level);
                }
                setEnv(f, t);
                return f;
            }
        });
        g.set("module", new VarArgFunction() { // baselib.go loModule
            @Override
            public Varargs invoke(Varargs a) {
                String name = a.checkjstring(1);
                LuaValue loaded = pkg.get("loaded");
                LuaValue tb = loaded.get(name);
                if (!tb.istable()) {
                    tb = findTable(g, name);
                    if (tb.isnil()) {
                        throw new LuaError("name conflict for module: " + name);
                    }
                    loaded.set(name, tb);
                }
                if (tb.get("_NAME").isnil()) {
                    tb.set("_M", tb);
                    tb.set("_NAME", name);
                    int dot = name.lastIndexOf('.');
                    tb.set("_PACKAGE", dot < 0 ? "" : name.substring(0, dot + 1));
                }
                setEnv(function(getinfo, 1), tb.checktable());
                for (int i = 2; i <= a.narg(); i++) {
                    a.arg(i).call(tb);
                }
                return tb;
            }
        });
        g.set("newproxy", new OneArgFunction() { // baselib.go baseNewProxy
            @Override
            public LuaValue call(LuaValue arg) {
                LuaUserdata ud = new LuaUserdata(new Object());
                if (arg == TRUE) {
                    ud.setmetatable(new LuaTable());
                } else if (arg.isuserdata()) {
                    ud.setmetatable(arg.getmetatable());
                }
                return ud;
            }
        });

        // tablelib.go
        table.set("getn", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue t) {
                return valueOf(t.checktable().length());
            }
        });
        table.set("maxn", new OneArgFunction() { // LTable.MaxN: the largest positive numeric key
            @Override
            public LuaValue call(LuaValue t) {
                double max = 0;
                LuaValue k = NIL;
                while (true) {
                    Varargs n = t.checktable().next(k);
                    k = n.arg1();
                    if (k.isnil()) {
                        break;
                    }
                    if (k.type() == TNUMBER && k.todouble() > max) {
                        max = k.todouble();
                    }
                }
                return valueOf(max);
            }
        });
        table.set("pack", NIL);
        table.set("unpack", NIL);

        // mathlib.go
        math.set("huge", valueOf(Double.MAX_VALUE)); // LNumber(math.MaxFloat64), not +Inf
        math.set("mod", math.get("fmod"));
        math.set("log", new OneArgFunction() { // mathLog: math.Log of the first argument only
            @Override
            public LuaValue call(LuaValue x) {
                return valueOf(Math.log(x.checkdouble()));
            }
        });
        math.set("log10", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue x) {
                return valueOf(Math.log10(x.checkdouble()));
            }
        });
        if (math.get("pow").isnil()) {
            math.set("pow", new TwoArgFunction() {
                @Override
                public LuaValue call(LuaValue x, LuaValue y) {
                    return valueOf(Math.pow(x.checkdouble(), y.checkdouble()));
                }
            });
        }

        // stringlib.go OpenString: gfind is gmatch
        string.set("gfind", string.get("gmatch"));
        string.set("format", new GoFormat()); // strFormat: Go's fmt.Sprintf
        string.set("dump", new VarArgFunction() { // stringlib.go strDump
            @Override
            public Varargs invoke(Varargs a) {
                throw new LuaError("GopherLua does not support the string.dump");
            }
        });

        // loadlib.go OpenPackage: "loaders", not 5.2's "searchers", and baselib.go's require over them
        GopherRequire.install(g, pkg);
        pkg.set("path", GopherRequire.path(System.getenv("LUA_PATH")));
        pkg.set("cpath", "");
        pkg.set("searchers", NIL);
        pkg.set("searchpath", NIL);
        pkg.set("seeall", new OneArgFunction() { // loSeeAll
            @Override
            public LuaValue call(LuaValue mod) {
                LuaTable m = mod.checktable();
                LuaValue mt = m.getmetatable();
                if (mt == null || mt.isnil()) {
                    mt = new LuaTable();
                    m.setmetatable(mt);
                }
                mt.set("__index", g);
                return NIL;
            }
        });

        // no processes, no end of the JVM: a test run is offline
        os.set("execute", offline("os.execute"));
        os.set("exit", offline("os.exit"));
        io.set("popen", offline("io.popen"));
        return NIL;
    }

    /** A function that refuses what a test run must not do (run a process, end the JVM). */
    static LuaFunction offline(String function) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                throw new LuaError(function + " is not available offline (dovelua runs no processes and keeps the JVM)");
            }
        };
    }

    /** The function running at {@code level} (1: the caller of the library function). */
    private static LuaValue function(LuaValue getinfo, int level) {
        LuaValue info = getinfo.call(valueOf(level), valueOf("f"));
        return info.istable() ? info.get("func") : NIL;
    }

    private static int envIndex(LuaClosure c) {
        Upvaldesc[] u = c.p.upvalues;
        for (int i = 0; i < u.length; i++) {
            if (u[i].name != null && u[i].name.tojstring().equals("_ENV")) {
                return i;
            }
        }
        return -1;
    }

    /** baseGetFEnv: a Lua function's environment; a Go (here Java) function's is the globals. */
    static LuaValue envOf(LuaValue f, Globals g) {
        if (f instanceof LuaClosure c) {
            int i = envIndex(c);
            if (i >= 0 && c.upValues[i] != null) {
                return c.upValues[i].getValue();
            }
        }
        return g;
    }

    /**
     * baseSetFEnv: the closure gets an {@code _ENV} of its own (a fresh upvalue, so the function
     * it shared {@code _ENV} with keeps its environment, as 5.1's per-function environments do).
     */
    static void setEnv(LuaValue f, LuaTable env) {
        if (f instanceof LuaClosure c) {
            int i = envIndex(c);
            if (i >= 0) {
                c.upValues[i] = new UpValue(new LuaValue[] {env}, 0);
                return;
            }
        }
        throw new LuaError("cannot change the environment of given object");
    }

    /** auxlib.go {@code FindTable}: walks or makes the dotted path; nil on a non-table in the way. */
    private static LuaValue findTable(LuaTable root, String name) {
        LuaValue t = root;
        for (String part : name.split("\\.", -1)) {
            LuaValue next = t.rawget(part);
            if (next.isnil()) {
                next = new LuaTable();
                t.rawset(part, next);
            } else if (!next.istable()) {
                return NIL;
            }
            t = next;
        }
        return t;
    }
}
