package org.dovelua.lua;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The first {@link ProcessDeath} raised anywhere in a state's threads during a call. A coroutine
 * runs on a Java thread of its own, and LuaJ turns whatever ends that thread into a failed
 * resume, so {@code pcall(coroutine.wrap(f))} would catch a runaway loop's time limit or an
 * {@code os.exit()} inside {@code f}, and the request would go on. The death is recorded here
 * when it is made, on the thread it happens on (coroutine threads inherit the state's record
 * from the call thread that starts them), and the call ends with it whatever Lua did with it.
 */
final class StateDeath {
    private static final InheritableThreadLocal<AtomicReference<ProcessDeath>> CURRENT = new InheritableThreadLocal<>();

    private StateDeath() {
    }

    /** The record of the state whose call thread this is. */
    static void bind(AtomicReference<ProcessDeath> record) {
        CURRENT.set(record);
    }

    /** Binds {@code record} for one call made on a caller's thread; returns what was bound before. */
    static AtomicReference<ProcessDeath> swap(AtomicReference<ProcessDeath> record) {
        AtomicReference<ProcessDeath> before = CURRENT.get();
        CURRENT.set(record);
        return before;
    }

    /** Called as a death is made: remembered for the state, the first one wins. */
    static void record(ProcessDeath death) {
        AtomicReference<ProcessDeath> r = CURRENT.get();
        if (r != null) {
            r.compareAndSet(null, death);
        }
    }

    /** The death recorded in this thread's state, or null. */
    static ProcessDeath recorded() {
        AtomicReference<ProcessDeath> r = CURRENT.get();
        return r == null ? null : r.get();
    }
}
