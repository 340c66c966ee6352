package org.dovelua.varexpand;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dovelua.varexpand.v24.VarExpand24;
import org.dovelua.version.Since;

/**
 * Dovecot 2.3's {@code var_expand_with_funcs()} (src/lib/var-expand.c, var-expand-if.c) over an
 * auth request's variable table and the auth function table ({@code %{passdb:}},
 * {@code %{userdb:}}; src/auth/auth-request-var-expand.c): {@code %x} short keys,
 * {@code %{long_key}}, {@code %%}, {@code [-][0]width[.[-]width]}, the modifiers L U E X R H N M D
 * T, the hash functions {@code %{md5:...}} etc. with {@code ;rounds=,truncate=,salt=,format=},
 * {@code %{pkcs5:...}}, {@code %{if;...}}, {@code %{env:}}. An unknown variable expands to
 * {@code UNSUPPORTED_VARIABLE_<name>} (ret 0, not an error); only ret -1 is an error (§9.1).
 *
 * <p>Strings are handled as bytes, as in C: templates and values are UTF-8 encoded and carried in
 * ISO-8859-1 Java strings, so widths, offsets and R count bytes.
 */
public final class VarExpand {
    /** A template that cannot be expanded ({@code ret < 0}); the message is Dovecot's error. */
    public static final class VarExpandException extends Exception {
        public VarExpandException(String message) {
            super(message, null, false, false);
        }
    }

    private static final String MODIFIERS = "LUEXRHNMDT";
    private static final int MAX_MODIFIER_COUNT = 10;

    /**
     * One entry of a caller's {@code var_expand_func_table}: the value for the text after the
     * {@code NAME:} (null expands to ""). It may end the process ({@code ProcessDeath}).
     */
    @FunctionalInterface
    public interface Func {
        String apply(String data);
    }

    /**
     * One expansion: the variables, the function table's context, the environment, and the
     * caller's function table ({@code null}: auth's own, {@code %{passdb:}} and {@code %{userdb:}}).
     */
    private record Ctx(List<VarTable.Var> table, VarTable vars, Map<String, String> env, Map<String, Func> funcs) {
    }

    /** {@code struct var_expand_context}'s per-field state. */
    private static final class Field {
        int offset;
        int width;
        boolean zeroPadding;
    }

    private VarExpand() {
    }

    /** Expands {@code template} in the language of {@code vars.version()}. */
    public static String expand(String template, VarTable vars, Map<String, String> env) throws VarExpandException {
        return expand(template, vars, env, false);
    }

    /**
     * Expands a passdb/userdb template value: passdb-template.c and userdb-template.c take
     * {@code auth_request_var_expand_with_table() <= 0} as failure, so an unknown variable is an error
     * there, not {@code UNSUPPORTED_VARIABLE_<name>}.
     */
    public static String expandTemplate(String template, VarTable vars, Map<String, String> env)
            throws VarExpandException {
        return expand(template, vars, env, true);
    }

    /**
     * {@code var_expand_with_funcs()} with the caller's own function table instead of auth's (as
     * db-dict.c expands its field values with only {@code dict}), failing on {@code ret <= 0}.
     */
    public static String expandWithFuncs(String template, VarTable vars, Map<String, String> env,
            Map<String, Func> funcs) throws VarExpandException {
        return expand(template, vars, env, true, funcs);
    }

    private static String expand(String template, VarTable vars, Map<String, String> env, boolean unknownFails)
            throws VarExpandException {
        return expand(template, vars, env, unknownFails, null);
    }

    private static String expand(String template, VarTable vars, Map<String, String> env, boolean unknownFails,
            Map<String, Func> funcs) throws VarExpandException {
        if (vars.version().has(Since.VAR_EXPAND_24)) {
            return VarExpand24.expand(template, vars, env);
        }
        Ctx ctx = new Ctx(vars.vars(), vars, env, funcs);
        StringBuilder dest = new StringBuilder();
        String[] error = new String[1];
        int ret = expandWithFuncs(dest, bytes(template), ctx, error);
        if (ret < 0 || (ret == 0 && unknownFails)) {
            throw new VarExpandException(text(error[0] == null ? "" : error[0]));
        }
        return text(dest.toString());
    }

