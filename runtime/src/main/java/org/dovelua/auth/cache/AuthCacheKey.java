package org.dovelua.auth.cache;

import java.util.List;
import org.dovelua.varexpand.VarExpand;

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
    /** var-expand.c {@code modifiers[]}. */

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
