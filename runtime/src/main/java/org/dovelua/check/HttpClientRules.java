package org.dovelua.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dovelua.lua.http.HttpClientSettings;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.ast.Exp;
import org.luaj.vm2.ast.TableConstructor;
import org.luaj.vm2.ast.TableField;

/**
 * The settings of {@code dovecot.http.client{...}} table constructors, judged by the emulator's own
 * parsers ({@link HttpClientSettings#parse23}: 2.3.19 dlua-dovecot-http.c {@code parse_client_settings},
 * which reads a fixed list of keys and ignores the rest; {@link HttpClientSettings#parse24}: 2.4's
 * {@code http_client_*} settings, where an unknown key fails). Each key is tried alone, so every
 * bad one is reported, not only the first.
 */
final class HttpClientRules {
    private static final Set<String> KEYS_23 = keys23();

    private HttpClientRules() {
    }

    static void check(ScriptModel m, DovecotVersion v, Findings out) {
        boolean v24 = v.has(Since.HTTP_CLIENT_24_SETTINGS);
        boolean dns = v.has(Since.HTTP_CLIENT_DNS_SETTINGS);
        for (Exp.FuncCall c : m.calls) {
            if (c instanceof Exp.MethodCall || !"dovecot.http.client".equals(m.path(c.lhs))) {
                continue;
            }
            TableConstructor t = ScriptModel.tableArg(c);
            if (t == null || t.fields == null) {
                continue;
            }
            for (Object o : t.fields) {
                TableField f = (TableField) o;
                String key = f.name != null ? f.name : RequestMemberRules.constantString(f.index);
                if (key == null) {
                    continue;
                }
                LuaValue literal = literal(f.rhs);
                if (v24) {
                    check24(m, f, key, literal, dns, out);
                } else {
                    check23(m, f, key, literal, out);
                }
            }
        }
    }

    private static void check23(ScriptModel m, TableField f, String key, LuaValue literal, Findings out) {
        if (!KEYS_23.contains(key)) {
            String hint = hint23(key);
            out.add(m, f, Rule.HTTP_CLIENT_IGNORED, "dovecot.http.client: 2.3 does not read '" + key
                    + "' and ignores it" + (hint == null ? "" : "; did you mean " + hint + "?"));
            return;
        }
        if (literal == null) {
            return;
        }
        try {
            HttpClientSettings.parse23(single(key, literal), x -> false);
        } catch (HttpClientSettings.Invalid e) {
            out.add(m, f, Rule.HTTP_CLIENT_VALUE, "dovecot.http.client raises 'Invalid HTTP client setting: "
                    + e.getMessage() + "'" + form23(key, literal));
        }
    }

    /** @param dns 2.4.2+: lib-dns-client's settings are known too (read at the host lookup, not here) */
    private static void check24(ScriptModel m, TableField f, String key, LuaValue literal, boolean dns, Findings out) {
        if (key.equals("event_parent")) {
            return;
        }
        if (!known24(key, dns)) {
            String hint = hint24(key);
            out.add(m, f, Rule.HTTP_CLIENT_UNKNOWN, "dovecot.http.client raises 'Invalid HTTP client setting: "
                    + key + " is unknown setting'" + (hint == null ? "" : "; 2.4 calls it " + hint));
            return;
        }
        if (literal == null) {
            return;
        }
        try {
            HttpClientSettings.parse24(single(key, literal), dns);
        } catch (HttpClientSettings.Invalid e) {
            out.add(m, f, Rule.HTTP_CLIENT_VALUE, "dovecot.http.client raises 'Invalid HTTP client setting: "
                    + e.getMessage() + "'");
        }
    }

    /** A 2.3 number given as a string ({@code max_attempts = "3"}) is the common form mistake. */
    private static String form23(String key, LuaValue literal) {
        return literal.type() == LuaValue.TSTRING && literal.tojstring().matches("[0-9]+")
                ? " (2.3 wants a number: " + key + " = " + literal.tojstring() + ")" : "";
    }

    private static boolean known24(String key, boolean dns) {
        try {
            HttpClientSettings.parse24(single(key, LuaValue.valueOf("")), dns);
            return true;
        } catch (HttpClientSettings.Invalid e) {
            return !e.getMessage().equals(key + " is unknown setting");
        }
    }

    /** 2.3's key for a 2.4 name or a near miss ({@code timeout} → {@code request_timeout_msecs}). */
    static String hint23(String key) {
        List<String> candidates = new ArrayList<>();
        String base = key.startsWith("request_") ? key.substring(8) : key;
        for (String k : new String[] {key, base, "request_" + base}) {
            candidates.add(k + "_msecs");
            candidates.add(k + "_secs");
            candidates.add(k);
        }
        if (key.startsWith("auto_")) {
            candidates.add("no_" + key + " (inverted)");
        }
        for (String c : candidates) {
            if (!c.equals(key) && KEYS_23.contains(c.replace(" (inverted)", ""))) {
                return c;
            }
        }
        return Findings.nearest(key, KEYS_23);
    }

    /** 2.4's name for a 2.3 key ({@code max_attempts} → {@code request_max_attempts}, units as strings). */
    static String hint24(String key) {
        String base = key.replaceFirst("_m?secs$", "");
        List<String> candidates = new ArrayList<>(List.of(base, "request_" + base));
        if (base.startsWith("no_")) {
            candidates.add(base.substring(3));
        }
        for (String c : candidates) {
            if (!c.equals(key) && known24(c, false)) {
                String unit = key.endsWith("_msecs") ? " (a string with a unit: \"" + "500ms\")"
                        : key.endsWith("_secs") ? " (a string with a unit: \"10s\")"
                        : base.startsWith("no_") ? " (inverted: yes/no)" : "";
                return c + unit;
            }
        }
        return key.equals("timeout") ? "request_timeout" : null;
    }

    private static LuaTable single(String key, LuaValue value) {
        LuaTable t = new LuaTable();
        t.set(key, value);
        return t;
    }

    /** A constant's value, an empty table for a table constructor, or null when not known statically. */
    static LuaValue literal(Exp e) {
        e = ScriptModel.strip(e);
        if (e instanceof Exp.Constant c) {
            return c.value;
        }
        if (e instanceof TableConstructor) {
            return new LuaTable();
        }
        if (e instanceof Exp.UnopExp u && u.op == org.luaj.vm2.Lua.OP_UNM
                && ScriptModel.strip(u.rhs) instanceof Exp.Constant c && c.value.isnumber()) {
            return c.value.neg();
        }
        return null;
    }

    /** The keys 2.3's parser reads: a table that records every key {@code parse23} asks it for. */
    private static Set<String> keys23() {
        Set<String> keys = new LinkedHashSet<>();
        LuaTable recorder = new LuaTable() {
            @Override
            public LuaValue get(LuaValue key) {
                keys.add(key.tojstring());
                return NIL;
            }

            @Override
            public LuaValue rawget(LuaValue key) {
                keys.add(key.tojstring());
                return NIL;
            }
        };
        try {
            HttpClientSettings.parse23(recorder, x -> false);
        } catch (HttpClientSettings.Invalid e) {
            throw new IllegalStateException(e);
        }
        return Set.copyOf(keys);
    }
}