    /** {@code var_expand_with_funcs()}: returns 1, 0 (unknown variable seen) or -1 ({@code error[0]}). */
    private static int expandWithFuncs(StringBuilder dest, String str, Ctx ctx, String[] error) {
        error[0] = null;
        int finalRet = 1;
        int n = str.length();
        for (int i = 0; i < n; i++) {
            if (str.charAt(i) != '%') {
                dest.append(str.charAt(i));
                continue;
            }
            i++;
            Field f = new Field();
            int sign = 1;
            // [<offset>.]<width>[<modifiers>]<variable>
            if (at(str, i) == '-') {
                sign = -1;
                i++;
            }
            if (at(str, i) == '0') {
                f.zeroPadding = true;
                i++;
            }
            while (at(str, i) >= '0' && at(str, i) <= '9') {
                f.width = f.width * 10 + (str.charAt(i) - '0');
                i++;
            }
            if (at(str, i) == '.') {
                f.offset = sign * f.width;
                sign = 1;
                f.width = 0;
                i++;
                // a zero-prefixed (or zero) offset is ignored; zero padding is done with the width
                f.zeroPadding = false;
                if (at(str, i) == '0') {
                    f.zeroPadding = true;
                    i++;
                }
                if (at(str, i) == '-') {
                    sign = -1;
                    i++;
                }
                while (at(str, i) >= '0' && at(str, i) <= '9') {
                    f.width = f.width * 10 + (str.charAt(i) - '0');
                    i++;
                }
                f.width = sign * f.width;
            }
            StringBuilder mods = new StringBuilder();
            while (mods.length() < MAX_MODIFIER_COUNT && at(str, i) != 0 && MODIFIERS.indexOf(at(str, i)) >= 0) {
                mods.append(str.charAt(i++));
            }
            if (i >= n) {
                break;
            }
            String[] var = new String[1];
            int ret;
            if (str.charAt(i) == '{' && str.indexOf('}', i) >= 0) {
                // %{long_key}: nested braces count, backslash escapes the next character
                int ctr = 1;
                boolean escape = false;
                int end = i;
                while (++end < n && ctr > 0) {
                    char c = str.charAt(end);
                    if (!escape && c == '\\') {
                        escape = true;
                        continue;
                    }
                    if (escape) {
                        escape = false;
                        continue;
                    }
                    if (c == '{') {
                        ctr++;
                    }
                    if (c == '}') {
                        ctr--;
                    }
                }
                if (ctr == 0) {
                    end--; // "it needs to come back a bit"
                }
                // with no closing brace it consumes the rest of the string
                ret = expandLong(ctx, f, str.substring(i + 1, Math.min(end, n)), var, error);
                i = end;
            } else {
                ret = expandShort(ctx.table(), str.charAt(i), var, error);
            }
            if (finalRet > ret) {
                finalRet = ret;
            }
            if (ret <= 0) {
                dest.append(var[0]);
                continue;
            }
            String v = var[0];
            for (int m = 0; m < mods.length(); m++) {
                v = modify(mods.charAt(m), v, f);
            }
            if (f.offset < 0) {
                int fromEnd = -f.offset;
                if (v.length() > fromEnd) {
                    v = v.substring(v.length() - fromEnd);
                }
            } else {
                v = f.offset >= v.length() ? "" : v.substring(f.offset);
            }
            if (f.width == 0) {
                dest.append(v);
            } else if (!f.zeroPadding) {
                int width = f.width < 0 ? v.length() - (-f.width) : f.width;
                // str_append_max(): a negative (size_t) width is huge, so nothing is cut
                dest.append(width < 0 || width >= v.length() ? v : v.substring(0, width));
            } else {
                // %05d-like padding, no truncation
                for (int len = v.length(); len < f.width; f.width--) {
                    dest.append('0');
                }
                dest.append(v);
            }
        }
        return finalRet;
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }

    /** {@code var_expand_short()}. */
    private static int expandShort(List<VarTable.Var> table, char key, String[] var, String[] error) {
        for (VarTable.Var v : table) {
            if (v.key() == key) {
                var[0] = v.value() == null ? "" : bytes(v.value());
                return 1;
            }
        }
        if (key == '%') {
            var[0] = "%";
            return 1;
        }
        if (error[0] == null) {
            error[0] = "Unknown variable '%" + key + "'";
        }
        var[0] = "UNSUPPORTED_VARIABLE_" + key;
        return 0;
    }

