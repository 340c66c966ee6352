package org.dovelua.lua;

import java.io.ByteArrayInputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.LogLevel;
import org.dovelua.lua.lua54.Lua54Compiler;
import org.dovelua.lua.lua54.Lua54IoLib;
import org.dovelua.lua.lua54.Lua54Lib;
import org.dovelua.lua.lua54.vm.LuajPatches;
import org.dovelua.lua.lua54.vm.TypeMetatables;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * One Lua state running one script file: {@code struct dlua_script} of src/lib-lua/dlua-script.c.
 * Every call into the state runs on the state's own thread (with a large stack, so deep Lua
 * recursion reaches Lua's own "stack overflow" rather than the JVM's) under the per-call budget.
 */
public final class LuaScript implements AutoCloseable {
    private static final long STUCK_GRACE_MILLIS = 2000;

    private final String filename;
    private final Globals globals;
    private final ScriptDebugLib debug;
    private final DovecotEvent event;
    private final ScriptOptions options;
    private final StateThread thread;
    private final java.util.List<Runnable> onClose = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** A death raised in any of this state's threads during the running call (StateDeath). */
    private final java.util.concurrent.atomic.AtomicReference<ProcessDeath> death =
            new java.util.concurrent.atomic.AtomicReference<>();
    private LuaFunction body;
    private boolean initialized;
    private volatile boolean wedged;
    /** The traceback taken where the last error was raised (see {@link #tracebackCatcher}). */
    private volatile String lastTraceback;
    /**
     * LuaJ appends a traceback to every error message once the debug library is loaded, so a
     * script's own {@code pcall} would see one. Lua does not do that: the traceback belongs to
     * the handler Dovecot passes to {@code lua_pcall}. An error function on the main thread keeps
     * the message as it is and records the traceback for {@link #errorText}.
     */
    private final LuaValue tracebackCatcher = new org.luaj.vm2.lib.OneArgFunction() {
        @Override
        public LuaValue call(LuaValue msg) {
            String tb = debug.traceback(1);
            lastTraceback = tb;
            return LuaValue.valueOf(luaPosition(msg.tojstring(), tb));
        }
    };

    /**
     * LuaJ writes an error's position as {@code file:line message}; Lua writes
     * {@code file:line: message} (luaG_addinfo). The position LuaJ used is the innermost frame's,
     * which is the first level of the traceback taken at the same moment.
     */
    public static String luaPosition(String msg, String traceback) {
        int nl = traceback.indexOf("\n\t");
        if (nl < 0) {
            return msg;
        }
        String frame = traceback.substring(nl + 2);
        int end = frame.indexOf(": in ");
        if (end < 0) {
            return msg;
        }
        String where = frame.substring(0, end);
        if (msg.startsWith(where + " ")) {
            return where + ": " + msg.substring(where.length() + 1);
        }
        return msg;
    }

    private LuaScript(String filename, DovecotEvent parentEvent, ScriptOptions options) {
        this.filename = filename;
        this.options = options;
        this.debug = new ScriptDebugLib();
        if (options.coverage() != null) {
            debug.lineHook(options.coverage().newState(options.coverageFiles()));
        }
        // the type metatables are this state's own, as in a lua_State (TypeMetatables)
        TypeMetatables metatables = new TypeMetatables();
        this.globals = TypeMetatables.with(metatables, () -> {
            Globals g = standardGlobals(debug, options.clock());
            options.sandbox().accept(g);
            return g;
        });
        // what Lua's registry keeps alive besides _G: the type metatables and package.loaded
        java.util.List<LuaValue> roots = new java.util.ArrayList<>();
        roots.add(globals.get("package").get("loaded"));
        debug.meter(new MemoryMeter(options.memoryBudget(), filename, () -> {
            java.util.List<LuaValue> all = new java.util.ArrayList<>(roots);
            all.addAll(metatables.all());
            return LuaHeap.measure(globals, all);
        }));
        // dlua_create_script(): event_create(parent) + script=<file>, category lua.
        this.event = parentEvent.child().addField("script", filename);
        // the auth process's stdout is /dev/null; its stderr is read by the log process, which
        // logs each line as an error of that process (both seen on 2.3.19)
        globals.STDOUT = new java.io.PrintStream(new LineOutput(options.stdout()), true,
                java.nio.charset.StandardCharsets.UTF_8);
        globals.STDERR = new java.io.PrintStream(new LineOutput(line -> event.logPlain(LogLevel.ERROR, line)), true,
                java.nio.charset.StandardCharsets.UTF_8);
        // coroutine threads started in a call inherit both bindings
        this.thread = new StateThread("lua:" + filename, () -> {
            TypeMetatables before = TypeMetatables.swap(metatables);
            java.util.concurrent.atomic.AtomicReference<ProcessDeath> deathBefore = StateDeath.swap(death);
            return () -> {
                TypeMetatables.restore(before);
                StateDeath.swap(deathBefore);
            };
        });
    }

