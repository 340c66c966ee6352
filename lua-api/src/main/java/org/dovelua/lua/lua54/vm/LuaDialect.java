package org.dovelua.lua.lua54.vm;

/**
 * Which Lua a state speaks where LuaJ's shared (patched) code cannot tell from the values alone:
 * the number text and a few error paths. {@link #LUA54} is Dovecot's Lua 5.4 and the default;
 * {@link #GOPHER51} is gopher-lua 1.1.2's Lua 5.1 (Nauthilus's plugins), whose only number type is
 * Go's float64 (gopher-lua value.go {@code type LNumber float64}). Bound per state to its call
 * thread, inherited by the coroutine threads it starts, as {@link TypeMetatables} is.
 *
 * <p>The 5.4 path pays nothing but a read of {@link #gopherSeen}, a static that stays false until
 * the JVM makes its first gopher state, and only on the text and error paths.
 */
public enum LuaDialect {
    LUA54, GOPHER51;

    private static final InheritableThreadLocal<LuaDialect> CURRENT = new InheritableThreadLocal<>();
    /** True once any GOPHER51 state exists in this JVM; until then no thread-local is read. */
    private static volatile boolean gopherSeen;

    /** Binds {@code dialect} to the calling thread for good (a state's own call thread). */
    public static void bind(LuaDialect dialect) {
        if (dialect == GOPHER51) {
            gopherSeen = true;
        }
        CURRENT.set(dialect);
    }

    /** The dialect of the state bound to the calling thread; LUA54 where none is bound. */
    public static LuaDialect current() {
        if (!gopherSeen) {
            return LUA54;
        }
        LuaDialect d = CURRENT.get();
        return d != null ? d : LUA54;
    }

    /**
     * True once any gopher state exists in this JVM: the one volatile read the 5.4 path pays on the
     * patched table paths (LTableOrder) before they look any further.
     */
    public static boolean anyGopher() {
        return gopherSeen;
    }

    /** True when the calling thread runs a gopher-lua (5.1) state. */
    public static boolean gopher() {
        return gopherSeen && CURRENT.get() == GOPHER51;
    }
}
