package org.dovelua.lua;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.UpValue;
import org.luaj.vm2.Varargs;

/**
 * How much memory a Lua 5.4 state would hold for what a LuaJ state can still reach: the objects
 * reachable from the globals, the type metatables and every live thread's stack (what Lua's
 * collector marks from the registry and the stacks), each counted at the size Lua 5.4 gives it on
 * a 64-bit machine (lobject.h, lstate.h) plus the allocator's overhead per block as Dovecot's
 * {@code dlua_alloc} pays it: a {@code struct pool_block} header (src/lib/mempool-allocfree.c)
 * and malloc's chunk header. The JVM's own heap cannot be measured per state, and LuaJ's objects
 * are larger than Lua's, so this is the figure a {@code vsz_limit} would have been reached with.
 */
final class LuaHeap {
    /** SIZEOF_POOLBLOCK (4 words) + glibc's chunk header (2 words). */
    static final long BLOCK_OVERHEAD = 32 + 16;
    /** sizeof(TString) before its bytes; the bytes end with a NUL. */
    static final long TSTRING = 24;
    static final long TABLE = 56;
    /** sizeof(TValue) of the array part; sizeof(Node) of the hash part. */
    static final long TVALUE = 16;
    static final long NODE = 24;
    /** sizeof(LClosure) with its first upvalue pointer; an UpVal. */
    static final long LCLOSURE = 32;
    static final long UPVAL = 40;
    static final long PROTO = 128;
    static final long UDATA = 40;
    /** sizeof(lua_State) + its initial stack (BASIC_STACK_SIZE = 2 * LUA_MINSTACK slots) + a CallInfo. */
    static final long THREAD = 208 + 40 * TVALUE + 64;

    private static final VarHandle ARRAY;
    private static final VarHandle HASH;
    private static final VarHandle CALLSTACK_FRAMES;
    private static final VarHandle CALLSTACK_CALLS;
    private static final VarHandle FRAME_STACK;
    private static final VarHandle FRAME_VARARGS;

