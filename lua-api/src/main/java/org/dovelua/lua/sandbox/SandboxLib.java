package org.dovelua.lua.sandbox;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.dovelua.lua.Hints;
import org.dovelua.lua.ProcessDeath;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The sandbox a script runs in, installed over the standard libraries with
 * {@code globals.load(new SandboxLib(vfs, hints))}: file access ({@code io}, {@code loadfile},
 * {@code dofile}, {@code require}, {@code os.remove}...) goes through the
 * {@link VirtualFileSystem}, and nothing a script does reaches the host process: {@code os.exit}
 * throws {@link ProcessDeath}, {@code os.execute}/{@code io.popen} go to a {@link Shell} (exec stubs
 * by default), {@code os.getenv} reads the given environment, {@code luajava} is gone, stdin is empty. Results and error texts
 * are Lua 5.4's, since that is what Dovecot runs.
 *
 * <p>{@code hints} receives one human hint per missing path (say, which {@code --mount} to add).
 */
public final class SandboxLib extends TwoArgFunction {
    private final VfsAccess fs;
    private final Hints hints;
    private final Map<String, String> environment;
    private final LuaTable builtins = new LuaTable();
    /** What {@code require} returns second for each built-in: {@code :preload:}, or a bundled file's path. */
    private final LuaTable builtinData = new LuaTable();
    private ChunkLoader chunks;
    private Globals globals;
    private Shell shell = new StubShell(List.of());
    /** What the state's libraries hold beyond the state (database connections), closed with it. */
    private final java.util.Set<AutoCloseable> held = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public SandboxLib(VirtualFileSystem vfs, Consumer<String> hints) {
        this(vfs, hints, Map.of());
    }

    /** @param environment what {@code os.getenv} sees (Dovecot's auth process has little) */
    public SandboxLib(VirtualFileSystem vfs, Consumer<String> hints, Map<String, String> environment) {
        this.hints = new Hints(hints);
        this.fs = new VfsAccess(vfs, this.hints);
        this.environment = Map.copyOf(environment);
    }

    /**
     * Makes {@code require(name)} find a built-in module (a {@code cjson} on Jackson, say) when
     * no Lua file for it is on {@code package.path}; a mounted file wins, as a real one would.
     * Callable before or after installation.
     */
    public SandboxLib preload(String name, LuaValue loader) {
        builtins.set(name, loader);
        builtinData.set(name, ":preload:");
        return this;
    }

    /**
     * Makes {@code require(name)} find a pure-Lua module file dovelua ships, as if it were installed
     * at {@code file} (say {@code /usr/share/lua/5.4/dkjson.lua}): the chunk is named {@code @file},
     * so its errors carry that position, and {@code require} returns {@code file} second, as
     * {@code searcher_Lua} does. Like {@link #preload}, it is searched after the Lua files on
     * {@code package.path}, so a mounted file at that path or earlier on the path wins.
     */
    public SandboxLib preloadFile(String name, String file, Supplier<byte[]> source) {
        builtins.set(name, new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                Varargs chunk = chunks.load(file, source.get(), globals);
                if (chunk.arg1().isnil()) {
                    throw new LuaError("error loading module '" + name + "' from file '" + file + "':\n\t"
                            + chunk.arg(2).tojstring());
                }
                return chunk.arg1().invoke(args);
            }
        });
        builtinData.set(name, file);
        return this;
    }

    /** The globals this sandbox was installed in, for built-in modules that {@code require} others. */
    public Globals globals() {
        if (globals == null) {
            throw new IllegalStateException("the sandbox is not installed yet");
        }
        return globals;
    }

    /**
     * What {@code io.popen} and {@code os.execute} run (default: no stubs, so every command fails
     * as a missing program does). Call before installation.
     */
    public SandboxLib shell(Shell commands) {
        this.shell = commands;
        return this;
    }

    /**
     * The database file behind {@code luaPath} as SQLite may open it (see {@link DatabaseFile}), or
     * empty, with a hint, when nothing provides it.
     */
    public java.util.Optional<DatabaseFile> database(String luaPath) {
        return fs.database(luaPath);
    }

    /**
     * Keeps {@code resource} until the state closes, as a process exit would end it; the returned
     * action forgets it once the script closed it itself.
     */
    public Runnable hold(AutoCloseable resource) {
        held.add(resource);
        return () -> held.remove(resource);
    }

    /** The state closed: closes what its libraries still hold. */
    private void releaseHeld() {
        for (AutoCloseable r : held) {
            try {
                r.close();
            } catch (Exception e) {
                // the process is gone: nothing left to report it to
            }
        }
        held.clear();
    }

    /** Sends a hint for a missing resource once per key ("add --sql ..."). */
    public void hint(String key, String text) {
        fs.hint(key, text);
    }

    /** Whether unmounted paths reach the real file system ({@code --allow-fs}). */
    public boolean realFsAllowed() {
        return fs.vfs.realFsAllowed();
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        globals = env.checkglobals();
        if (globals.debuglib instanceof org.dovelua.lua.ScriptDebugLib debug) {
            debug.onStateClose(this::releaseHeld); // as a process exit would end them
        }
        globals.STDIN = new ByteArrayInputStream(new byte[0]); // an auth process has no terminal
        ShellAccess commands = new ShellAccess(shell, hints, globals);
        globals.load(new SandboxIoLib(fs, commands));
        chunks = new ChunkLoader(fs, globals);
        chunks.install();
        new SandboxPackageLib(fs, chunks, builtins, builtinData).install(globals);
        globals.load(new SandboxOsLib(fs, commands, environment));
        globals.set("luajava", NIL); // would let a script call any Java class
        globals.get("package").get("loaded").set("luajava", NIL);
        return env;
    }
}
