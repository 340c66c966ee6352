package org.dovelua.lua.sandbox;

import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.function.Consumer;
import org.dovelua.lua.Hints;
import org.dovelua.lua.ProcessDeath;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * The sandbox a script runs in, installed over the standard libraries with
 * {@code globals.load(new SandboxLib(vfs, hints))}: file access ({@code io}, {@code loadfile},
 * {@code dofile}, {@code require}, {@code os.remove}...) goes through the
 * {@link VirtualFileSystem}, and nothing a script does reaches the host process: {@code os.exit}
 * throws {@link ProcessDeath}, {@code os.execute}/{@code io.popen} run nothing, {@code os.getenv}
 * reads the given environment, {@code luajava} is gone, stdin is empty. Results and error texts
 * are Lua 5.4's, since that is what Dovecot runs.
 *
 * <p>{@code hints} receives one human hint per missing path (say, which {@code --mount} to add).
 */
public final class SandboxLib extends TwoArgFunction {
    private final VfsAccess fs;
    private final Map<String, String> environment;
    private final LuaTable builtins = new LuaTable();
    /** What the state's libraries hold beyond the state (database connections), closed with it. */
    private final java.util.Set<AutoCloseable> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The sandbox of each state, so the state's close can release what its libraries hold. */
    private static final Map<Globals, SandboxLib> INSTALLED =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    public SandboxLib(VirtualFileSystem vfs, Consumer<String> hints) {
        this(vfs, hints, Map.of());
    }

    /** @param environment what {@code os.getenv} sees (Dovecot's auth process has little) */
    public SandboxLib(VirtualFileSystem vfs, Consumer<String> hints, Map<String, String> environment) {
        this.fs = new VfsAccess(vfs, new Hints(hints));
        this.environment = Map.copyOf(environment);
    }

    /**
     * Makes {@code require(name)} find a built-in module (a {@code cjson} on Jackson, say) when
     * no Lua file for it is on {@code package.path}; a mounted file wins, as a real one would.
     * Callable before or after installation.
     */
    public SandboxLib preload(String name, LuaValue loader) {
        builtins.set(name, loader);
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
     * Keeps {@code resource} until the state closes ({@link #releaseIn}), as a process exit would end
     * it; the returned action forgets it once the script closed it itself.
     */
    public Runnable hold(AutoCloseable resource) {
        held.add(resource);
        return () -> held.remove(resource);
    }

    /** Closes what the libraries of the state with these globals still hold; the state is done. */
    public static void releaseIn(Globals globals) {
        SandboxLib sandbox = INSTALLED.remove(globals);
        if (sandbox == null) {
            return;
        }
        for (AutoCloseable r : sandbox.held) {
            try {
                r.close();
            } catch (Exception e) {
                // the process is gone: nothing left to report it to
            }
        }
        sandbox.held.clear();
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
        Globals globals = env.checkglobals();
        INSTALLED.put(globals, this);
        globals.STDIN = new ByteArrayInputStream(new byte[0]); // an auth process has no terminal
        globals.load(new SandboxIoLib(fs));
        ChunkLoader chunks = new ChunkLoader(fs, globals);
        chunks.install();
        new SandboxPackageLib(fs, chunks, builtins).install(globals);
        globals.load(new SandboxOsLib(fs, environment));
        globals.set("luajava", NIL); // would let a script call any Java class
        globals.get("package").get("loaded").set("luajava", NIL);
        return env;
    }
}
