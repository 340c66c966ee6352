package org.dovelua.lua.lua54.vm;

import java.util.function.Supplier;
import org.luaj.vm2.LuaValue;

/**
 * The metatables of the types that share one (nil, booleans, numbers, strings, functions,
 * threads), one set per Lua state, as in real Lua where they live in the {@code lua_State}
 * ({@code G(L)->mt[]}). LuaJ keeps them in static fields ({@code LuaString.s_metatable}, ...),
 * so the first state's {@code string} table served every later state and a script that changed
 * {@code getmetatable("")} changed it for all. The patched {@code getmetatable()} of each type,
 * {@code debug.setmetatable} and {@code StringLib} call {@link #get}/{@link #set} instead, which
 * answer for the state bound to the running thread (a state's call thread, and the coroutine
 * threads it starts, which inherit the binding). Threads bound to no state share one set, as all
 * threads did before.
 */
public final class TypeMetatables {
    private static final TypeMetatables UNBOUND = new TypeMetatables();
    private static final InheritableThreadLocal<TypeMetatables> CURRENT = new InheritableThreadLocal<>();

    private final LuaValue[] byType = new LuaValue[LuaValue.TTHREAD + 1];

    /** The set of the state bound to this thread. */
    static TypeMetatables current() {
        TypeMetatables t = CURRENT.get();
        return t != null ? t : UNBOUND;
    }

    /** Binds {@code state} to the calling thread for good (a state's own call thread). */
    public static void bind(TypeMetatables state) {
        CURRENT.set(state);
    }

    /**
     * Binds {@code state} to the calling thread for one call into it; returns what was bound
     * before, for {@link #restore}.
     */
    public static TypeMetatables swap(TypeMetatables state) {
        TypeMetatables before = CURRENT.get();
        CURRENT.set(state);
        return before;
    }

    /** Puts back what {@link #swap} returned. */
    public static void restore(TypeMetatables before) {
        if (before == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(before);
        }
    }

    /** Runs {@code work} with {@code state} bound to the calling thread, then restores the binding. */
    public static <T> T with(TypeMetatables state, Supplier<T> work) {
        TypeMetatables before = CURRENT.get();
        CURRENT.set(state);
        try {
            return work.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** This set's metatables (null where a type has none): Lua's registry keeps them alive. */
    public java.util.List<LuaValue> all() {
        return java.util.Arrays.asList(byType.clone());
    }

    /** Called from patched bytecode: {@code getmetatable()} of a value of {@code type} (a {@code LuaValue.T*}). */
    public static LuaValue get(int type) {
        return current().byType[type];
    }

    /** Called from patched bytecode where LuaJ stored {@code LuaX.s_metatable}. */
    public static void set(LuaValue metatable, int type) {
        current().byType[type] = metatable;
    }
}
