package org.dovelua.auth.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cache structure of src/auth/auth-cache.c (2.3.19), on a test clock. */
class AuthCacheTest {
    private final AtomicLong now = new AtomicLong(100);

    @Test
    void anEntryLivesItsTtlInclusiveThenIsExpiredButStillThere() {
        AuthCache c = new AuthCache(1 << 20, 10, 5, now::get);
        c.insert("P1\talice", "{PLAIN}x", true);
        now.addAndGet(10);
        assertThat(c.lookup("P1\talice").expired()).isFalse(); // created < now - ttl
        now.addAndGet(1);
        AuthCache.Lookup l = c.lookup("P1\talice");
        assertThat(l.expired()).isTrue();
        assertThat(l.negExpired()).isTrue();
        assertThat(l.value()).isEqualTo("{PLAIN}x");
        assertThat(c.lookup("P1\tbob")).isNull();
    }

    @Test
    void negativeEntriesAgeByTheNegativeTtlAndAreNotKeptWhenItIsZero() {
        AuthCache c = new AuthCache(1 << 20, 100, 5, now::get);
        c.insert("P1\tghost", "", false);
        now.addAndGet(6);
        assertThat(c.lookup("P1\tghost").expired()).isTrue();
        AuthCache off = new AuthCache(1 << 20, 100, 0, now::get);
        off.insert("P1\tghost", "", false);
        assertThat(off.size()).isZero();
    }

    @Test
    void theLeastRecentlyUsedGoWhenTheSizeIsReached() {
        // each node: 32 + "P1\tuserN" (8) + 1 + "v" (1) + 1 = 43 bytes (sizeof(struct auth_cache_node) is 32)
        AuthCache c = new AuthCache(3 * 43, 100, 100, now::get);
        c.insert("P1\tuser1", "v", false);
        c.insert("P1\tuser2", "v", false);
        c.insert("P1\tuser3", "v", false);
        c.lookup("P1\tuser1"); // user1 is now the most recent
        c.insert("P1\tuser4", "v", false);
        assertThat(c.lookup("P1\tuser2")).isNull();
        assertThat(c.lookup("P1\tuser1")).isNotNull();
        assertThat(c.lookup("P1\tuser3")).isNotNull();
        assertThat(c.size()).isEqualTo(3);
    }

    @Test
    void flushingUsersMatchesTheKeyAfterTheDbIdAndMasterUser() {
        AuthCache c = new AuthCache(1 << 20, 100, 100, now::get);
        c.insert("P1\talice", "x", false);
        c.insert("U2\talice\t192.0.2.1", "x", false);
        c.insert("P1+master\talice", "x", false);
        c.insert("P1\talice2", "x", false);
        c.insert("P1\tbob", "x", false);
        assertThat(c.clearUsers(List.of("alice"))).isEqualTo(3);
        assertThat(c.clearUsers(List.of("alic"))).isZero();
        assertThat(c.clear()).isEqualTo(2);
        assertThat(AuthCache.isUser("X1\talice", "alice")).isFalse();
    }

    @Test
    void statsCountHitsMissesAndInsertsThenStartAgain() {
        AuthCache c = new AuthCache(1000, 100, 100, now::get);
        c.insert("P1\ta", "x", true);
        c.insert("P1\tb", "", false);
        c.lookup("P1\ta");
        c.lookup("P1\tc");
        c.lookup("P1\tc");
        assertThat(c.stats()).containsExactly("Authentication cache hits 1/3 (33%)",
                "Authentication cache inserts: positive: 1 entries 39 bytes, negative: 1 entries 38 bytes",
                "Authentication cache current size: 77 bytes used of 1000 bytes (7%)");
        assertThat(c.stats().get(0)).isEqualTo("Authentication cache hits 0/0 (100%)");
    }
}
