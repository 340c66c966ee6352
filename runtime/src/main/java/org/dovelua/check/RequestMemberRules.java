package org.dovelua.check;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dovelua.version.DovecotVersion;
import org.luaj.vm2.ast.Exp;
import org.luaj.vm2.ast.SyntaxElement;

/**
 * {@link Rule#REQUEST_MEMBER}: {@code req.NAME} and {@code req:NAME()} on a request variable where
 * the release's request has no NAME. db-lua.c {@code auth_request_lua_index} answers the
 * variable table (auth-request-var-expand.c), then {@code auth_request_methods[]}, then the raw
 * table: anything else is nil. Members the script assigns itself are its own.
 */
final class RequestMemberRules {
    private RequestMemberRules() {
    }

    static void check(ScriptModel m, DovecotVersion v, Findings out) {
        Set<String> own = new HashSet<>();
        for (Exp.FieldExp f : m.fields) {
            if (m.assignTargets.contains(f) && m.isRequest(f.lhs)) {
                own.add(f.name.name);
            }
        }
        for (Exp.IndexExp i : m.indexes) {
            if (m.assignTargets.contains(i) && m.isRequest(i.lhs) && constantString(i.exp) != null) {
                own.add(constantString(i.exp));
            }
        }
        Set<String> members = RequestMembers.names(v);
        for (Exp.FieldExp f : m.fields) {
            if (!m.assignTargets.contains(f) && m.isRequest(f.lhs)) {
                report(m, v, f, name(f.lhs), f.name.name, false, members, own, out);
            }
        }
        for (Exp.IndexExp i : m.indexes) {
            String key = constantString(i.exp);
            if (key != null && !m.assignTargets.contains(i) && m.isRequest(i.lhs)) {
                report(m, v, i, name(i.lhs), key, false, members, own, out);
            }
        }
        for (Exp.FuncCall c : m.calls) {
            if (c instanceof Exp.MethodCall mc && m.isRequest(mc.lhs)) {
                report(m, v, mc, name(mc.lhs), mc.name, true, members, own, out);
            }
        }
    }

    /** What the dynamic check reports for an {@code __index} miss: the same rule and text. */
    static Finding miss(String file, int line, String member, DovecotVersion v) {
        return new Finding(file, line, 1, Rule.REQUEST_MEMBER, text("req", member, false, v) + " (seen when the cases ran)");
    }

    private static void report(ScriptModel m, DovecotVersion v, SyntaxElement at, String var, String member,
            boolean method, Set<String> members, Set<String> own, Findings out) {
        if (members.contains(member) || own.contains(member)) {
            return;
        }
        out.add(m, at, Rule.REQUEST_MEMBER, text(var, member, method, v));
    }

    static String text(String var, String member, boolean method, DovecotVersion v) {
        String shown = var + (method ? ":" + member + "()" : "." + member);
        List<DovecotVersion> with = RequestMembers.releasesWith(member);
        String where = with.isEmpty() ? "" : " (it exists in " + range(with) + ")";
        List<String> hints = RequestMembers.suggestions(member, v);
        String sep = method ? ":" : ".";
        String hint = hints.isEmpty() ? null : String.join(" or " + var + sep, hints);
        return shown + ": Dovecot " + v + "'s request has no " + (method ? "method" : "member") + " '" + member + "'"
                + where + (method ? ": calling it raises 'attempt to call a nil value'" : ": it reads nil")
                + (hint == null ? "" : "; did you mean " + var + (method ? ":" : ".") + hint + "?");
    }

    private static String range(List<DovecotVersion> with) {
        DovecotVersion first = with.get(0);
        DovecotVersion last = with.get(with.size() - 1);
        List<DovecotVersion> all = RequestMembers.timeline();
        boolean toEnd = last.equals(all.get(all.size() - 1));
        if (toEnd) {
            return first + " and later";
        }
        return first.equals(all.get(0)) ? "releases up to " + last : first.equals(last) ? first.toString()
                : first + " to " + last;
    }

    private static String name(Exp e) {
        return ScriptModel.strip(e) instanceof Exp.NameExp n ? n.name.name : "req";
    }

    static String constantString(Exp e) {
        return ScriptModel.strip(e) instanceof Exp.Constant c && c.value.type() == org.luaj.vm2.LuaValue.TSTRING
                ? c.value.tojstring() : null;
    }
}
