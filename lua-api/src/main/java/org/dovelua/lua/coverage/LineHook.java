package org.dovelua.lua.coverage;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.Prototype;

/**
 * Lua's line hook ({@code LUA_MASKLINE}) for one state, counting instead of calling a function:
 * {@code luaG_traceexec} (ldebug.c, 5.4) fires a line event when an instruction starts a new line
 * or jumps back ({@code npci <= oldpc || changedline}), and at a function's first instruction. A
 * count per line is the number of such events, as luacov counts. Only chunks loaded from a file
 * ({@link #fileChunk}) are counted: the script, and what it {@code require}s or {@code dofile}s;
 * {@code load} of a string and dovelua's bundled modules are not files of the user's.
 *
 * <p>Driven by {@code ScriptDebugLib} from LuaJ's per-instruction debug callbacks, on the state's
 * threads one at a time; {@link Coverage#collect} reads it after the run's workers have ended.
 */
public final class LineHook {
    /** A frame whose function is not counted (a Java function, a chunk not from a file). */
    private static final int[] NOT_COUNTED = new int[0];

    private final Function<String, Optional<Path>> files;
    /** Chunk name ({@code @path} as the script sees it) -> the file on this machine. */
    private final Map<String, Path> chunks = new LinkedHashMap<>();
    /** Each counted function's line counts, indexed by line. */
    private final Map<Prototype, int[]> counts = new IdentityHashMap<>();
    private final Map<LuaThread, Frames> threads = new WeakHashMap<>();
    private Frames current;
    private LuaThread currentThread;

    LineHook(Function<String, Optional<Path>> files) {
        this.files = files;
    }

    /** One Lua thread's frames, as LuaJ's debug callbacks push and pop them. */
    private static final class Frames {
        int top;
        int[][] lines = new int[32][];
        int[][] counts = new int[32][];
        int[] lastPc = new int[32];

        void push(int[] lineinfo, int[] count) {
            if (top == lines.length) {
                int n = top * 2;
                lines = java.util.Arrays.copyOf(lines, n);
                counts = java.util.Arrays.copyOf(counts, n);
                lastPc = java.util.Arrays.copyOf(lastPc, n);
            }
            lines[top] = lineinfo;
            counts[top] = count;
            lastPc[top] = -1;
            top++;
        }
    }

    /** A chunk the state compiled from a file it read, under its chunk name ({@code "@" + name}). */
    public synchronized void fileChunk(String chunkname, Path local) {
        chunks.putIfAbsent(chunkname, local.toAbsolutePath().normalize());
    }

    /** A chunk named by the path the script sees, found on this machine through the state's file system. */
    public void fileChunk(String chunkname) {
        files.apply(chunkname.startsWith("@") ? chunkname.substring(1) : chunkname)
                .ifPresent(p -> fileChunk(chunkname, p));
    }

    private Frames frames(LuaThread running) {
        if (running == currentThread && current != null) {
            return current;
        }
        Frames f = threads.computeIfAbsent(running, t -> new Frames());
        currentThread = running;
        current = f;
        return f;
    }

    /** A new host call starts with no frames (as {@code CStack.reset}). */
    public void reset(LuaThread running) {
        Frames f = frames(running);
        while (f.top > 0) {
            f.top--;
            f.lines[f.top] = null;
            f.counts[f.top] = null;
        }
    }

    /** A Lua function is entered. */
    public void onCall(LuaThread running, LuaClosure c) {
        Prototype p = c.p;
        int[] count = countsOf(p);
        frames(running).push(count == NOT_COUNTED ? null : p.lineinfo, count == NOT_COUNTED ? null : count);
    }

    /** A Java function is entered (it has no lines). */
    public void onCall(LuaThread running) {
        frames(running).push(null, null);
    }

    /** The innermost frame returns or is unwound by an error. */
    public void onReturn(LuaThread running) {
        Frames f = frames(running);
        if (f.top > 0) {
            f.top--;
            f.lines[f.top] = null;
            f.counts[f.top] = null;
        }
    }

    /** The innermost Lua function is about to run instruction {@code pc}: ldebug.c luaG_traceexec's line rule. */
    public void onInstruction(LuaThread running, int pc) {
        Frames f = frames(running);
        if (f.top == 0) {
            return;
        }
        int i = f.top - 1;
        int[] count = f.counts[i];
        if (count == null) {
            return;
        }
        int[] lines = f.lines[i];
        if (pc < 0 || pc >= lines.length) {
            return;
        }
        int old = f.lastPc[i];
        f.lastPc[i] = pc;
        if (old < 0 || pc <= old || lines[pc] != lines[old]) {
            int line = lines[pc];
            if (line >= 0 && line < count.length) {
                count[line]++;
            }
        }
    }

    private synchronized int[] countsOf(Prototype p) {
        int[] c = counts.get(p);
        if (c == null) {
            if (p.source == null || !chunks.containsKey(p.source.tojstring()) || p.lineinfo == null) {
                c = NOT_COUNTED;
            } else {
                int max = 0;
                for (int line : p.lineinfo) {
                    max = Math.max(max, line);
                }
                c = new int[max + 1];
            }
            counts.put(p, c);
        }
        return c;
    }

    /** Adds this state's counts to {@code into}: file -> line -> count. */
    synchronized void addTo(Map<Path, java.util.TreeMap<Integer, Long>> into) {
        counts.forEach((p, c) -> {
            if (c == NOT_COUNTED) {
                return;
            }
            Path file = chunks.get(p.source.tojstring());
            java.util.TreeMap<Integer, Long> lines = into.computeIfAbsent(file, k -> new java.util.TreeMap<>());
            for (int line = 1; line < c.length; line++) {
                if (c[line] > 0) {
                    lines.merge(line, (long) c[line], Long::sum);
                }
            }
        });
        chunks.values().forEach(file -> into.computeIfAbsent(file, k -> new java.util.TreeMap<>()));
    }
}
