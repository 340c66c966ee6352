package org.dovelua.check;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.ast.Exp;
import org.luaj.vm2.ast.FuncBody;
import org.luaj.vm2.ast.Name;
import org.luaj.vm2.ast.Stat;

/** Code that runs but does not do what it says, as db-lua.c and Lua's semantics make it. */
final class TrapRules {
    private TrapRules() {
    }

    static void check(ScriptModel m, DovecotVersion v, Findings out) {
        passwordVerify(m, v, out);
        comparisons(m, out);
        globals(m, out);
        ioOpen(m, out);
    }

    private static boolean isPasswordVerify(ScriptModel m, Exp e) {
        return ScriptModel.strip(e) instanceof Exp.MethodCall mc && mc.name.equals("password_verify")
                && m.isRequest(mc.lhs);
    }

    /**
     * auth-request-lua.c {@code auth_request_lua_password_verify}: returns a number and an error
     * (every number is true in Lua); a nil argument crashes 2.3 and raises in 2.4.
     */
    private static void passwordVerify(ScriptModel m, DovecotVersion v, Findings out) {
        for (Exp c : m.conditions) {
            truthy(m, c, out);
        }
        for (Exp.FuncCall c : m.calls) {
            if (!isPasswordVerify(m, c)) {
                continue;
            }
            List<Exp> args = ScriptModel.args(c);
            for (int i = 0; i < 2; i++) {
                boolean missing = i >= args.size();
                if (missing && !args.isEmpty() && (args.get(args.size() - 1).isfunccall()
                        || args.get(args.size() - 1).isvarargexp())) {
                    break;
                }
                if (missing || ScriptModel.strip(args.get(i)) instanceof Exp.Constant k && k.value.isnil()) {
                    String which = i == 0 ? "Crypted" : "Plain";
                    out.add(m, c, Rule.PASSWORD_VERIFY_NIL, "req:password_verify() gets nil as its " + (i == 0
                            ? "crypted" : "plain") + " password: " + (v.has(Since.PASSWORD_VERIFY_REFUSES_NIL)
                            ? "Dovecot " + v + " raises '" + which + " password must not be nil'"
                            : "Dovecot " + v + " dereferences it and the auth process crashes"));
                    break;
                }
            }
        }
    }

    private static void truthy(ScriptModel m, Exp e, Findings out) {
        e = ScriptModel.strip(e);
        if (isPasswordVerify(m, e)) {
            out.add(m, e, Rule.PASSWORD_VERIFY_TRUTHY, "req:password_verify() returns a result code (a number, "
                    + "1 on success) and is always true as a condition; compare it: == dovecot.auth.PASSDB_RESULT_OK");
        } else if (e instanceof Exp.UnopExp u && u.op == Lua.OP_NOT) {
            truthy(m, u.rhs, out);
        } else if (e instanceof Exp.BinopExp b && (b.op == Lua.OP_AND || b.op == Lua.OP_OR)) {
            truthy(m, b.lhs, out);
            truthy(m, b.rhs, out);
        }
    }

    /** Result constants are numbers (db-lua.c pushes them with lua_pushnumber). */
    private static void comparisons(ScriptModel m, Findings out) {
        for (Exp.BinopExp b : m.binops) {
            if (b.op != Lua.OP_EQ && b.op != Lua.OP_NEQ) {
                continue;
            }
            compare(m, b, b.lhs, b.rhs, out);
            compare(m, b, b.rhs, b.lhs, out);
        }
    }

