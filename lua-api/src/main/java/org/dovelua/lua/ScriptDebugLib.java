package org.dovelua.lua;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * LuaJ's {@code debug} library plus the budgets a script call runs under. LuaJ calls these hooks
 * on every call and instruction, so they are where a runaway loop can be stopped: the deadline
 * is checked every {@value #CHECK_EVERY} instructions and ends the call with a
 * {@link ProcessDeath} (an Error, so the script's own {@code pcall} cannot catch it). Call depth
 * is capped like Lua 5.4's stack ({@code LUAI_MAXSTACK}): past it a catchable
 * {@code stack overflow} error is raised, as real Lua raises one. The memory budget
 * ({@link MemoryMeter}) is checked at the same points.
 */
public final class ScriptDebugLib extends DebugLib {
    /** Lua 5.4 gives "stack overflow" at roughly this many nested Lua calls of a small function. */
    public static final int MAX_CALL_DEPTH = 195_000;
    private static final int CHECK_EVERY = 4096;

    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile String deadlineMessage = "";
    private int countdown = CHECK_EVERY;
    private int depth;
    private MemoryMeter memory;
    private final CStack cstack = new CStack();
    private org.luaj.vm2.Globals globals;
    /** Line counting for {@code --coverage}; null (the default) costs one field test per callback. */
    private org.dovelua.lua.coverage.LineHook lines;

    @Override
    public org.luaj.vm2.LuaValue call(org.luaj.vm2.LuaValue modname, org.luaj.vm2.LuaValue env) {
        globals = env.checkglobals();
        return super.call(modname, env);
    }

    /** Starts a budget of {@code nanos} for the call about to run. */
    public void startBudget(long nanos, String messageWhenExceeded) {
        deadlineMessage = messageWhenExceeded;
        deadlineNanos = System.nanoTime() + nanos;
        countdown = CHECK_EVERY;
        depth = 0;
        if (globals != null) {
            cstack.reset(globals.running);
            if (lines != null) {
                lines.reset(globals.running);
            }
        }
    }

    /** Counts the lines this state runs ({@code --coverage}); never set when coverage is off. */
    void lineHook(org.dovelua.lua.coverage.LineHook hook) {
        this.lines = hook;
    }

    /** The state's line counting, or null when coverage is off. */
    public org.dovelua.lua.coverage.LineHook lineHook() {
        return lines;
    }

    /** The state's memory budget, checked with the time budget. */
    void meter(MemoryMeter meter) {
        this.memory = meter;
    }

    /** What a library holds beyond the state (connections), released when the state closes. */
    private final java.util.List<Runnable> onStateClose = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Runs {@code release} when the state closes: for libraries loaded inside the state (a
     * {@code require}d module), which reach the state only through its globals' debug library.
     */
    public void onStateClose(Runnable release) {
        onStateClose.add(release);
    }

    /** The state closed: releases what its libraries hold. */
    void stateClosed() {
        onStateClose.forEach(Runnable::run);
        onStateClose.clear();
    }

    /** What is left of the running call's time budget, in nanoseconds ({@code Long.MAX_VALUE}: none running). */
    public long nanosLeft() {
        long deadline = deadlineNanos;
        return deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime());
    }

    /**
     * Sleeps {@code nanos} within the call's budget: a sleep that would outlast it sleeps until the
     * deadline and ends the call as a runaway loop does (a C module's sleep blocks the auth worker,
     * which Dovecot's own call limit then kills).
     */
    public void sleepWithinBudget(long nanos) {
        long left = nanosLeft();
        try {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(Math.min(nanos, left));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessDeath(ProcessDeath.Kind.TIMEOUT, deadlineMessage);
        }
        if (nanos >= left) {
            throw new ProcessDeath(ProcessDeath.Kind.TIMEOUT, deadlineMessage);
        }
    }

    public void clearBudget() {
        deadlineNanos = Long.MAX_VALUE;
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        if (--countdown <= 0) {
            countdown = CHECK_EVERY;
            ProcessDeath dead = StateDeath.recorded();
            if (dead != null) {
                throw dead; // raised in a coroutine whose failed resume Lua caught
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new ProcessDeath(ProcessDeath.Kind.TIMEOUT, deadlineMessage);
            }
            if (memory != null) {
                memory.check();
            }
        }
        cstack.onInstruction(globals.running, pc);
        if (lines != null) {
            lines.onInstruction(globals.running, pc);
        }
        super.onInstruction(pc, v, top);
    }

    @Override
    public void onCall(LuaClosure c, Varargs varargs, org.luaj.vm2.LuaValue[] stack) {
        if (depth >= MAX_CALL_DEPTH) {
            // Thrown before the frame is pushed, so no onReturn is owed for it.
            throw new LuaError("stack overflow");
        }
        cstack.onCall(globals.running, c, c, stack);
        if (lines != null) {
            lines.onCall(globals.running, c);
        }
        depth++;
        super.onCall(c, varargs, stack);
    }

    @Override
    public void onCall(LuaFunction f) {
        cstack.onCall(globals.running, f, null, null);
        if (lines != null) {
            lines.onCall(globals.running);
        }
        depth++;
        super.onCall(f);
    }

    @Override
    public void onReturn() {
        cstack.onReturn(globals.running);
        if (lines != null) {
            lines.onReturn(globals.running);
        }
        depth--;
        super.onReturn();
    }
}
