package org.dovelua.auth.cache;

import java.util.List;
import java.util.Map;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestVars;
import org.dovelua.lib.TabEscape;
import org.dovelua.varexpand.VarExpand;
import org.dovelua.varexpand.VarTable;
import org.dovelua.version.DovecotVersion;
import org.dovelua.version.Since;

/**
 * auth-cache.c {@code auth_request_expand_cache_key()} (2.3.19, 2.4.1): a db's cache key for one request,
 * prefixed with "P" or "U" and the db's id ({@code %!}), {@code +%{master_user}} when there is one,
 * and a tab; values tab-escaped ({@code auth_cache_escape}) so the key's variables stay apart.
 * Unknown variables are fine; a failed expansion is logged once per auth process.
 */
public final class CacheKeys {
    private final Map<String, String> env;
    private boolean errorLogged;

    public CacheKeys(Map<String, String> env) {
        this.env = env;
    }

    /** The expanded key of {@code key} for {@code r}, with {@code %u} = {@code username}. */
    public String expand(AuthRequest r, String key, String username) {
        // 2.4 names the db id %{id} (auth-cache.c@2.4.1), 2.3 %!
        String id = r.settings.version.has(Since.VAR_EXPAND_24) ? "%{id}" : "%!";
        String full = (r.userdbLookup ? "U" : "P") + id + (r.masterUser == null ? "" : "+%{master_user}") + "\t"
                + key;
        VarTable base = AuthRequestVars.of(r, username);
        List<VarTable.Var> escaped = base.vars().stream()
                .map(v -> new VarTable.Var(v.key(), v.longKey(), v.value() == null ? null : TabEscape.escape(v.value())))
                .toList();
        VarTable table = new VarTable() {
            @Override
            public List<Var> vars() {
                return escaped;
            }

            @Override
            public DovecotVersion version() {
                return base.version();
            }

            @Override
            public String passdbField(String name) {
                String v = base.passdbField(name);
                return v == null ? null : TabEscape.escape(v);
            }

            @Override
            public String userdbField(String name) {
                String v = base.userdbField(name);
                return v == null ? null : TabEscape.escape(v);
            }

            @Override
            public String eventField(String name) {
                return base.eventField(name);
            }
        };
        try {
            return VarExpand.expand(full, table, env);
        } catch (VarExpand.VarExpandException e) {
            if (!errorLogged) {
                errorLogged = true;
                r.dbEvent().error("Failed to expand auth cache key " + full + ": " + e.getMessage());
            }
            return "";
        }
    }
}
