package org.dovelua.lua.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dovelua.lua.LuaArgs;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.ResourceFinder;

/**
 * {@code loadfile}, {@code dofile} and LuaJ's {@link ResourceFinder}, reading through the
 * sandbox. Follows lauxlib's {@code luaL_loadfilex}: a leading BOM and {@code #} line are
 * skipped (the line number kept), and failures read {@code cannot open NAME: strerror}.
 */
final class ChunkLoader implements ResourceFinder {
    private final VfsAccess fs;
    private final Globals globals;

    ChunkLoader(VfsAccess fs, Globals globals) {
        this.fs = fs;
        this.globals = globals;
    }

    void install() {
        globals.finder = this;
        globals.set("loadfile", LuaArgs.fn("loadfile", args -> {
            String name = args.arg1().isnil() ? null : LuaArgs.checkString(args, 1, "loadfile");
            String mode = LuaArgs.optString(args, 2, "loadfile", "bt");
            LuaValue env = args.narg() >= 3 ? args.arg(3) : globals;
            return load(name, mode, env);
        }));
        globals.set("dofile", LuaArgs.fn("dofile", args -> {
            String name = args.arg1().isnil() ? null : LuaArgs.checkString(args, 1, "dofile");
            Varargs chunk = load(name, "bt", globals);
            if (chunk.arg1().isnil()) {
                throw LuaArgs.raw(chunk.arg(2).tojstring()); // lua_error: the message as is
            }
            return chunk.arg1().invoke();
        }));
    }

    /** {@code luaL_loadfilex}: the chunk, or {@code nil, message}; {@code name == null} is stdin. */
    Varargs load(String name, String mode, LuaValue env) {
        byte[] bytes;
        if (name == null) {
            try {
                bytes = globals.STDIN == null ? new byte[0] : globals.STDIN.readAllBytes();
            } catch (IOException e) {
                return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf("cannot read stdin"));
            }
        } else {
            try {
                Path p = fs.forReading(name);
                if (Files.isDirectory(p)) {
                    throw Errno.EISDIR.failure(); // fopen succeeds, the first read fails
                }
                bytes = readAll(p);
                coverage("@" + name, p);
            } catch (Errno.Failure e) {
                String what = e.errno == Errno.EISDIR ? "read" : "open";
                return LuaValue.varargsOf(LuaValue.NIL,
                        LuaValue.valueOf("cannot " + what + " " + name + ": " + e.errno.text));
            }
        }
        try {
            String chunkname = name == null ? "=stdin" : "@" + name;
            return globals.load(new ByteArrayInputStream(skipHeader(bytes)), chunkname, mode, env);
        } catch (LuaError e) {
            return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(e.getMessage()));
        }
    }

    /** With {@code --coverage}, the state counts this file's lines (a {@code require}d or {@code dofile}d file). */
    private void coverage(String chunkname, Path file) {
        if (globals.debuglib instanceof org.dovelua.lua.ScriptDebugLib d && d.lineHook() != null) {
            d.lineHook().fileChunk(chunkname, file);
        }
    }

    /** A file's bytes dovelua ships (a bundled module), loaded as {@code luaL_loadfilex} would load {@code name}. */
    Varargs load(String name, byte[] bytes, LuaValue env) {
        try {
            return globals.load(new ByteArrayInputStream(skipHeader(bytes)), "@" + name, "bt", env);
        } catch (LuaError e) {
            return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(e.getMessage()));
        }
    }

    /** For LuaJ's own lookups ({@code Globals.loadfile}): a readable file's bytes, else null. */
    @Override
    public InputStream findResource(String filename) {
        try {
            Path p = fs.forReading(filename);
            return Files.isDirectory(p) ? null : new ByteArrayInputStream(readAll(p));
        } catch (Errno.Failure e) {
            return null;
        }
    }

    private static byte[] readAll(Path p) throws Errno.Failure {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw Errno.EIO.failure();
        }
    }

    /** {@code skipcomment}: drop a UTF-8 BOM, and a first line starting with '#', keeping its newline. */
    static byte[] skipHeader(byte[] b) {
        int start = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
        if (start < b.length && b[start] == '#') {
            int nl = start;
            while (nl < b.length && b[nl] != '\n') {
                nl++;
            }
            byte[] out = new byte[1 + Math.max(0, b.length - nl - 1)];
            out[0] = '\n';
            if (nl + 1 < b.length) {
                System.arraycopy(b, nl + 1, out, 1, b.length - nl - 1);
            }
            return out;
        }
        return start == 0 ? b : Arrays.copyOfRange(b, start, b.length);
    }
}