    private static void compare(ScriptModel m, Exp.BinopExp b, Exp side, Exp other, Findings out) {
        Exp o = ScriptModel.strip(other);
        String constant = ResultConstants.nameOf(m, side);
        if (constant != null && o instanceof Exp.Constant c) {
            if (c.value.type() == LuaValue.TNUMBER) {
                Integer value = ResultConstants.ALL.get(constant);
                boolean same = value != null && c.value.todouble() == value;
                out.add(m, b, Rule.RESULT_NUMBER_COMPARE, "dovecot.auth." + constant + " compared with "
                        + c.value.tojstring() + (value == null ? "" : ": it is " + value + ", so this is always "
                        + (same == (b.op == Lua.OP_EQ))) + "; compare constants with constants");
            } else if (c.value.type() == LuaValue.TSTRING) {
                out.add(m, b, Rule.RESULT_STRING_COMPARE, "dovecot.auth." + constant + " is a number: compared with "
                        + "the string \"" + c.value.tojstring() + "\" it is never equal");
            }
            return;
        }
        if (o instanceof Exp.Constant c && c.value.type() == LuaValue.TSTRING
                && ResultConstants.known(c.value.tojstring()) && constant == null) {
            out.add(m, b, Rule.RESULT_STRING_COMPARE, "\"" + c.value.tojstring() + "\" is a string: result codes are "
                    + "numbers, so this is never equal; compare with dovecot.auth." + c.value.tojstring());
        }
    }

    /**
     * One Lua state serves every request of an auth process or worker (db-lua.c keeps the script
     * loaded): a global written while answering a request is seen by the next one. {@code _}, the
     * conventional throw-away name, is left alone.
     */
    private static void globals(ScriptModel m, Findings out) {
        for (Stat.Assign a : m.assigns) {
            FuncBody f = m.functionOf(a);
            if (f == null || !m.requestFunctions.contains(f)) {
                continue;
            }
            for (Object o : a.vars) {
                if (o instanceof Exp.NameExp n && ScriptModel.key(n.name) instanceof String && !n.name.name.equals("_")) {
                    out.add(m, n, Rule.GLOBAL_WRITE, "global '" + n.name.name + "' written in " + m.nameOf(f)
                            + "(): every request this process answers shares it; make it local");
                }
            }
        }
    }

    /**
     * io.open returns nil and a message when the file is missing (liolib.c); a result used as a
     * file without a check raises "attempt to index a nil value" for the request.
     */
    private static void ioOpen(ScriptModel m, Findings out) {
        Set<Object> checked = new HashSet<>();
        for (Exp c : m.conditions) {
            names(c, checked);
        }
        for (Exp.BinopExp b : m.binops) {
            if (b.op == Lua.OP_AND || b.op == Lua.OP_OR || b.op == Lua.OP_EQ || b.op == Lua.OP_NEQ) {
                names(b.lhs, checked);
                names(b.rhs, checked);
            }
        }
        for (Exp.UnopExp u : m.unops) {
            if (u.op == Lua.OP_NOT) {
                names(u.rhs, checked);
            }
        }
        for (Exp.FuncCall c : m.calls) {
            if ("assert".equals(m.path(c.lhs)) && !ScriptModel.args(c).isEmpty()) {
                names(ScriptModel.args(c).get(0), checked);
            }
        }
        Set<Object> usedAsFile = new HashSet<>();
        for (Exp.FuncCall c : m.calls) {
            if (c instanceof Exp.MethodCall mc && ScriptModel.strip(mc.lhs) instanceof Exp.NameExp n) {
                usedAsFile.add(ScriptModel.key(n.name));
            }
        }
        for (Stat.LocalAssign a : m.localAssigns) {
            if (a.values == null || a.values.isEmpty() || !(ScriptModel.strip((Exp) a.values.get(0)) instanceof Exp.FuncCall c)
                    || !"io.open".equals(m.path(c.lhs))) {
                continue;
            }
            Object file = ScriptModel.key((Name) a.names.get(0));
            if (usedAsFile.contains(file) && !checked.contains(file)) {
                out.add(m, c, Rule.IO_OPEN_UNCHECKED, "io.open() returns nil when the file is missing or unreadable"
                        + " (e.g. a path not mounted into the container); '" + ((Name) a.names.get(0)).name
                        + "' is used without a nil check: wrap it in assert() or test it");
            }
        }
    }

    private static void names(Exp e, Set<Object> into) {
        e = ScriptModel.strip(e);
        if (e instanceof Exp.NameExp n) {
            into.add(ScriptModel.key(n.name));
        } else if (e instanceof Exp.UnopExp u) {
            names(u.rhs, into);
        } else if (e instanceof Exp.BinopExp b) {
            names(b.lhs, into);
            names(b.rhs, into);
        }
    }
}
