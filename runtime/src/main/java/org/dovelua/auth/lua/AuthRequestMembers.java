package org.dovelua.auth.lua;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.dovelua.auth.config.AuthSettings;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestVars;
import org.dovelua.lua.dovecot.EventObjects;
import org.dovelua.varexpand.VarTable;
import org.dovelua.version.DovecotVersion;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * What {@code req.NAME} answers in a release, read from the request object itself (db-lua.c
 * {@code auth_request_lua_index}: the variable table's long keys, then {@code auth_request_methods[]},
 * then the fields {@code auth_lua_push_auth_request} sets), for {@code dovelua check}; and the hook
 * through which a check run hears of every {@code __index} miss. The hook is null unless a check
 * is running, so a normal run pays one volatile read on a miss only.
 */
public final class AuthRequestMembers {
    /** Told of a member the request object does not have, and the script position that asked. */
    public interface MissListener {
        void miss(String member, String chunkname, int line);
    }

    private static volatile MissListener listener;

    private AuthRequestMembers() {
    }

    /** Every name {@code req.NAME} finds in release {@code v}. */
    public static Set<String> names(DovecotVersion v) {
        AuthSettings settings = new AuthSettings();
        settings.version = v;
        AuthRequest r = new AuthRequest(settings);
        r.user = "";
        Set<String> names = new LinkedHashSet<>();
        AuthRequestVars.names(v).stream().filter(java.util.Objects::nonNull).forEach(names::add);
        EventObjects events = new EventObjects();
        names.addAll(AuthRequestMethods.forVersion(v, events, Map.of()).keySet());
        LuaTable pushed = new AuthRequestObject(settings, events, Map.of()).push(r);
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = pushed.next(k);
            k = n.arg1();
            if (k.isnil()) {
                break;
            }
            names.add(k.tojstring());
        }
        return names;
    }

    /**
     * The value each variable has for a probe request whose fields all differ (user
     * {@code u@d1@d2}, each other string field its own name, each port and pid its own number):
     * two names with the same value in two releases are one member renamed ({@code service} in
     * 2.3 is {@code protocol} in 2.4, both {@code auth_request->fields.protocol}).
     */
    public static Map<String, String> probeValues(DovecotVersion v) {
        AuthSettings settings = new AuthSettings();
        settings.version = v;
        AuthRequest r = new AuthRequest(settings);
        int n = 1000;
        for (java.lang.reflect.Field f : AuthRequest.class.getFields()) {
            if (java.lang.reflect.Modifier.isFinal(f.getModifiers())
                    || java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                if (f.getType() == String.class) {
                    f.set(r, "probe-" + f.getName());
                } else if (f.getType() == int.class) {
                    f.setInt(r, n++);
                } else if (f.getType() == long.class) {
                    f.setLong(r, n++);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        r.user = "u@d1@d2";
        r.secured = AuthRequest.Secured.TLS;
        r.validClientCert = true;
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (VarTable.Var var : AuthRequestVars.table(r)) {
            if (var.longKey() != null && var.value() != null && !var.value().isEmpty()) {
                values.putIfAbsent(var.longKey(), var.value());
            }
        }
        return values;
    }

    /** Starts (non-null) or stops (null) reporting misses; {@code dovelua check --cases} only. */
    public static void listen(MissListener l) {
        listener = l;
    }

    static MissListener listener() {
        return listener;
    }
}
