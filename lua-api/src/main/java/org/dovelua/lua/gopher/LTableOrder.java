package org.dovelua.lua.gopher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.dovelua.lua.lua54.vm.LuaDialect;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * gopher-lua's table order, which {@code pairs} and {@code next} follow in a gopher state: table.go
 * {@code LTable.Next} walks the array part (every key {@code utils.go isArrayKey} accepts, an
 * integer in [1, {@code config.go MaxArrayIndex}), ascending: {@code RawSet}/{@code RawSetInt}
 * grow the array up to any such key), then the hash keys in the order of their first insertion
 * with a non-nil value ({@code RawSetString}/{@code RawSetH} append to {@code keys} and
 * {@code k2i} once, and a delete leaves the key there, so a re-inserted key keeps its place).
 *
 * <p>LuaJ's table has no room for that order (a class redefinition adds no fields), so each
 * gopher state keeps it beside its tables: one instance per state, bound to the state's thread
 * (inherited by its coroutine threads, which never run at the same time as it), holding a weak
 * map from table to its hash-key list. The patched {@code LuaTable.rawset} (both forms; every
 * set path of LuaJ's table, its constructors, {@code table.insert} and Java code's
 * {@code set}/{@code rawset} end there) reports to {@link #rawset}, the patched
 * {@code LuaTable.next} asks {@link #next}. A table gets its list on its first store on a gopher
 * state's thread; one filled only by another thread (a Java caller outside
 * {@link GopherState#call}) has none and keeps LuaJ's order. A key a table got from another thread
 * after it has a list is still visited, after the ordered ones, in LuaJ's order (looked for only
 * once some store happened outside every gopher state, see {@link #foreignStores}).
 *
 * <p>GC: the map holds tables weakly, and the whole map is the state's, so a list that names a
 * table (a table key) can keep that table's own entry alive no longer than the state lives.
 */
public final class LTableOrder {
    /** config.go {@code MaxArrayIndex}. */
    static final int MAX_ARRAY_INDEX = 67108864;
    private static final InheritableThreadLocal<LTableOrder> CURRENT = new InheritableThreadLocal<>();
    /**
     * True once a table was stored into on a thread of no gopher state while one existed: only
     * then can a table with a list hold keys the list lacks, and only then does {@link #next}
     * look for them (a full walk of the table at the end of every traversal).
     */
    private static volatile boolean foreignStores;

    private final Map<LuaTable, Keys> tables = new WeakHashMap<>();
    /** The last table stored into and its keys: a loop filling one table looks it up once. */
    private LuaTable lastTable;
    private Keys lastKeys;
    /** True while {@link #next} asks LuaJ's own {@code next}. */
    private boolean nativeNext;

    /** One table's order: its array part's extent and its hash keys ({@code LTable.keys}/{@code k2i}). */
    static final class Keys {
        int arrayEnd;
        final List<LuaValue> keys = new ArrayList<>();
        final Map<Object, Integer> k2i = new HashMap<>();
    }

    /** Binds a new order to the calling thread for good (a gopher state's own call thread). */
    static void bind() {
        CURRENT.set(new LTableOrder());
    }

    private static LTableOrder current() {
        return LuaDialect.anyGopher() ? CURRENT.get() : null;
    }

    /** The state's order for a store; notes a store made outside every gopher state. */
    private static LTableOrder forStore() {
        if (!LuaDialect.anyGopher()) {
            return null;
        }
        LTableOrder o = CURRENT.get();
        if (o == null && !foreignStores) {
            foreignStores = true;
        }
        return o;
    }

    private Keys keysOf(LuaTable t, boolean create) {
        if (t == lastTable) {
            return lastKeys;
        }
        Keys k = tables.get(t);
        if (k == null) {
            if (!create) {
                return null;
            }
            k = new Keys();
            tables.put(t, k);
        }
        lastTable = t;
        lastKeys = k;
        return k;
    }

    /** Called first by patched {@code LuaTable.rawset(int, value)}. */
    public static void rawset(LuaTable t, int key, LuaValue value) {
        LTableOrder o = forStore();
        if (o == null) {
            return;
        }
        Keys k = o.keysOf(t, true);
        if (key >= 1 && key < MAX_ARRAY_INDEX) { // table.go RawSetInt: the array part
            if (key > k.arrayEnd) {
                k.arrayEnd = key;
            }
        } else if (!value.isnil()) {
            hashKey(k, LuaValue.valueOf(key));
        }
    }

    /** Called first by patched {@code LuaTable.rawset(key, value)}. */
    public static void rawset(LuaTable t, LuaValue key, LuaValue value) {
        LTableOrder o = forStore();
        if (o == null || !key.isvalidkey()) {
            return; // a nil or NaN key raises in the table itself
        }
        Keys k = o.keysOf(t, true);
        int index = arrayIndex(key);
        if (index > 0) { // table.go RawSet: isArrayKey -> the array part
            if (index > k.arrayEnd) {
                k.arrayEnd = index;
            }
        } else if (!value.isnil()) { // RawSetString/RawSetH: keys/k2i grow on a non-nil value only
            hashKey(k, Lua54Arith.normalizeKey(key));
        }
    }

    private static void hashKey(Keys k, LuaValue key) {
        Object id = identity(key);
        if (!k.k2i.containsKey(id)) {
            k.k2i.put(id, k.keys.size());
            k.keys.add(key);
        }
    }

    /** utils.go {@code isArrayKey}: the array index of {@code key}, or 0 for a hash key. */
    static int arrayIndex(LuaValue key) {
        if (key.type() != LuaValue.TNUMBER) {
            return 0;
        }
        double d = key.todouble();
        return d >= 1 && d < MAX_ARRAY_INDEX && d == Math.floor(d) ? (int) d : 0;
    }

    /** gopher-lua's map key: one number type (LNumber), so 1 and 1.0 and -0.0 and 0 are one key. */
    private static Object identity(LuaValue key) {
        if (key.type() == LuaValue.TNUMBER) {
            return key.todouble() + 0.0; // -0.0 + 0.0 is 0.0
        }
        return key;
    }

    /**
     * Called first by patched {@code LuaTable.next(key)}: the entry after {@code key} in gopher's
     * order, or null where LuaJ's own order applies (no gopher state here, or a table without a list).
     */
    public static Varargs next(LuaTable t, LuaValue key) {
        LTableOrder o = current();
        if (o == null || o.nativeNext) {
            return null;
        }
        Keys k = o.keysOf(t, false);
        if (k == null) {
            return null;
        }
        int from;
        int index = key.isnil() ? 0 : arrayIndex(key);
        if (key.isnil() || index > 0 && index <= k.arrayEnd) {
            // table.go Next: the array part from the key's index on
            for (int i = index + 1; i <= k.arrayEnd; i++) {
                LuaValue v = t.rawget(i);
                if (!v.isnil()) {
                    return LuaValue.varargsOf(LuaValue.valueOf(i), v);
                }
            }
            from = 0;
        } else {
            Integer at = k.k2i.get(identity(key));
            if (at == null) {
                return o.untracked(t, k, key);
            }
            from = at + 1;
        }
        // then the hash keys in insertion order, skipping deleted ones
        for (int i = from; i < k.keys.size(); i++) {
            LuaValue hk = k.keys.get(i);
            LuaValue v = t.rawget(hk);
            if (!v.isnil()) {
                return LuaValue.varargsOf(hk, v);
            }
        }
        return o.untracked(t, k, LuaValue.NIL);
    }

    /** Keys stored from outside the state's thread: after the ordered ones, in LuaJ's order. */
    private Varargs untracked(LuaTable t, Keys k, LuaValue after) {
        if (!foreignStores) {
            return LuaValue.NIL;
        }
        nativeNext = true;
        try {
            LuaValue key = after;
            while (true) {
                Varargs n = t.next(key);
                key = n.arg1();
                if (key.isnil()) {
                    return LuaValue.NIL;
                }
                int index = arrayIndex(key);
                if (index > 0 ? index > k.arrayEnd : !k.k2i.containsKey(identity(key))) {
                    return n;
                }
            }
        } finally {
            nativeNext = false;
        }
    }
}
