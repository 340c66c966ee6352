package org.dovelua.varexpand;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.dovelua.lib.WildcardMatch;

/** {@code %{if;lhs;op;rhs;then[;else]}} (src/lib/var-expand-if.c). */
final class VarExpandIf {
    /** What a nested {@code var_expand_with_funcs()} returned. */
    record Expanded(int ret, String value) {
    }

    /** A nested expansion with the same table and functions. */
    @FunctionalInterface
    interface Expander {
        Expanded expand(String template, String[] error);
    }

    private static final List<String> OPS = List.of("==", "<", "<=", ">", ">=", "!=", "eq", "lt", "le", "gt", "ge",
            "ne", "*", "!*", "~", "!~");

    private VarExpandIf() {
    }

    static int expand(List<VarTable.Var> table, Expander expander, String key, String field, String[] result,
            String[] error) {
        // "in case the original input had :, we need to fix that"
        String input = key + ":" + field;
        int p = input.indexOf(';');
        if (p < 0) {
            error[0] = "if: missing parameter(s)";
            return -1;
        }
        List<String> params = new ArrayList<>();
        StringBuilder parbuf = new StringBuilder();
        int depth = 0;
        boolean escape = false;
        boolean maybeVar = false;
        for (int i = p + 1; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == '\\') {
                escape = true;
                continue;
            } else if (escape) {
                parbuf.append(c);
                escape = false;
                continue;
            }
            if (c == '%') {
                maybeVar = true;
            } else if (maybeVar && c == '{') {
                depth++;
                maybeVar = false;
            } else if (depth > 0 && c == '}') {
                depth--;
            } else if (depth == 0 && c == ';') {
                params.add(parbuf.toString());
                parbuf = new StringBuilder();
                continue;
            } else if (depth == 0 && c == ':') {
                break;
            }
            parbuf.append(c);
        }
        if (parbuf.length() > 0) {
            params.add(parbuf.toString());
        }
        if (params.size() != 5) {
            if (params.size() == 4) {
                params.add("");
            } else {
                error[0] = "if: requires four or five parameters, got " + params.size();
                return -1;
            }
        }
        List<String> args = new ArrayList<>();
        for (String par : params) {
            Expanded e = expander.expand(par, error);
            if (e.ret() <= 0) {
                return e.ret();
            }
            args.add(e.value());
        }
        Boolean r = compare(args.get(0), args.get(1), args.get(2), error);
        if (r == null) {
            return -1;
        }
        result[0] = r ? args.get(3) : args.get(4);
        return 1;
    }

    /** {@code var_expand_if_comp()}: null on error. */
    private static Boolean compare(String lhs, String op, String rhs, String[] error) {
        int idx = OPS.indexOf(op);
        if (idx < 0) {
            error[0] = "if: Unsupported comparator '" + op + "'";
            return null;
        }
        if (idx < 6) {
            Long a = VarExpandHash.strToIntmax(lhs);
            if (a == null) {
                error[0] = "if: " + lhs + " (lhs) is not a number";
                return null;
            }
            Long b = VarExpandHash.strToIntmax(rhs);
            if (b == null) {
                error[0] = "if: " + rhs + " (rhs) is not a number";
                return null;
            }
            int c = Long.compare(a, b);
            return switch (op) {
                case "==" -> c == 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> c != 0;
            };
        }
        int c = compareBytes(lhs, rhs);
        switch (op) {
            case "eq":
                return c == 0;
            case "lt":
                return c < 0;
            case "le":
                return c <= 0;
            case "gt":
                return c > 0;
            case "ge":
                return c >= 0;
            case "ne":
                return c != 0;
            case "*":
                return WildcardMatch.match(lhs, rhs);
            case "!*":
                return !WildcardMatch.match(lhs, rhs);
            default:
                break;
        }
        // ~ and !~: POSIX extended regex (regcomp REG_EXTENDED), searched anywhere in lhs
        Pattern re;
        try {
            re = Pattern.compile(rhs);
        } catch (PatternSyntaxException e) {
            error[0] = "if: regex failed: " + e.getDescription();
            return null;
        }
        boolean found = re.matcher(lhs).find();
        return op.equals("~") == found;
    }

    /** strcmp() on byte strings. */
    private static int compareBytes(String a, String b) {
        return Integer.signum(a.compareTo(b));
    }
}
