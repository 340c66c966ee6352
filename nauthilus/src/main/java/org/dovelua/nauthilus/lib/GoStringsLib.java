package org.dovelua.nauthilus.lib;

import static org.dovelua.nauthilus.LuaFunctions.fn;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dovelua.nauthilus.GopherArgs;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * vadv gopher-lua-libs {@code strings} (strings/api.go): split, fields, has_prefix, has_suffix,
 * trim, trim_space, trim_prefix, trim_suffix, contains, over Go's strings package on the bytes of
 * Lua strings (runes decoded as unicode/utf8 does, a bad byte being one RuneError). The Reader and
 * Builder objects (new_reader, new_builder) are not offered.
 */
public final class GoStringsLib extends TwoArgFunction {
    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaTable t = new LuaTable();
        t.rawset("split", fn(a -> {
            String s = str(a, 1, "split");
            String sep = a.narg() > 1 ? str(a, 2, "split") : "";
            return list(split(s, sep));
        }));
        t.rawset("fields", fn(a -> list(fields(str(a, 1, "fields")))));
        t.rawset("has_prefix", fn(a -> LuaValue.valueOf(str(a, 1, "has_prefix").startsWith(str(a, 2, "has_prefix")))));
        t.rawset("has_suffix", fn(a -> LuaValue.valueOf(str(a, 1, "has_suffix").endsWith(str(a, 2, "has_suffix")))));
        t.rawset("contains", fn(a -> LuaValue.valueOf(str(a, 1, "contains").contains(str(a, 2, "contains")))));
        t.rawset("trim", fn(a -> {
            String s = str(a, 1, "trim");
            Set<Integer> cut = new HashSet<>(runes(str(a, 2, "trim")));
            return lua(trim(s, cut::contains));
        }));
        t.rawset("trim_space", fn(a -> lua(trim(str(a, 1, "trim_space"), GoStringsLib::isSpace))));
        t.rawset("trim_prefix", fn(a -> {
            String s = str(a, 1, "trim_prefix");
            String p = str(a, 2, "trim_prefix");
            return lua(s.startsWith(p) ? s.substring(p.length()) : s);
        }));
        t.rawset("trim_suffix", fn(a -> {
            String s = str(a, 1, "trim_suffix");
            String p = str(a, 2, "trim_suffix");
            return lua(s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s);
        }));
        return t;
    }

    /** A Lua string's bytes as chars 0-255, so String operations are byte operations. */
    private static String str(Varargs a, int n, String fn) {
        return new String(GoJsonEncoder.bytes(new GopherArgs(fn, a).checkLuaString(n)), StandardCharsets.ISO_8859_1);
    }

    private static LuaString lua(String bytes) {
        return LuaString.valueOf(bytes.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static LuaTable list(List<String> parts) {
        LuaTable t = new LuaTable();
        for (int i = 0; i < parts.size(); i++) {
            t.rawset(i + 1, lua(parts.get(i)));
        }
        return t;
    }

    /** strings.Split: an empty separator splits after each UTF-8 sequence. */
    static List<String> split(String s, String sep) {
        List<String> out = new ArrayList<>();
        if (sep.isEmpty()) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            int i = 0;
            while (i < b.length) {
                int w = Utf8.decode(b, i)[1];
                out.add(s.substring(i, i + w));
                i += w;
            }
            return out;
        }
        int start = 0;
        while (true) {
            int k = s.indexOf(sep, start);
            if (k < 0) {
                out.add(s.substring(start));
                return out;
            }
            out.add(s.substring(start, k));
            start = k + sep.length();
        }
    }

    /** strings.Fields: runs of non-space runes (unicode.IsSpace). */
    static List<String> fields(String s) {
        List<String> out = new ArrayList<>();
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        int i = 0;
        int start = -1;
        while (i < b.length) {
            int[] r = Utf8.decode(b, i);
            if (isSpace(r[0]) && !(r[0] == Utf8.RUNE_ERROR && r[1] == 1)) {
                if (start >= 0) {
                    out.add(s.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += r[1];
        }
        if (start >= 0) {
            out.add(s.substring(start));
        }
        return out;
    }

    /** strings.Trim / TrimSpace / TrimFunc on runes. */
    static String trim(String s, java.util.function.IntPredicate cut) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        List<int[]> rs = new ArrayList<>(); // {rune, start, width}
        int i = 0;
        while (i < b.length) {
            int[] r = Utf8.decode(b, i);
            rs.add(new int[] {r[0], i, r[1]});
            i += r[1];
        }
        int lo = 0;
        while (lo < rs.size() && cut.test(rs.get(lo)[0])) {
            lo++;
        }
        int hi = rs.size();
        while (hi > lo && cut.test(rs.get(hi - 1)[0])) {
            hi--;
        }
        if (lo >= hi) {
            return "";
        }
        return s.substring(rs.get(lo)[1], rs.get(hi - 1)[1] + rs.get(hi - 1)[2]);
    }

    private static List<Integer> runes(String s) {
        List<Integer> out = new ArrayList<>();
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        int i = 0;
        while (i < b.length) {
            int[] r = Utf8.decode(b, i);
            out.add(r[0]);
            i += r[1];
        }
        return out;
    }

    /** unicode.IsSpace. */
    static boolean isSpace(int r) {
        switch (r) {
            case '\t': case '\n': case 0x0B: case '\f': case '\r': case ' ': case 0x85: case 0xA0:
            case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
                return true;
            default:
                return r >= 0x2000 && r <= 0x200A;
        }
    }
}