    static {
        try {
            MethodHandles.Lookup table = MethodHandles.privateLookupIn(LuaTable.class, MethodHandles.lookup());
            ARRAY = table.findVarHandle(LuaTable.class, "array", LuaValue[].class);
            Class<?> slot = Class.forName("org.luaj.vm2.LuaTable$Slot");
            HASH = table.findVarHandle(LuaTable.class, "hash", slot.arrayType());
            Class<?> stack = Class.forName("org.luaj.vm2.lib.DebugLib$CallStack");
            Class<?> frame = Class.forName("org.luaj.vm2.lib.DebugLib$CallFrame");
            MethodHandles.Lookup debug = MethodHandles.privateLookupIn(stack, MethodHandles.lookup());
            CALLSTACK_FRAMES = debug.findVarHandle(stack, "frame", frame.arrayType());
            CALLSTACK_CALLS = debug.findVarHandle(stack, "calls", int.class);
            FRAME_STACK = debug.findVarHandle(frame, "stack", LuaValue[].class);
            FRAME_VARARGS = debug.findVarHandle(frame, "v", Varargs.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
    private final ArrayDeque<Object> todo = new ArrayDeque<>();
    private long bytes;

    private LuaHeap() {
    }

    /** The bytes a Lua 5.4 state would hold for what {@code globals} and {@code roots} reach. */
    static long measure(Globals globals, Iterable<LuaValue> roots) {
        LuaHeap heap = new LuaHeap();
        heap.reach(globals);
        for (LuaValue root : roots) {
            heap.reach(root);
        }
        heap.reach(globals.running);
        heap.drain();
        return heap.bytes;
    }

    private void reach(Object o) {
        if (o == null || o instanceof LuaValue v && !collectable(v)) {
            return; // a value, not an object: it lives in its TValue slot
        }
        if (seen.put(o, Boolean.TRUE) == null) {
            todo.push(o);
        }
    }

    private static boolean collectable(LuaValue v) {
        int type = v.type();
        return type == LuaValue.TSTRING || type == LuaValue.TTABLE || type == LuaValue.TFUNCTION
                || type == LuaValue.TUSERDATA || type == LuaValue.TTHREAD;
    }

    private void drain() {
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (o instanceof LuaString s) {
                bytes += block(TSTRING + s.m_length + 1);
            } else if (o instanceof LuaTable t) {
                table(t);
            } else if (o instanceof LuaClosure c) {
                closure(c);
            } else if (o instanceof Prototype p) {
                prototype(p);
            } else if (o instanceof LuaThread t) {
                thread(t);
            } else if (o instanceof LuaUserdata u) {
                bytes += block(UDATA);
                reach(u.m_metatable);
            }
            // built-in functions are C closures of the libraries: not the script's memory
        }
    }

    private void table(LuaTable t) {
        LuaValue[] array = (LuaValue[]) ARRAY.get(t);
        Object[] hash = (Object[]) HASH.get(t);
        long size = block(TABLE);
        if (array != null && array.length > 0) {
            size += block(TVALUE * array.length);
        }
        if (hash != null && hash.length > 0) {
            size += block(NODE * hash.length);
        }
        bytes += size;
        LuaValue mt = t.getmetatable();
        reach(mt);
        boolean weakKeys = false;
        boolean weakValues = false;
        if (mt != null) {
            LuaValue mode = mt.rawget("__mode");
            if (mode.isstring()) {
                String m = mode.tojstring();
                weakKeys = m.indexOf('k') >= 0;
                weakValues = m.indexOf('v') >= 0;
            }
        }
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs next = t.next(k);
            k = next.arg1();
            if (k.isnil()) {
                break;
            }
            if (!weakKeys || k.type() == LuaValue.TSTRING) { // strings are never weak (lgc.c iscleared)
                reach(k);
            }
            if (!weakValues || next.arg(2).type() == LuaValue.TSTRING) {
                reach(next.arg(2));
            }
        }
    }

    private void closure(LuaClosure c) {
        UpValue[] ups = c.upValues;
        int n = ups == null ? 0 : ups.length;
        bytes += block(LCLOSURE + 8L * Math.max(0, n - 1));
        reach(c.p);
        for (int i = 0; i < n; i++) {
            if (ups[i] != null) {
                if (seen.put(ups[i], Boolean.TRUE) == null) {
                    bytes += block(UPVAL);
                }
                reach(ups[i].getValue());
            }
        }
    }

    private void prototype(Prototype p) {
        long size = PROTO + 4L * p.code.length + TVALUE * p.k.length + 4L * p.lineinfo.length
                + 8L * p.p.length + 16L * p.locvars.length + 16L * p.upvalues.length;
        bytes += block(size);
        for (LuaValue k : p.k) {
            reach(k);
        }
        for (Prototype child : p.p) {
            reach(child);
        }
    }

    /** A thread and what its call frames hold: registers and varargs of each active call. */
    private void thread(LuaThread t) {
        bytes += block(THREAD);
        reach(t.state.function);
        Object callstack = t.callstack;
        if (callstack == null) {
            return;
        }
        Object[] frames = (Object[]) CALLSTACK_FRAMES.get(callstack);
        int calls = (int) CALLSTACK_CALLS.get(callstack);
        for (int i = 0; i < calls && i < frames.length; i++) {
            Object frame = frames[i];
            if (frame == null) {
                continue;
            }
            LuaValue[] stack = (LuaValue[]) FRAME_STACK.get(frame);
            if (stack != null) {
                bytes += TVALUE * stack.length; // the slots are part of the thread's stack
                for (LuaValue v : stack) {
                    reach(v);
                }
            }
            Varargs v = (Varargs) FRAME_VARARGS.get(frame);
            if (v != null) {
                for (int a = 1, n = v.narg(); a <= n; a++) {
                    reach(v.arg(a));
                }
            }
        }
    }

    private static long block(long size) {
        return size + BLOCK_OVERHEAD;
    }
}