    /** {@code var_expand_long()}: table long keys, pid/uid/gid/hostname, then functions. */
    private static int expandLong(Ctx ctx, Field f, String key, String[] var, String[] error) {
        for (VarTable.Var v : ctx.table()) {
            if (v.longKey() != null && bytes(v.longKey()).equals(key)) {
                var[0] = v.value() == null ? "" : bytes(v.value());
                return 1;
            }
        }
        String value = switch (key) {
            case "pid" -> String.valueOf(ProcessHandle.current().pid());
            // geteuid()/getegid() of the process expanding: Lua drivers run in the auth worker,
            // which is service auth-worker { user = root } by default
            case "uid", "gid" -> "0";
            case "hostname" -> "localhost";
            default -> null;
        };
        if (value != null) {
            var[0] = value;
            return 1;
        }
        int colon = key.indexOf(':');
        String name = colon < 0 ? key : key.substring(0, colon);
        String data = colon < 0 ? "" : key.substring(colon + 1);
        int ret = tryExtension(ctx, f, name, data, var, error);
        if (ret <= 0 && var[0] == null) {
            var[0] = "";
        }
        return ret;
    }

    /** {@code var_expand_try_extension()}: hash methods, pkcs5 and if; then env and the auth functions. */
    private static int tryExtension(Ctx ctx, Field f, String key, String data, String[] var, String[] error) {
        int sep = key.indexOf(';');
        String base = sep < 0 ? key : key.substring(0, sep);
        // extension keys are matched case-insensitively, whole key only
        String lower = base.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("if")) {
            return VarExpandIf.expand(ctx.table(), (tpl, err) -> {
                StringBuilder b = new StringBuilder();
                int r = expandWithFuncs(b, tpl, ctx, err);
                return new VarExpandIf.Expanded(r, b.toString());
            }, key, data, var, error);
        }
        if (VarExpandHash.METHODS.contains(lower) || lower.equals("pkcs5")) {
            return VarExpandHash.expand(key, data, (field, err) -> {
                String[] out = new String[1];
                int r = expandLong(ctx, new Field(), field, out, err);
                return new VarExpandIf.Expanded(r, out[0]);
            }, (tpl, err) -> {
                StringBuilder b = new StringBuilder();
                int r = expandWithFuncs(b, tpl, ctx, err);
                return new VarExpandIf.Expanded(r, b.toString());
            }, var, error);
        }
        int ret = expandFunc(ctx, key, data, var, error);
        if (ret == 0) {
            error[0] = "Unknown variable '%" + key + "'";
        }
        return ret;
    }

    /** {@code var_expand_func()}: env, then the auth function table (passdb, userdb). */
    private static int expandFunc(Ctx ctx, String key, String data, String[] var, String[] error) {
        switch (key) {
            case "env" -> {
                String e = ctx.env().get(text(data));
                var[0] = e == null ? "" : bytes(e);
                return 1;
            }
            case "passdb" -> {
                if (ctx.funcs() != null) {
                    return callerFunc(ctx, key, data, var, error);
                }
                var[0] = field(ctx.vars()::passdbField, data);
                return 1;
            }
            case "userdb" -> {
                if (ctx.funcs() != null) {
                    return callerFunc(ctx, key, data, var, error);
                }
                var[0] = field(ctx.vars()::userdbField, data);
                return 1;
            }
            default -> {
                if (ctx.funcs() != null) {
                    return callerFunc(ctx, key, data, var, error);
                }
                if (error[0] == null) {
                    error[0] = "Unknown variable '%" + key + "'";
                }
                var[0] = "UNSUPPORTED_VARIABLE_" + key;
                return 0;
            }
        }
    }

    /** {@code var_expand_func()} with the caller's table: its entry, or an unknown variable. */
    private static int callerFunc(Ctx ctx, String key, String data, String[] var, String[] error) {
        Func f = ctx.funcs().get(text(key));
        if (f != null) {
            String v = f.apply(text(data));
            var[0] = v == null ? "" : bytes(v);
            return 1;
        }
        if (error[0] == null) {
            error[0] = "Unknown variable '%" + key + "'";
        }
        var[0] = "UNSUPPORTED_VARIABLE_" + key;
        return 0;
    }

    /** {@code auth_request_var_expand_func_passdb/userdb}: {@code name[:default]}. */
    private static String field(java.util.function.UnaryOperator<String> fields, String data) {
        int colon = data.indexOf(':');
        String key = colon < 0 ? data : data.substring(0, colon);
        String value = fields.apply(text(key));
        if (value != null) {
            return bytes(value);
        }
        return colon < 0 ? "" : data.substring(colon + 1);
    }

    /** The modifiers table of var-expand.c. */
    private static String modify(char m, String v, Field f) {
        switch (m) {
            case 'L':
                return asciiCase(v, false);
            case 'U':
                return asciiCase(v, true);
            case 'E': {
                StringBuilder b = new StringBuilder();
                for (char c : v.toCharArray()) {
                    if (c == '"' || c == '\\' || c == '\'') {
                        b.append('\\');
                    }
                    b.append(c);
                }
                return b.toString();
            }
            case 'X': {
                long l = VarExpandHash.strToUllong(v);
                return Long.toHexString(l);
            }
            case 'R':
                return new StringBuilder(v).reverse().toString();
            case 'H': {
                long value = strHash(v);
                if (f.width != 0) {
                    value = Integer.toUnsignedLong((int) value) % Integer.toUnsignedLong(f.width);
                    f.width = 0;
                }
                return pad(Long.toHexString(value), f);
            }
            case 'N': {
                byte[] d = org.dovelua.lib.Digests.md5(v.getBytes(StandardCharsets.ISO_8859_1));
                long value = 0;
                for (int i = 0; i < 8; i++) {
                    value = (value << 8) | (d[i] & 0xff);
                }
                if (f.width != 0) {
                    value = Long.remainderUnsigned(value, Integer.toUnsignedLong(f.width));
                    f.width = 0;
                }
                return pad(Long.toHexString(value & 0xffffffffL), f);
            }
            case 'M':
                return java.util.HexFormat.of().formatHex(
                        org.dovelua.lib.Digests.md5(v.getBytes(StandardCharsets.ISO_8859_1)));
            case 'D':
                return v.replace(".", ",dc=");
            case 'T': {
                int len = v.length();
                while (len > 0 && isSpace(v.charAt(len - 1))) {
                    len--;
                }
                return v.substring(0, len);
            }
            default:
                throw new IllegalStateException("modifier " + m);
        }
    }

    /** H and N: zero-pad the hex to the offset, then the offset is used up. */
    private static String pad(String hex, Field f) {
        StringBuilder b = new StringBuilder(hex);
        while (b.length() < f.offset) {
            b.insert(0, '0');
        }
        f.offset = 0;
        return b.toString();
    }

    /** {@code str_hash()} (src/lib/hash.c): the ASU/glib string hash, as unsigned 32 bits. */
    static long strHash(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = (h << 4) + (s.charAt(i) & 0xff);
            int g = h & 0xf0000000;
            if (g != 0) {
                h = h ^ (g >>> 24);
                h = h ^ g;
            }
        }
        return Integer.toUnsignedLong(h);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    /** {@code t_str_lcase/t_str_ucase}: ASCII only ({@code i_tolower}). */
    private static String asciiCase(String v, boolean upper) {
        char[] c = v.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (upper && c[i] >= 'a' && c[i] <= 'z') {
                c[i] -= 32;
            } else if (!upper && c[i] >= 'A' && c[i] <= 'Z') {
                c[i] += 32;
            }
        }
        return new String(c);
    }

    /** UTF-8 text → a byte string (one char per byte). */
    public static String bytes(String s) {
        return ascii(s) ? s : new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** A byte string → text. */
    public static String text(String s) {
        return ascii(s) ? s : new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** ASCII is the same in text and as bytes: most usernames and templates need no copy. */
    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * var-expand.c {@code var_get_key_range_full()} at {@code start}: {idx, size} relative to it (how
     * auth-cache.c and db-dict.c find a template's variables),
     * skipping {@code [offset.]width} and modifiers; a long key's braces nest, backslash escapes.
     */
    public static int[] keyRange(String s, int start) {
        int i = start;
        while (i < s.length() && (s.charAt(i) >= '0' && s.charAt(i) <= '9' || s.charAt(i) == '-')) {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && (s.charAt(i) >= '0' && s.charAt(i) <= '9' || s.charAt(i) == '-')) {
                i++;
            }
        }
        while (i < s.length() && MODIFIERS.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        if (i >= s.length() || s.charAt(i) != '{') {
            return new int[] {i - start, i >= s.length() ? 0 : 1};
        }
        int idx = ++i;
        int depth = 1;
        boolean escape = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!escape && c == '\\') {
                escape = true;
                continue;
            }
            if (escape) {
                escape = false;
                continue;
            }
            if (c == '{') {
                depth++;
            }
            if (c == '}' && --depth == 0) {
                break;
            }
        }
        return new int[] {idx - start, i - idx};
    }

}
