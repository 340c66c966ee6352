package org.dovelua.lua;

import java.util.Map;
import java.util.WeakHashMap;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;

/**
 * Lua 5.4's count of nested C calls, {@code nCcalls} of a {@code lua_State} (lstate.h), kept from
 * the debug hooks LuaJ calls. In Lua 5.4 a call made by the VM's {@code OP_CALL}/{@code
 * OP_TAILCALL} costs no C level, but every call made through C does ({@code ccall} in ldo.c: the
 * host's {@code lua_pcall}, {@code pcall}'s call of its function, a metamethod, {@code
 * string.gsub}'s or {@code table.sort}'s callback, {@code tostring}'s {@code __tostring}, a
 * generic {@code for}'s iterator, a resume). Past {@value #LUAI_MAXCCALLS} levels
 * {@code luaE_checkcstack} (lstate.c) raises {@code C stack overflow}, so such a recursion fails at
 * once instead of running deep into the JVM's stack until the call's time limit.
 *
 * <p>LuaJ makes all of these Java calls, so a call is told apart by what the calling frame was
 * doing: a Lua function entered while its caller's current instruction is an {@code OP_CALL} or
 * {@code OP_TAILCALL} naming it (or a value whose {@code __call} it is: {@code luaD_precall}'s
 * {@code tryfuncTM}) is a Lua call; any other entry is a C call. Each Lua thread (coroutine) has its
 * own count from zero; Lua 5.4 starts a resumed coroutine at its resumer's ({@code lua_resume}:
 * {@code L->nCcalls = getCcalls(from)}), a known divergence ("C stack overflow through coroutines").
 */
final class CStack {
    /** llimits.h. */
    static final int LUAI_MAXCCALLS = 200;

    private final Map<LuaThread, Levels> threads = new WeakHashMap<>();
    private Levels current;

    /** One Lua thread's frames (as LuaJ's debug hooks push and pop them) and C levels. */
    private static final class Levels {
        /** Weak: the map's value must not hold its key, or no coroutine would ever be collected. */
        final java.lang.ref.WeakReference<LuaThread> thread;
        int count;
        int top;
        int[] incs = new int[64];
        int[][] codes = new int[64][];
        LuaValue[][] regs = new LuaValue[64][];
        /** What the current instruction calls, when it is OP_CALL/OP_TAILCALL. */
        LuaValue pending;
        /** The current instruction is an OP_TAILCALL. */
        boolean tail;
        /**
         * The C levels of frames that returned by a tail call: in 5.4 the called function takes the
         * caller's CallInfo (luaD_pretailcall), so the C call that entered the caller lasts until
         * the function tail-called returns.
         */
        int carry;

        Levels(LuaThread thread) {
            this.thread = new java.lang.ref.WeakReference<>(thread);
        }

        int level() {
            return count;
        }

        void push(int inc, int[] code, LuaValue[] stack) {
            if (top == incs.length) {
                int n = top * 2;
                incs = java.util.Arrays.copyOf(incs, n);
                codes = java.util.Arrays.copyOf(codes, n);
                regs = java.util.Arrays.copyOf(regs, n);
            }
            incs[top] = inc;
            codes[top] = code;
            regs[top] = stack;
            top++;
            count += inc;
        }
    }

    /** The running thread's record; a switch of threads is a resume, a yield or a coroutine's end. */
    private Levels levels(LuaThread running) {
        Levels l = current;
        if (l != null && l.thread.get() == running) {
            return l;
        }
        Levels to = threads.computeIfAbsent(running, Levels::new);
        current = to;
        return to;
    }

    /** Forgets the running thread's frames: a new host call starts at level 0. */
    void reset(LuaThread running) {
        Levels l = levels(running);
        l.top = 0;
        l.count = 0;
        l.pending = null;
        l.tail = false;
        l.carry = 0;
    }

    /** The VM is about to run instruction {@code pc} of the innermost Lua function. */
    void onInstruction(LuaThread running, int pc) {
        Levels l = levels(running);
        int[] code = l.top == 0 ? null : l.codes[l.top - 1];
        if (code == null || pc < 0 || pc >= code.length) {
            return;
        }
        int i = code[pc];
        int op = Lua.GET_OPCODE(i);
        l.tail = op == Lua.OP_TAILCALL;
        l.pending = op == Lua.OP_CALL || l.tail ? l.regs[l.top - 1][Lua.GETARG_A(i)] : null;
        l.carry = 0; // back in a Lua function: any tail call before has returned
    }

    /**
     * A function is entered ({@code c} a Lua function with its registers, or a Java function that
     * reports its calls: {@code pcall}/{@code xpcall}). Raises {@code C stack overflow} before the
     * frame is pushed, as {@code ccall} checks before {@code luaD_precall}.
     */
    void onCall(LuaThread running, LuaValue f, LuaClosure c, LuaValue[] stack) {
        Levels l = levels(running);
        LuaValue called = l.pending;
        l.pending = null;
        boolean luaCall = called != null && (called == f || !called.isfunction() && called.metatag(LuaValue.CALL) == f);
        int inc = (luaCall ? 0 : 1) + l.carry;
        l.carry = 0;
        if (!luaCall && l.level() + inc >= LUAI_MAXCCALLS) {
            // luaG_runerror adds the position only when the caller is a Lua function running one of
            // its own instructions (a metamethod, a for iterator), not a C function such as pcall
            boolean fromLuaInstruction = called == null && l.top > 0 && l.codes[l.top - 1] != null;
            // (LuaJ adds a position to any error with a text message, so the other is a message object)
            throw fromLuaInstruction ? new LuaError("C stack overflow")
                    : new LuaError(LuaValue.valueOf("C stack overflow"));
        }
        l.push(inc, c == null ? null : c.p.code, stack);
    }

    /** The innermost frame returns (or is unwound by an error). */
    void onReturn(LuaThread running) {
        Levels l = levels(running);
        if (l.top > 0) {
            l.top--;
            l.count -= l.incs[l.top];
            if (l.tail) {
                l.carry += l.incs[l.top];
                l.tail = false;
            }
            l.codes[l.top] = null;
            l.regs[l.top] = null;
        }
        // pending stays: an OP_TAILCALL's function is entered after its caller has returned
    }
}
