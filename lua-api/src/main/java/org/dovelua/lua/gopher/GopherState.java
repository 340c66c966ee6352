package org.dovelua.lua.gopher;

import java.io.ByteArrayInputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dovelua.lua.LuaScript;
import org.dovelua.lua.lua54.vm.CoroutineThreads;
import org.dovelua.lua.lua54.vm.LuaDialect;
import org.dovelua.lua.lua54.vm.LuajPatches;
import org.dovelua.lua.lua54.vm.TypeMetatables;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseIoLib;
import org.luaj.vm2.lib.jse.JseMathLib;
import org.luaj.vm2.lib.jse.JseOsLib;

/**
 * A Lua state as gopher-lua 1.1.2 makes one ({@code lua.NewState()}, whose {@code OpenLibs()} in
 * linit.go opens package, base, table, io, os, string, math, debug, channel and coroutine): Lua
 * 5.1's library and syntax plus {@code goto} (gopher-lua parses 5.2's goto), compiled by LuaJ's
 * own {@link LuaC} (5.2 syntax) rather than dovelua's 5.4 front end. The state's thread carries
 * {@link LuaDialect#GOPHER51}, so numbers print as Go prints a float64, and its own
 * {@link TypeMetatables}, so its string metatable is not a Dovecot script's.
 *
 * <p>Not opened: gopher-lua's {@code channel} library (Go channels; nothing in Nauthilus's plugins
 * uses it from Lua). Files are the real file system's, as gopher-lua's io and os libraries use it;
 * only running processes and ending the process are refused ({@link Gopher51Lib}).
 */
public final class GopherState implements AutoCloseable {
    private final TypeMetatables metatables = new TypeMetatables();
    private final ExecutorService thread;
    private volatile Thread owner;
    private final Globals globals;
    private DebugLib debug;
    /**
     * The message handler of the state's main thread: LuaJ would append a traceback to every error
     * once the debug library is loaded (LuaClosure.errorHook), and writes the position as
     * {@code file:line msg}; gopher-lua's error value is {@code file:line: msg} alone
     * (state.go {@code RaiseError} with {@code L.where(1)}).
     */
    private final LuaValue errorPosition = new org.luaj.vm2.lib.OneArgFunction() {
        @Override
        public LuaValue call(LuaValue msg) {
            return LuaValue.valueOf(LuaScript.luaPosition(msg.tojstring(), debug.traceback(1)));
        }
    };

    /** Counts the plugin's lines ({@code dovelua test --coverage}); null: LuaJ's own debug library. */
    private final org.dovelua.lua.coverage.LineHook lines;

    private GopherState(org.dovelua.lua.coverage.LineHook lines) {
        this.lines = lines;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, () -> {
                owner = Thread.currentThread();
                TypeMetatables.bind(metatables); // coroutine threads started here inherit both
                LuaDialect.bind(LuaDialect.GOPHER51);
                LTableOrder.bind(); // pairs in gopher-lua's table order
                r.run();
            }, "gopher-lua", CoroutineThreads.STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
        this.globals = call(this::openLibs);
    }

    /** A new state with gopher-lua's standard libraries, its dialect bound to its thread. */
    public static GopherState create() {
        return create(null);
    }

    /** {@link #create()}, counting the lines its file chunks run into {@code lines} (null: none). */
    public static GopherState create(org.dovelua.lua.coverage.LineHook lines) {
        LuajPatches.install(); // float subtype, error texts; the text itself follows the dialect
        return new GopherState(lines);
    }

    /** The state's line counting, or null when coverage is off. */
    public static org.dovelua.lua.coverage.LineHook lineHook(Globals g) {
        return g.debuglib instanceof org.dovelua.lua.coverage.CountingDebugLib c ? c.lineHook() : null;
    }

    /** linit.go {@code OpenLibs()}, without the channel library. */
    private Globals openLibs() {
        Globals g = new Globals();
        debug = lines == null ? new DebugLib() : new org.dovelua.lua.coverage.CountingDebugLib(lines);
        g.load(new JseBaseLib());
        g.load(new PackageLib());
        g.load(new TableLib());
        g.load(new JseIoLib());
        g.load(new JseOsLib());
        g.load(new StringLib());
        g.load(new JseMathLib());
        g.load(debug);
        g.load(new CoroutineLib());
        g.load(new Gopher51Lib()); // 5.1's names in, 5.2's out
        LoadState.install(g);
        LuaC.install(g); // 5.2 syntax (goto included), no 5.4 front end
        // files only: JseBaseLib's finder would fall back to the class path, which gopher-lua has not
        g.finder = name -> {
            java.io.File f = new java.io.File(name);
            try {
                return f.isFile() ? new java.io.FileInputStream(f) : null;
            } catch (java.io.FileNotFoundException e) {
                return null;
            }
        };
        return g;
    }

    public Globals globals() {
        return globals;
    }

    /**
     * Runs {@code work} on the state's thread (inline when already there); a LuaError or
     * RuntimeException it raises comes back as it is.
     */
    public <T> T call(Callable<T> work) {
        if (Thread.currentThread() == owner) {
            return callInline(work);
        }
        Future<T> f = thread.submit(() -> callInline(work));
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new IllegalStateException("interrupted while the gopher-lua state ran", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    private <T> T callInline(Callable<T> work) {
        if (globals != null) {
            globals.running.errorfunc = errorPosition;
        }
        try {
            return work.call();
        } catch (StackOverflowError e) {
            throw new LuaError("stack overflow");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compiles {@code source} under {@code chunkName} ({@code "@path"} for a file, as gopher-lua's
     * {@code LoadFile} names it); a syntax error is a LuaError.
     */
    public LuaFunction load(String chunkName, byte[] source) {
        return call(() -> (LuaFunction) globals.load(new ByteArrayInputStream(source), chunkName, "t", globals));
    }

    /** Ends the state's thread. */
    @Override
    public void close() {
        thread.shutdownNow();
    }

    /** The dialect binding of this state's thread (for tests). */
    LuaDialect dialect() {
        return call(LuaDialect::current);
    }

}
