package org.dovelua.check;

import java.util.List;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.ast.Exp;
import org.luaj.vm2.ast.FuncBody;
import org.luaj.vm2.ast.Stat;
import org.luaj.vm2.ast.TableConstructor;
import org.luaj.vm2.ast.TableField;

/**
 * What the lookup functions return, as db-lua.c reads it ({@code auth_lua_call_lookup_finish},
 * {@code auth_lua_export_table}; the emulator's {@code DbLua.checkTypes} and {@code exportTable}):
 * a result code, then fields as a string or a table. Checked where the values are literals, in
 * the lookup functions and the functions they get the request to.
 */
final class ReturnValueRules {
    private ReturnValueRules() {
    }

    static void check(ScriptModel m, DovecotVersion v, Findings out) {
        for (Stat.Return r : m.returns) {
            FuncBody f = m.functionOf(r);
            if (f == null || !m.requestFunctions.contains(f) || r.values == null || r.values.isEmpty()) {
                continue;
            }
            boolean entry = ScriptModel.LOOKUP_FUNCTIONS.contains(m.nameOf(f));
            @SuppressWarnings("unchecked")
            List<Exp> values = r.values;
            Exp first = ScriptModel.strip(values.get(0));
            String constant = ResultConstants.nameOf(m, first);
            Double code = null;
            if (constant != null) {
                if (!ResultConstants.known(constant)) {
                    out.add(m, first, Rule.RETURN_CODE, "dovecot.auth." + constant + " does not exist (it is nil): "
                            + "Dovecot answers 'invalid return value (expected number got nil)', an internal failure");
                    continue;
                }
                code = (double) ResultConstants.ALL.get(constant);
            } else if (entry && first instanceof Exp.Constant c) {
                if (c.value.type() == LuaValue.TNUMBER) {
                    if (!ResultConstants.knownCode(c.value.todouble())) {
                        out.add(m, first, Rule.RETURN_CODE, c.value.tojstring() + " is not a result code Dovecot knows");
                    }
                    code = c.value.todouble();
                } else {
                    out.add(m, first, Rule.RETURN_CODE, "a result code must be a number: Dovecot answers 'invalid "
                            + "return value (expected number got " + c.value.typename() + ")', an internal failure");
                    continue;
                }
            }
            if (code == null) {
                continue; // not a lookup result (a helper's own value) or not known statically
            }
            checkSecond(m, v, r, values, code == 1, out);
        }
    }

    private static void checkSecond(ScriptModel m, DovecotVersion v, Stat.Return r, List<Exp> values, boolean ok,
            Findings out) {
        if (values.size() == 1) {
            Exp only = values.get(0);
            if (only.isfunccall() || only.isvarargexp()) {
                return;
            }
            if (!v.has(Since.PASSDB_NIL_SECOND_VALUE)) {
                out.add(m, r, Rule.RETURN_MISSING_VALUE, "no second value: Dovecot " + v + " answers 'invalid "
                        + "return value (expected string or table, got nil)', an internal failure (return "
                        + (ok ? "{} or \"\"" : "\"\"") + " as well)");
            }
            return;
        }
        Exp second = ScriptModel.strip(values.get(1));
        String type = second instanceof TableConstructor ? "table"
                : second instanceof Exp.Constant c ? c.value.typename()
                : second instanceof Exp.BinopExp b && b.op == org.luaj.vm2.Lua.OP_CONCAT ? "string" : null;
        if (type == null) {
            return;
        }
        if (type.equals("nil") && !v.has(Since.PASSDB_NIL_SECOND_VALUE)) {
            out.add(m, second, Rule.RETURN_MISSING_VALUE, "nil as second value: Dovecot " + v
                    + " answers 'invalid return value (expected string or table, got nil)', an internal failure");
        } else if (v.has(Since.PASSDB_RETURN_TYPES_CHECKED)) {
            if (ok && !type.equals("nil") && !type.equals("table")) {
                out.add(m, second, Rule.RETURN_VALUE_TYPE, "a successful lookup's fields must be nil or a table in "
                        + v + ": Dovecot answers 'invalid return value (expected nil or table, got " + type
                        + ")', an internal failure");
            } else if (!ok && !type.equals("nil") && !type.equals("string") && !type.equals("number")) {
                out.add(m, second, Rule.RETURN_VALUE_TYPE, "a failing lookup's second value must be nil or a string"
                        + " in " + v + ": Dovecot answers 'invalid error return value (expected nil or string, got "
                        + type + ")', an internal failure");
            }
        } else if (type.equals("boolean")) {
            out.add(m, second, Rule.RETURN_VALUE_TYPE, "Dovecot " + v + " answers 'invalid return value (expected "
                    + "string or table, got boolean)', an internal failure");
        }
        if (second instanceof TableConstructor t && ok) {
            checkKeys(m, v, t, out);
        }
    }

