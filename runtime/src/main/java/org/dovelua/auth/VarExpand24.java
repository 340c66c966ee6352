package org.dovelua.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The subset of Dovecot 2.4's var-expand language (src/lib-var-expand/) the core needs:
 * {@code %{name}} and {@code %{name | filter | ...}} with the {@code username}, {@code domain},
 * {@code lower}, {@code upper} filters, {@code %{passdb:f}}, {@code %{userdb:f}}, {@code %{env:X}}.
 * Unknown variables are errors, as in 2.4.
 */
final class VarExpand24 {
    private VarExpand24() {
    }

    static String expand(String template, AuthRequest r, List<AuthRequestVars.Var> table, Map<String, String> env)
            throws VarExpand.VarExpandException {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '%' && i + 1 < template.length() && template.charAt(i + 1) == '%') {
                out.append('%');
                i += 2;
            } else if (c == '%' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                int close = template.indexOf('}', i);
                if (close < 0) {
                    throw new VarExpand.VarExpandException("syntax error, unexpected end of file, expecting CCBRACE");
                }
                out.append(evaluate(template.substring(i + 2, close).trim(), r, table, env));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String evaluate(String expr, AuthRequest r, List<AuthRequestVars.Var> table,
            Map<String, String> env) throws VarExpand.VarExpandException {
        String[] parts = expr.split("\\|");
        String name = parts[0].trim();
        String value;
        int colon = name.indexOf(':');
        if (colon > 0) {
            String provider = name.substring(0, colon);
            String key = name.substring(colon + 1);
            switch (provider) {
                case "passdb":
                    value = orEmpty(r.extraFields.find(key));
                    break;
                case "userdb":
                    value = r.userdbReply == null ? "" : orEmpty(r.userdbReply.find(key));
                    break;
                case "env":
                    value = orEmpty(env.get(key));
                    break;
                default:
                    throw new VarExpand.VarExpandException("Unsupported prefix '" + provider + "'");
            }
        } else {
            boolean[] found = new boolean[1];
            value = AuthRequestVars.lookup(table, name, found);
            if (!found[0]) {
                throw new VarExpand.VarExpandException("Unknown variable '" + name + "'");
            }
            value = orEmpty(value);
        }
        for (int p = 1; p < parts.length; p++) {
            String f = parts[p].trim();
            switch (f) {
                case "username":
                    value = AuthRequestVars.beforeAt(value);
                    break;
                case "domain":
                    value = orEmpty(AuthRequestVars.afterAt(value));
                    break;
                case "lower":
                    value = value.toLowerCase(Locale.ROOT);
                    break;
                case "upper":
                    value = value.toUpperCase(Locale.ROOT);
                    break;
                default:
                    throw new VarExpand.VarExpandException("dovelua does not emulate the 2.4 filter '" + f + "' yet");
            }
        }
        return value;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
