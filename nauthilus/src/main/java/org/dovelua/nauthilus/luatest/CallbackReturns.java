package org.dovelua.nauthilus.luatest;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.nauthilus.BackendResultFields;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * What test mode accepts as each kind's return values (runner.go executeCallback's per-kind
 * checks: subject, environment, action, backend, hook, cache_flush), written into the
 * {@link TestResult}; a wrong shape is the callback's error.
 */
final class CallbackReturns {
    private CallbackReturns() {
    }

    /** Go int(lua.LVAsNumber(v)): truncation toward zero. */
    private static long goInt(LuaValue v) {
        return (long) v.todouble();
    }

    static void subject(TestResult r, Varargs ret, String label) throws TestRunner.CallbackError {
        LuaValue action = ret.arg(1);
        LuaValue value = ret.arg(2);
        if (action.isboolean() && value.type() == LuaValue.TNUMBER) {
            r.subjectRejected = action.toboolean();
            r.subjectResult = goInt(value);
            r.success = true;
            return;
        }
        throw new TestRunner.CallbackError(label + " returned unexpected types: action=" + action.typename()
                + " result=" + value.typename());
    }

    static void environment(TestResult r, Varargs ret, String label) throws TestRunner.CallbackError {
        LuaValue trigger = ret.arg(1);
        LuaValue abort = ret.arg(2);
        LuaValue status = ret.arg(3);
        if (trigger.isboolean() && abort.isboolean() && status.type() == LuaValue.TNUMBER) {
            r.environmentTriggered = trigger.toboolean();
            r.environmentAbort = abort.toboolean();
            r.environmentResult = goInt(status);
            r.success = true;
            return;
        }
        throw new TestRunner.CallbackError(label + " returned unexpected types: trigger=" + trigger.typename()
                + " abort=" + abort.typename() + " result=" + status.typename());
    }

    static void action(TestResult r, LuaValue ret) throws TestRunner.CallbackError {
        if (ret.isboolean()) {
            r.actionResult = ret.toboolean();
        } else if (ret.type() == LuaValue.TNUMBER) {
            r.actionResult = goInt(ret) == 0; // ACTION_RESULT_OK=0
        } else if (ret.isnil()) {
            r.actionResult = true;
        } else {
            throw new TestRunner.CallbackError("action returned unexpected type: " + ret.typename());
        }
        r.success = true;
    }

    static void backend(TestResult r, Varargs ret) throws TestRunner.CallbackError {
        LuaValue code = ret.arg(1);
        LuaValue value = ret.arg(2);
        if (code.type() != LuaValue.TNUMBER) {
            throw new TestRunner.CallbackError("backend returned unexpected status type: " + code.typename());
        }
        r.backendReturnCode = goInt(code);
        if (r.backendReturnCode != 0) {
            throw new TestRunner.CallbackError("backend returned non-zero result code: " + r.backendReturnCode);
        }
        if (value.istable()) {
            r.backendResult = true;
            LuaTable t = (LuaTable) value;
            LuaValue a = t.rawget("authenticated");
            if (a.isboolean()) {
                r.backendAuthenticated = a.toboolean();
            }
            LuaValue u = t.rawget("user_found");
            if (u.isboolean()) {
                r.backendUserFound = u.toboolean();
            }
            r.backendAccountField = rawString(t, "account_field");
            r.backendDisplayName = rawString(t, "display_name_field");
            r.backendUniqueUserId = rawString(t, "unique_user_id_field");
            r.success = true;
            return;
        }
        if (value.isuserdata()) {
            r.backendResult = true;
            Object o = value.touserdata();
            if (!(o instanceof BackendResultFields f)) {
                throw new TestRunner.CallbackError("backend returned unexpected userdata payload: "
                        + (o == null ? "<nil>" : o.getClass().getName()));
            }
            r.backendAuthenticated = f.authenticated();
            r.backendUserFound = f.userFound();
            r.backendAccountField = f.accountField();
            r.backendDisplayName = f.displayNameField();
            r.backendUniqueUserId = f.uniqueUserIdField();
            r.success = true;
            return;
        }
        if (value.isnil()) {
            r.backendResult = false;
            r.success = false;
            return;
        }
        throw new TestRunner.CallbackError("backend returned unexpected type: " + value.typename());
    }

    private static String rawString(LuaTable t, String key) {
        LuaValue v = t.rawget(key);
        return v.type() == LuaValue.TSTRING ? v.tojstring() : null; // lua.LTString only, not numbers
    }

    static void hook(TestResult r, LuaValue ret) throws TestRunner.CallbackError {
        if (ret.isnil() || ret.istable()) {
            // what the hook answered, as a Go value (kept for dovelua's YAML cases; runner.go drops it)
            r.hookAnswer = org.dovelua.nauthilus.GoValues.fromLua(ret);
            r.actionResult = true; // runner.go reuses ActionResult for hooks
            r.success = true;
            return;
        }
        throw new TestRunner.CallbackError("hook returned unexpected type: " + ret.typename());
    }

    static void cacheFlush(TestResult r, Varargs ret) {
        LuaValue keys = ret.arg(1);
        LuaValue account = ret.arg(2);
        if (keys.istable()) {
            List<String> out = new ArrayList<>();
            LuaTable t = (LuaTable) keys;
            int n = t.length(); // table.Len()
            for (int i = 1; i <= n; i++) {
                LuaValue k = t.rawget(i);
                if (k.type() == LuaValue.TSTRING) {
                    out.add(k.tojstring());
                }
            }
            r.cacheFlushAdditionalKeys = out;
        }
        if (account.type() == LuaValue.TSTRING) {
            r.cacheFlushAccountName = account.tojstring();
        }
        r.success = true;
    }
}
