package org.dovelua.auth.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.dovelua.api.Dovelua;
import org.dovelua.api.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auth cache as a script sees it (auth-cache.c, passdb-cache.c, auth-request.c 2.3.19): a
 * global counts the script's calls and is returned as a field, so a cache hit shows as a count
 * that did not move. Time is a test clock, never a sleep.
 */
class AuthCacheRequestsTest {
    private static final String SCRIPT = """
            calls = 0
            ucalls = 0
            function auth_passdb_lookup(req)
              calls = calls + 1
              if req.user == "ghost" then
                return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, ""
              end
              return dovecot.auth.PASSDB_RESULT_OK, {password="secret", calls=tostring(calls)}
            end
            function auth_userdb_lookup(req)
              ucalls = ucalls + 1
              if req.user == "ghost" then
                return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, ""
              end
              return dovecot.auth.USERDB_RESULT_OK, {uid="1000", gid="1000", home="/home/" .. req.user,
                ucalls=tostring(ucalls)}
            end
            """;

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_000_000);

    private Dovelua dovelua(String settings, String luaArgs) throws Exception {
        Files.writeString(dir.resolve("auth.lua"), SCRIPT);
        Path conf = Files.writeString(dir.resolve("dovecot.conf"), settings
                + "passdb {\n  driver = lua\n  args = file=" + dir + "/auth.lua" + luaArgs + "\n}\n"
                + "userdb {\n  driver = lua\n  args = file=" + dir + "/auth.lua" + luaArgs + "\n}\n");
        return Dovelua.builder().config(conf).mount(dir.toString(), dir).clock(now::get).build();
    }

    @Test
    void aRepeatedLookupIsAnsweredFromTheCacheWithTheFieldsOfTheFirst() throws Exception {
        try (Dovelua d = dovelua("auth_cache_size = 1M\n", "")) {
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("1");
            Result again = d.authTest("alice", "secret");
            assertThat(again.result()).isEqualTo("ok");
            assertThat(again.field("calls")).isEqualTo("1");
            assertThat(d.authTest("bob", "secret").field("calls")).isEqualTo("2");
        }
    }

    @Test
    void withoutACacheSizeEveryRequestRunsTheScript() throws Exception {
        try (Dovelua d = dovelua("", "")) {
            d.authTest("alice", "secret");
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("2");
        }
        try (Dovelua d = dovelua("auth_cache_size = 1M\n", " cache_key=")) {
            d.authTest("alice", "secret");
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("2");
        }
    }

    @Test
    void hitsAndMissesAreLoggedAsDovecotDoes() throws Exception {
        try (Dovelua d = dovelua("auth_cache_size = 1M\nauth_debug = yes\n", "")) {
            Result first = d.authTest("alice", "secret");
            assertThat(first.logs()).contains("auth: Debug: lua(alice): cache miss");
            Result second = d.authTest("alice", "secret");
            assertThat(second.logs()).contains("auth: Debug: lua(alice): cache hit: <hidden>\tcalls=1");
            assertThat(second.logs()).noneMatch(l -> l.contains("auth-worker"));
        }
    }

    @Test
    void aWrongPasswordAgainstACachedEntryThatLastSucceededAsksThePassdbAgain() throws Exception {
        try (Dovelua d = dovelua("auth_cache_size = 1M\n", "")) {
            d.authTest("alice", "secret");
            // last_success: the password may have changed, so the passdb is asked
            Result wrong = d.authTest("alice", "wrong");
            assertThat(wrong.result()).isEqualTo("password_mismatch");
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("2");
            // the entry saved by the mismatch holds the password; a second mismatch is answered from it
            d.authTest("alice", "wrong");
            Result wrongAgain = d.authTest("alice", "wrong");
            assertThat(wrongAgain.result()).isEqualTo("password_mismatch");
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("3");
        }
    }

    @Test
    void anUnknownUserIsCachedUntilTheNegativeTtl() throws Exception {
        try (Dovelua d = dovelua("auth_cache_size = 1M\nauth_cache_negative_ttl = 10s\n", "")) {
            d.authTest("ghost", "x");
            d.authTest("ghost", "x");
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("2");
            now.addAndGet(11);
            assertThat(d.authTest("ghost", "x").result()).isEqualTo("user_unknown");
            assertThat(d.authTest("bob", "secret").field("calls")).isEqualTo("4");
        }
        try (Dovelua d = dovelua("auth_cache_size = 1M\nauth_cache_negative_ttl = 0\n", "")) {
            d.authTest("ghost", "x");
            d.authTest("ghost", "x");
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("3");
        }
    }

    @Test
    void anEntryExpiresAfterTheTtl() throws Exception {
        try (Dovelua d = dovelua("auth_cache_size = 1M\nauth_cache_ttl = 1 min\n", "")) {
            d.authTest("alice", "secret");
            now.addAndGet(60);
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("1");
            now.addAndGet(1);
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("2");
        }
    }

    @Test
    void flushDropsAllEntriesOrTheUsersGiven() throws Exception {
        try (Dovelua d = dovelua("auth_cache_size = 1M\n", "")) {
            d.authTest("alice", "secret");
            d.authTest("bob", "secret");
            Result some = d.cacheFlush(java.util.List.of("bob"));
            assertThat(some.stdout()).isEqualTo("1 cache entries flushed\n");
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("1");
            assertThat(d.authTest("bob", "secret").field("calls")).isEqualTo("3");
            assertThat(d.cacheFlush(java.util.List.of()).stdout()).isEqualTo("2 cache entries flushed\n");
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("4");
        }
        try (Dovelua d = dovelua("", "")) {
            assertThat(d.cacheFlush(java.util.List.of()).stdout()).isEqualTo("0 cache entries flushed\n");
        }
    }

    @Test
    void userdbLookupsAreCachedUnderTheirOwnKey() throws Exception {
        try (Dovelua d = dovelua("auth_cache_size = 1M\n", "")) {
            assertThat(d.userLookup("alice").stdout()).contains("ucalls\t1");
            assertThat(d.userLookup("alice").stdout()).contains("ucalls\t1");
            assertThat(d.userLookup("ghost").exitCode()).isEqualTo(67);
            d.userLookup("ghost");
            assertThat(d.userLookup("bob").stdout()).contains("ucalls\t3");
            // the passdb's entry is another key ("P1\talice" beside "U1\talice")
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("1");
        }
    }

    @Test
    void theCacheKeyDecidesWhatCountsAsTheSameRequest() throws Exception {
        try (Dovelua d = dovelua("auth_cache_size = 1M\n", " cache_key=%u%r")) {
            d.authTest("alice", "secret", java.util.Map.of("rip", "192.0.2.1"));
            assertThat(d.authTest("alice", "secret", java.util.Map.of("rip", "192.0.2.1")).field("calls")).isEqualTo("1");
            assertThat(d.authTest("alice", "secret", java.util.Map.of("rip", "192.0.2.2")).field("calls")).isEqualTo("2");
        }
    }

    @Test
    void statsAreLoggedOnSigusr2AndStartAgain() throws Exception {
        try (Dovelua d = dovelua("auth_cache_size = 1M\nauth_cache_negative_ttl = 0\n", "")) {
            d.authTest("alice", "secret");
            d.authTest("alice", "secret");
            Result stats = d.cacheStats();
            assertThat(stats.logs()).hasSize(3);
            assertThat(stats.logs().get(0)).isEqualTo("auth: Info: Authentication cache hits 1/2 (50%)");
            assertThat(stats.logs().get(1)).startsWith("auth: Info: Authentication cache inserts: positive: 1 entries ");
            assertThat(d.cacheStats().logs().get(0)).isEqualTo("auth: Info: Authentication cache hits 0/0 (100%)");
        }
    }
}
