package org.dovelua.lua.coverage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.TreeSet;
import org.dovelua.lua.lua54.Lua54Syntax;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;

/**
 * The lines a line hook can report for a file: those some instruction of its compiled chunk
 * belongs to ({@code Prototype.lineinfo}, over every nested function), compiled as a state compiles
 * it ({@code Lua54Compiler}: the 5.4 front end keeps line numbers, then LuaC). Comments, blank lines
 * and lines holding only {@code end}, {@code else} or {@code local x} without a value have none, so
 * they are never counted as missed.
 */
final class ExecutableLines {
    private ExecutableLines() {
    }

    /** The file's executable lines, or empty when it does not compile. */
    static Optional<TreeSet<Integer>> of(String chunkname, String source) {
        String text = Lua54Syntax.rewrite(chunkname, withoutHeader(source));
        try {
            Prototype p = LuaC.instance.compile(
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), chunkname);
            TreeSet<Integer> lines = new TreeSet<>();
            add(p, lines);
            return Optional.of(lines);
        } catch (IOException | LuaError e) {
            return Optional.empty();
        }
    }

    private static void add(Prototype p, TreeSet<Integer> lines) {
        if (p.lineinfo != null) {
            int n = p.lineinfo.length;
            if (n > 0 && p.code.length == n && isImplicitReturn(p.code[n - 1])) {
                n--; // the function's closing `end` (or the chunk's end): no statement of the user's
            }
            for (int pc = 0; pc < n; pc++) {
                if (p.lineinfo[pc] > 0) {
                    lines.add(p.lineinfo[pc]);
                }
            }
        }
        if (p.p != null) {
            for (Prototype inner : p.p) {
                add(inner, lines);
            }
        }
    }

    /**
     * The {@code RETURN 0 1} that lparser.c's {@code close_func} ends every function with
     * ({@code luaK_ret(fs, 0, 0)}), given the line of the closing {@code end}: reached only when
     * the body falls off its end, so counting it would report a function that always returns
     * explicitly as missing its {@code end}.
     */
    private static boolean isImplicitReturn(int i) {
        return Lua.GET_OPCODE(i) == Lua.OP_RETURN && Lua.GETARG_A(i) == 0 && Lua.GETARG_B(i) == 1;
    }

    /**
     * {@code skipcomment} of lauxlib.c: a BOM and a first line starting with {@code #} are skipped,
     * the line's newline kept so line numbers stay.
     */
    static String withoutHeader(String s) {
        String t = s.startsWith("\u00EF\u00BB\u00BF") ? s.substring(3) : s;
        if (t.startsWith("#")) {
            int nl = t.indexOf('\n');
            return nl < 0 ? "" : t.substring(nl);
        }
        return t;
    }
}