    /** {@code luaL_openlibs()}: every standard library, without LuaJ's {@code luajava}. */
    private static Globals standardGlobals(ScriptDebugLib debug, java.time.Clock clock) {
        LuajPatches.install(); // 5.4 float text and VM error texts, once per JVM
        Globals g = new Globals();
        g.load(new JseBaseLib());
        g.load(new PackageLib());
        g.load(new TableLib());
        g.load(new StringLib());
        g.load(new CoroutineLib());
        g.load(new JseMathLib());
        g.load(new Lua54IoLib());
        g.load(new ClockedOsLib(clock));
        g.load(debug);
        g.load(new Lua54Lib()); // what 5.4's library has and LuaJ's 5.2 lacks
        LoadState.install(g);
        Lua54Compiler.install(g); // LuaC behind the 5.4 syntax front end
        return g;
    }

    /**
     * {@code dlua_script_create_file()} after its {@code access()} check: compiles {@code source}
     * under the chunk name {@code filename}. A syntax error is {@code lua_load(<file>) failed: ...}.
     */
    public static LuaScript load(String filename, byte[] source, DovecotEvent parentEvent, ScriptOptions options)
            throws ScriptException {
        LuaScript script = new LuaScript(filename, parentEvent, options);
        try {
            if (script.debug.lineHook() != null) {
                script.debug.lineHook().fileChunk("@" + filename);
            }
            script.body = script.onThread(() -> {
                // luaL_loadfile names the chunk "@file": errors and debug.getinfo().source read as on a server
                LuaValue chunk = script.globals.load(new ByteArrayInputStream(source), "@" + filename, "bt",
                        script.globals);
                return (LuaFunction) chunk;
            }, "load");
        } catch (LuaError e) {
            script.close();
            throw new ScriptException("lua_load(" + filename + ") failed: " + script.errorText(e, false));
        }
        return script;
    }

    public String filename() {
        return filename;
    }

    public Globals globals() {
        return globals;
    }

    /** The script's event ({@code script->event}), parent of {@code dovecot.event()}. */
    public DovecotEvent event() {
        return event;
    }

    /**
     * {@code dlua_run_script()}: runs the chunk body once, with {@code debug.traceback} as the
     * handler. Failure text: {@code lua_pcall(<file>) failed: <message + traceback>}.
     */
    public void runBody() throws ScriptException {
        if (initialized) {
            return;
        }
        initialized = true;
        try {
            onThread(() -> body.call(), "the script body");
        } catch (LuaError e) {
            throw new ScriptException("lua_pcall(" + filename + ") failed: " + errorText(e, true));
        }
    }

    /** {@code dlua_script_has_function()}: {@code rawget(_G, name)} is a function. */
    public boolean hasFunction(String name) {
        return globals.rawget(name).isfunction();
    }

    /**
     * {@code dlua_pcall()}: looks {@code fn} up in the globals at call time and calls it with the
     * traceback handler; the result is padded with nil or cut to {@code nresults} as Lua does.
     */
    public Varargs pcall(String fn, Varargs args, int nresults) throws ScriptException {
        int nargs = args.narg();
        try {
            return onThread(() -> {
                LuaValue f;
                try {
                    f = globals.get(fn); // lua_getglobal honours a metatable on _G
                } catch (LuaError e) {
                    // lua_getglobal runs unprotected: an error here is a Lua panic.
                    throw new ProcessDeath(ProcessDeath.Kind.PANIC,
                            "Lua script '" + filename + "': " + errorText(e, false));
                }
                if (!f.isfunction()) {
                    return null;
                }
                Varargs r = f.invoke(args);
                LuaValue[] out = new LuaValue[nresults];
                for (int i = 0; i < nresults; i++) {
                    out[i] = r.arg(i + 1);
                }
                return LuaValue.varargsOf(out);
            }, fn + "()");
        } catch (LuaError e) {
            throw new ScriptException("lua_pcall(" + fn + ", " + nargs + ", " + nresults + ") failed: "
                    + errorText(e, true));
        }
    }

    /** Like {@link #pcall} but reports a missing function as Dovecot does. */
    public Varargs call(String fn, Varargs args, int nresults) throws ScriptException {
        Varargs r = pcall(fn, args, nresults);
        if (r == null) {
            throw new ScriptException("'" + fn + "' is not a function");
        }
        return r;
    }

