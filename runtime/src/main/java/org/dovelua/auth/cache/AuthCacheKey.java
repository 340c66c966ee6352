package org.dovelua.auth.cache;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.auth.request.AuthRequestVars;
import org.dovelua.varexpand.VarExpand;
import org.dovelua.varexpand.v24.VarExpand24;
import org.dovelua.version.DovecotVersion;

/**
 * {@code auth_cache_parse_key()} (src/auth/auth-cache.c, 2.3.19): the variables a driver's query
 * or {@code cache_key=} template uses, as the tab-separated list of {@code %x}/{@code %{name}} that
 * the cache expands per request. Known variables come first in the order of
 * {@code auth_request_var_expand_static_tab}, each once; {@code %n} with {@code %d} become
 * {@code %u}; unknown ones follow as written, duplicates kept.
 */
public final class AuthCacheKey {
    /** auth-request-var-expand.c {@code auth_request_var_expand_static_tab}: short key, long key. */
    private static final List<String[]> STATIC_TAB = List.of(new String[] {"u", "user"},
            new String[] {"n", "username"}, new String[] {"d", "domain"}, new String[] {"s", "service"},
            new String[] {"h", "home"}, new String[] {"l", "lip"}, new String[] {"r", "rip"},
            new String[] {"p", "pid"}, new String[] {"w", "password"}, new String[] {"!", null},
            new String[] {"m", "mech"}, new String[] {"c", "secured"}, new String[] {"a", "lport"},
            new String[] {"b", "rport"}, new String[] {"k", "cert"}, longKey("login_user"),
            longKey("login_username"), longKey("login_domain"), longKey("session"), longKey("real_lip"),
            longKey("real_rip"), longKey("real_lport"), longKey("real_rport"), longKey("domain_first"),
            longKey("domain_last"), longKey("master_user"), longKey("session_pid"), longKey("orig_user"),
            longKey("orig_username"), longKey("orig_domain"), longKey("auth_user"), longKey("auth_username"),
            longKey("auth_domain"), longKey("local_name"), longKey("client_id"), longKey("local_ip"),
            longKey("remote_ip"), longKey("local_port"), longKey("remote_port"), longKey("real_local_ip"),
            longKey("real_remote_ip"), longKey("real_local_port"), longKey("real_remote_port"),
            longKey("mechanism"), longKey("original_user"), longKey("original_username"),
            longKey("original_domain"));
    private static final int USER_IDX = 0;
    private static final int USERNAME_IDX = 1;
    private static final int DOMAIN_IDX = 2;

    private AuthCacheKey() {
    }

    private static String[] longKey(String name) {
        return new String[] {null, name};
    }

    /** {@code auth_cache_parse_key(pool, query)}. */
    public static String parse(String query) {
        boolean[] seen = new boolean[STATIC_TAB.size()];
        StringBuilder extra = new StringBuilder();
        int pos = 0;
        int n = query.length();
        while (pos < n) {
            if (query.charAt(pos) != '%') {
                pos++;
                continue;
            }
            int[] range = VarExpand.keyRange(query, ++pos);
            if (range[1] == 0) {
                break; // broken %variable ending too early
            }
            pos += range[0];
            String key = query.substring(pos, pos + range[1]);
            int idx = find(key);
            if (idx < 0) {
                // "just add the key": auth_cache_key_add_var()
                append(extra, key.length() == 1 ? "%" + key : "%{" + key + "}");
            } else {
                seen[idx] = true;
            }
            pos += range[1];
        }
        if (seen[USERNAME_IDX] && seen[DOMAIN_IDX]) {
            // %n and %d both used -> replace with %u
            seen[USER_IDX] = true;
            seen[USERNAME_IDX] = false;
            seen[DOMAIN_IDX] = false;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < seen.length; i++) {
            if (seen[i]) {
                String[] e = STATIC_TAB.get(i);
                append(out, e[0] != null ? "%" + e[0] : "%{" + e[1] + "}");
            }
        }
        if (extra.length() > 0) {
            append(out, extra.toString());
        }
        return out.toString();
    }

    private static void append(StringBuilder str, String var) {
        if (str.length() > 0) {
            str.append('\t');
        }
        str.append(var);
    }

    /**
     * 2.4's {@code auth_cache_parse_key_and_fields(pool, query, fields, exclude_driver)} (auth-cache.c@2.4.1):
     * the variables of the 2.4 template {@code query} (with each {@code fields} value appended after a tab),
     * known ones as {@code %{name}} in the static table's order, then the others in
     * {@code var_expand_program_variables()}'s sorted order; provider variables ({@code env:...}) are
     * dropped except {@code passdb:} and {@code userdb:}, and a variable named {@code exclude} too. A
     * template that does not parse is logged (debug) by the caller and caches under the empty key.
     */
    public static String parse24(String query, List<String> fieldValues, String exclude, DovecotVersion version)
            throws VarExpand.VarExpandException {
        StringBuilder full = new StringBuilder(query);
        for (String v : fieldValues) {
            full.append('\t').append(v);
        }
        // 2.4's auth_request_var_expand_static_tab: the variable table's own keys, in its order
        List<String> table = AuthRequestVars.names(version);
        boolean[] seen = new boolean[table.size()];
        List<String> extra = new ArrayList<>();
        for (String var : VarExpand24.variables(full.toString(), version)) {
            int idx = table.indexOf(var);
            if (var.indexOf(':') >= 0 && !var.startsWith("passdb:") && !var.startsWith("userdb:")) {
                continue; // "ignore any providers"
            } else if (idx < 0) {
                if (!var.equals(exclude)) {
                    extra.add("%{" + var + "}");
                }
            } else {
                seen[idx] = true;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < seen.length; i++) {
            if (seen[i]) {
                append(out, "%{" + table.get(i) + "}");
            }
        }
        for (String e : extra) {
            append(out, e);
        }
        return out.toString();
    }

    /** {@code auth_request_var_expand_tab_find()}: a one-character key by short key, longer by long key. */
    private static int find(String key) {
        for (int i = 0; i < STATIC_TAB.size(); i++) {
            String[] e = STATIC_TAB.get(i);
            if (key.length() == 1 ? key.equals(e[0]) : key.equals(e[1])) {
                return i;
            }
        }
        return -1;
    }

}
