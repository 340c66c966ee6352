package org.dovelua.auth.dict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dovelua.auth.cache.AuthCacheKey;
import org.junit.jupiter.api.Test;

/** db_dict_parse_cache_key(): src/auth/test-db-dict.c (2.3.19) test_db_dict_parse_cache_key. */
class DbDictCacheKeyTest {
    private static DictKey key(String name, String template) {
        DictKey k = new DictKey(name);
        k.key = template;
        return k;
    }

    @Test
    void theUpstreamUnitTest() {
        List<DictKey> keys = List.of(key("key0", "%d and %n"), key("key1", "%{foo}%r%{bar}"),
                key("key2", "%{test1}/path"), key("key3", "path2/%{test2}"), key("key4", "%{plop}"),
                key("key5", "%{unused}"));
        List<DictField> fields = List.of(new DictField("name1", "hello %{dict:key0} %l and %{dict:key1}"),
                new DictField("name2", "%{dict:key2} also %{extra} plus"));
        String parsed = DbDictCacheKey.parse(keys, fields, List.of(keys.get(3), keys.get(4)));
        assertThat(parsed).isEqualTo(
                "\t%d and %n\t%l\t%{foo}%r%{bar}\t%{test1}/path\t%{extra}\tpath2/%{test2}\t%{plop}");
        // what passdb_dict_preinit() then keeps: %n with %d is %u, known variables first in table order (l before r)
        assertThat(AuthCacheKey.parse(parsed)).isEqualTo("%u\t%l\t%r\t%{foo}\t%{bar}\t%{test1}\t%{extra}\t%{test2}\t%{plop}");
    }
}