    /**
     * {@code auth_lua_export_table} writes a number as {@code dec2str((uintmax_t)lua_tointeger())}:
     * a negative one wraps around and one that is not an integer is 0 (both seen on 2.3.19).
     */
    private static void number(ScriptModel m, TableField f, Findings out) {
        LuaValue v = HttpClientRules.literal(f.rhs);
        if (v == null || v.type() != LuaValue.TNUMBER) {
            return;
        }
        double d = v.todouble();
        if (d != Math.floor(d) || Double.isInfinite(d)) {
            out.add(m, f, Rule.RETURN_FIELD_NUMBER, "the number " + v.tojstring() + " is not an integer: Dovecot"
                    + " exports it as 0; give a string");
        } else if (d < 0) {
            out.add(m, f, Rule.RETURN_FIELD_NUMBER, "the number " + v.tojstring() + " is exported as an unsigned"
                    + " integer (" + Long.toUnsignedString((long) d) + "); give a string");
        }
    }

    /** {@code auth_lua_export_table}: the keys it skips (2.3.21+), or writes into the reply, or crashes on. */
    private static void checkKeys(ScriptModel m, DovecotVersion v, TableConstructor t, Findings out) {
        if (t.fields == null) {
            return;
        }
        boolean checks = v.has(Since.TABLE_EXPORT_CHECKS_KEYS);
        for (Object o : t.fields) {
            TableField f = (TableField) o;
            if (f.index != null || f.name != null) {
                number(m, f, out);
            }
            if (f.name != null) {
                continue;
            }
            if (f.index == null) {
                out.add(m, f, Rule.RETURN_FIELD_KEY, "a list item has a number key: lua_tostring() turns it into a "
                        + "string in place and the next lua_next() fails: the auth process panics ('invalid key to "
                        + "'next'')");
                continue;
            }
            Exp k = ScriptModel.strip(f.index);
            if (!(k instanceof Exp.Constant c)) {
                continue;
            }
            if (c.value.type() == LuaValue.TNUMBER) {
                out.add(m, f, Rule.RETURN_FIELD_KEY, "a number key: the auth process panics ('invalid key to 'next'')");
            } else if (c.value.type() == LuaValue.TBOOLEAN) {
                out.add(m, f, Rule.RETURN_FIELD_KEY, "a boolean key: lua_tostring() gives NULL and Dovecot crashes");
            } else if (c.value.type() == LuaValue.TSTRING) {
                String key = c.value.tojstring();
                if (key.isEmpty()) {
                    out.add(m, f, Rule.RETURN_FIELD_KEY, checks
                            ? "an empty field key: Dovecot " + v + " logs 'Field key cannot be empty - ignoring'"
                            : "an empty field key: Dovecot " + v + " adds it to the reply (2.3.21 ignores it)");
                } else if (key.indexOf('\t') >= 0 || key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
                    out.add(m, f, Rule.RETURN_FIELD_KEY, checks
                            ? "a field key with <CR>, <LF> or <TAB>: Dovecot " + v
                                    + " logs 'Field key cannot contain <CR>, <LF> or <TAB> - ignoring'"
                            : "a field key with <CR>, <LF> or <TAB>: Dovecot " + v
                                    + " writes it into the tab-separated auth reply, which breaks it");
                }
            }
        }
    }
}