    /**
     * Runs {@code work} on the state's thread under the call budget. LuaErrors come back as
     * they are; a {@link ProcessDeath} ends the process; a JVM stack overflow is Lua's
     * "stack overflow" error.
     */
    public <T> T onThread(Callable<T> work, String what) {
        if (wedged) {
            throw new ProcessDeath(ProcessDeath.Kind.TIMEOUT,
                    "the Lua state of " + filename + " is still busy with an earlier call that ran out of time");
        }
        long budget = options.callTimeout().toNanos();
        String message = what + " ran longer than the per-call limit of " + describe(options.callTimeout());
        Callable<T> call = () -> {
            globals.running.errorfunc = tracebackCatcher;
            lastTraceback = null;
            debug.startBudget(budget, message);
            death.set(null);
            try {
                T result = work.call();
                ProcessDeath dead = death.get();
                if (dead != null) {
                    throw dead; // in a coroutine, whose failed resume the script caught
                }
                return result;
            } catch (StackOverflowError e) {
                throw new LuaError("stack overflow");
            } catch (OutOfMemoryError e) {
                // what vsz_limit does to a Dovecot process: its malloc fails and it dies with
                // i_fatal_status(FATAL_OUTOFMEM); the heap the script filled is garbage again now
                throw new ProcessDeath(ProcessDeath.Kind.FATAL, "dovelua: Out of memory: the JVM's heap ran out"
                        + " while " + what + " ran; give the JVM more with -Xmx, or fix the script",
                        MemoryBudget.FATAL_OUTOFMEM);
            } finally {
                debug.clearBudget();
            }
        };
        try {
            return thread.call(call, budget + TimeUnit.MILLISECONDS.toNanos(STUCK_GRACE_MILLIS));
        } catch (TimeoutException e) {
            // Stuck in Java code the instruction hook cannot see (e.g. a long sleep); the thread
            // running it was interrupted.
            wedged = true;
            throw new ProcessDeath(ProcessDeath.Kind.TIMEOUT, message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessDeath(ProcessDeath.Kind.TIMEOUT, "interrupted while running " + what);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof LuaError le) {
                throw le;
            }
            if (c instanceof ProcessDeath pd) {
                throw pd;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    private static String describe(java.time.Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    /**
     * The error value as {@code lua_tostring} gives it, plus, when {@code traceback}, the
     * {@code stack traceback:} LuaJ's debug library recorded where the error was raised.
     */
    public String errorText(LuaError e, boolean traceback) {
        LuaValue m = e.getMessageObject();
        String text = m != null && m.isstring() ? m.tojstring() : "(null)";
        if (traceback && lastTraceback != null) {
            text = text + "\n" + shortenTraceback(lastTraceback);
        }
        return text;
    }

    /**
     * luaL_traceback's shape for deep stacks: the first 10 levels, a
     * {@code \t...\t(skipping N levels)} line, and the last 11.
     */
    public static String shortenTraceback(String tb) {
        // the host's own call into the state is not a Lua level (Lua shows none for it)
        while (tb.endsWith("\n\t[Java]: in ?")) {
            tb = tb.substring(0, tb.length() - "\n\t[Java]: in ?".length());
        }
        String[] lines = tb.split("\n", -1);
        int levels = lines.length - 1;
        if (levels <= 22) {
            return tb;
        }
        StringBuilder sb = new StringBuilder(lines[0]);
        for (int i = 1; i <= 10; i++) {
            sb.append('\n').append(lines[i]);
        }
        sb.append("\n\t...\t(skipping ").append(levels - 21).append(" levels)");
        for (int i = lines.length - 11; i < lines.length; i++) {
            sb.append('\n').append(lines[i]);
        }
        return sb.toString();
    }

    /** {@code dlua_script_unref()} at deinit: calls {@code script_deinit} and logs its failure. */
    public void deinit() {
        if (initialized && hasFunction("script_deinit")) {
            try {
                pcall("script_deinit", LuaValue.NONE, 0);
            } catch (ScriptException e) {
                event.error("script_deinit() failed: " + e.getMessage());
            } catch (ProcessDeath e) {
                event.error("script_deinit() failed: " + e.getMessage());
            }
        }
        close();
    }

    @Override
    public void close() {
        thread.close();
        onClose.forEach(Runnable::run);
        debug.stateClosed();
    }

    /** Runs {@code release} when the state closes (what a library holds beyond the state: sockets, threads). */
    public void onClose(Runnable release) {
        onClose.add(release);
    }
}
