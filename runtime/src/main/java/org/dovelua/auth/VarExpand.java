package org.dovelua.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dovecot 2.3's {@code var_expand()} (src/lib/var-expand.c) over an auth request's variable
 * table: {@code %x} short keys, {@code %{long_key}}, {@code %%}, widths/offsets and the case and
 * trim modifiers, {@code %{passdb:f[:default]}}, {@code %{userdb:f[:default]}}, {@code %{env:NAME}}.
 * An unknown variable expands to {@code UNSUPPORTED_VARIABLE_<name>} and is not an error (§9.1).
 * The hash/if/pkcs5 functions are not emulated yet and fail loudly rather than expand wrongly.
 */
public final class VarExpand {
    /** A template that cannot be expanded ({@code ret < 0}). */
    public static final class VarExpandException extends Exception {
        public VarExpandException(String message) {
            super(message, null, false, false);
        }
    }

    private VarExpand() {
    }

    /** Expands {@code template} with the request's variables. */
    public static String expand(String template, AuthRequest r, Map<String, String> env) throws VarExpandException {
        return expand(template, r, AuthRequestVars.table(r), env);
    }

    public static String expand(String template, AuthRequest r, List<AuthRequestVars.Var> table,
            Map<String, String> env) throws VarExpandException {
        if (r.settings.version.is24()) {
            return VarExpand24.expand(template, r, table, env);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c != '%' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            i++;
            // %[-][0]<width>[.<offset>]<modifiers><var>
            boolean negOffset = false;
            boolean zeroPad = false;
            int width = 0;
            int offset = 0;
            if (template.charAt(i) == '-') {
                negOffset = true;
                i++;
            }
            if (i < n && template.charAt(i) == '0') {
                zeroPad = true;
                i++;
            }
            while (i < n && Character.isDigit(template.charAt(i))) {
                width = width * 10 + (template.charAt(i) - '0');
                i++;
            }
            if (i < n && template.charAt(i) == '.') {
                i++;
                offset = width;
                width = 0;
                while (i < n && Character.isDigit(template.charAt(i))) {
                    width = width * 10 + (template.charAt(i) - '0');
                    i++;
                }
            }
            StringBuilder mods = new StringBuilder();
            while (i < n && "LUETRXHNMD".indexOf(template.charAt(i)) >= 0 && mods.length() < 10) {
                mods.append(template.charAt(i));
                i++;
            }
            if (i >= n) {
                break;
            }
            char v = template.charAt(i++);
            String value;
            if (v == '%') {
                out.append('%');
                continue;
            } else if (v == '{') {
                int close = template.indexOf('}', i);
                if (close < 0) {
                    out.append('%').append(template, i - 1, n);
                    break;
                }
                String name = template.substring(i, close);
                i = close + 1;
                value = longVariable(name, r, table, env);
            } else {
                value = shortVariable(v, table);
            }
            value = applyModifiers(value, mods.toString());
            value = applyWidth(value, negOffset, zeroPad, width, offset);
            out.append(value);
        }
        return out.toString();
    }

    private static String shortVariable(char key, List<AuthRequestVars.Var> table) {
        for (AuthRequestVars.Var v : table) {
            if (v.key() == key) {
                return v.value() == null ? "" : v.value();
            }
        }
        return "UNSUPPORTED_VARIABLE_" + key;
    }

    private static String longVariable(String name, AuthRequest r, List<AuthRequestVars.Var> table,
            Map<String, String> env) throws VarExpandException {
        int colon = name.indexOf(':');
        if (colon >= 0) {
            String func = name.substring(0, colon);
            String data = name.substring(colon + 1);
            switch (func) {
                case "passdb":
                    return field(r.extraFields, data);
                case "userdb":
                    return field(r.userdbReply, data);
                case "env": {
                    String e = env.get(data);
                    return e == null ? "" : e;
                }
                case "md4": case "md5": case "sha1": case "sha256": case "sha384": case "sha512":
                case "sha3-256": case "sha3-512": case "size": case "pkcs5":
                    throw new VarExpandException("dovelua does not emulate %{" + func + ":...} yet");
                default:
                    break;
            }
        }
        if (name.startsWith("if;")) {
            throw new VarExpandException("dovelua does not emulate %{if;...} yet");
        }
        boolean[] found = new boolean[1];
        String value = AuthRequestVars.lookup(table, name, found);
        if (found[0]) {
            return value == null ? "" : value;
        }
        switch (name) {
            case "hostname":
                return "localhost";
            default:
                return "UNSUPPORTED_VARIABLE_" + name;
        }
    }

    /** {@code %{passdb:name[:default]}}: the field, else the default, else "". */
    private static String field(AuthFields fields, String data) {
        int colon = data.indexOf(':');
        String key = colon < 0 ? data : data.substring(0, colon);
        String value = fields == null ? null : fields.find(key);
        if (value != null) {
            return value;
        }
        return colon < 0 ? "" : data.substring(colon + 1);
    }

    private static String applyModifiers(String value, String mods) {
        String v = value;
        for (char m : mods.toCharArray()) {
            switch (m) {
                case 'L':
                    v = v.toLowerCase(Locale.ROOT);
                    break;
                case 'U':
                    v = v.toUpperCase(Locale.ROOT);
                    break;
                case 'T':
                    v = v.stripTrailing();
                    break;
                case 'R':
                    v = new StringBuilder(v).reverse().toString();
                    break;
                case 'E':
                    v = v.replace("\\", "\\\\").replace("\"", "\\\"").replace("'", "\\'");
                    break;
                default:
                    // X H N M D: hash/format modifiers belong to the full var_expand (not yet emulated)
                    break;
            }
        }
        return v;
    }

    private static String applyWidth(String v, boolean negOffset, boolean zeroPad, int width, int offset) {
        String s = v;
        if (offset > 0) {
            if (negOffset) {
                s = offset >= s.length() ? s : s.substring(s.length() - offset);
            } else {
                s = offset >= s.length() ? "" : s.substring(offset);
            }
        }
        if (width > 0) {
            if (s.length() > width) {
                s = s.substring(0, width);
            } else if (zeroPad) {
                s = "0".repeat(width - s.length()) + s;
            }
        }
        return s;
    }
}
