package org.dovelua.auth.dict;

import java.util.List;
import org.dovelua.auth.cache.AuthCacheKey;
import org.dovelua.varexpand.VarExpand;

/**
 * db-dict-cache-key.c {@code db_dict_parse_cache_key()} (2.3.19): the dict driver's cache key
 * before {@code auth_cache_parse_key()}: the variables of its field values, a {@code %{dict:NAME}}
 * as the key template of the key it names, then the key templates of its objects.
 */
final class DbDictCacheKey {
    private DbDictCacheKey() {
    }

    static String parse(List<DictKey> keys, List<DictField> fields, List<DictKey> objects) {
        StringBuilder str = new StringBuilder();
        for (DictField field : fields) {
            String p = field.value();
            int i = 0;
            while (i < p.length()) {
                if (p.charAt(i) != '%') {
                    i++;
                    continue;
                }
                int[] range = VarExpand.keyRange(p, ++i);
                if (range[1] == 0) {
                    break; // broken %variable ending too early
                }
                i += range[0];
                String var = p.substring(i, i + range[1]);
                if (var.length() > 5 && var.startsWith("dict:")) {
                    String name = var.substring(5);
                    int colon = name.indexOf(':');
                    String wanted = colon < 0 ? name : name.substring(0, colon);
                    keys.stream().filter(k -> k.name.equals(wanted)).findFirst()
                            .ifPresent(k -> str.append('\t').append(k.key));
                } else if (var.length() == 1) {
                    str.append("\t%").append(var);
                } else {
                    str.append("\t%{").append(var).append('}');
                }
                i += range[1];
            }
        }
        for (DictKey key : objects) {
            str.append('\t').append(key.key);
        }
        return str.toString();
    }

    /** {@code passdb_dict_preinit()}/{@code userdb_dict_preinit()}: through auth_cache_parse_key(). */
    static String defaultCacheKey(DictConnection conn, boolean passdb) {
        DictConfig set = conn.set;
        return AuthCacheKey.parse(passdb ? parse(set.keys, set.passdbFields, set.parsedPassdbObjects)
                : parse(set.keys, set.userdbFields, set.parsedUserdbObjects));
    }
}
