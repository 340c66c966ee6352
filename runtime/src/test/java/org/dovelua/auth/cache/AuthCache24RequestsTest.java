package org.dovelua.auth.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.dovelua.api.Dovelua;
import org.dovelua.api.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 2.4 auth cache as a script sees it: the Lua db is cached only when the script defines
 * {@code auth_passdb_get_cache_key()}/{@code auth_userdb_get_cache_key()} (db-lua.c@2.4.1
 * auth_lua_script_get_default_cache_key) and the db's {@code use_cache} is on (auth.c). A global
 * counts the calls; the clock is the test's.
 */
class AuthCache24RequestsTest {
    private static final String LOOKUPS = """
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
              return dovecot.auth.USERDB_RESULT_OK, {uid="1000", gid="1000", ucalls=tostring(ucalls)}
            end
            """;
    private static final String KEYS = """
            function auth_passdb_get_cache_key()
              return "%{user} %{protocol}"
            end
            function auth_userdb_get_cache_key()
              return "%{user}"
            end
            """;

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_000_000);

    private Dovelua dovelua(String settings, String script, String dbSettings) throws Exception {
        Files.writeString(dir.resolve("auth.lua"), script);
        Path conf = Files.writeString(dir.resolve("dovecot.conf"), "dovecot_config_version = 2.4.1\n"
                + "dovecot_storage_version = 2.4.1\n" + settings
                + "passdb lua {\n  lua_file = " + dir + "/auth.lua\n" + dbSettings + "}\n"
                + "userdb lua {\n  lua_file = " + dir + "/auth.lua\n}\n");
        return Dovelua.builder().version("2.4.1").config(conf).mount(dir.toString(), dir).clock(now::get).build();
    }

    @Test
    void theGetCacheKeyFunctionMakesARepeatedRequestAHit() throws Exception {
        try (Dovelua d = dovelua("auth_cache_size = 1M\n", KEYS + LOOKUPS, "")) {
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("1");
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("1");
            assertThat(d.authTest("bob", "secret").field("calls")).isEqualTo("2");
            // %{protocol} is part of the key: another protocol is another entry
            assertThat(d.authTest("alice", "secret", Map.of("protocol", "imap")).field("calls")).isEqualTo("3");
            assertThat(d.userLookup("alice").field("ucalls")).isEqualTo("1");
            assertThat(d.userLookup("alice").field("ucalls")).isEqualTo("1");
        }
    }

    @Test
    void withoutTheFunctionOrWithUseCacheOffNothingIsCached() throws Exception {
        try (Dovelua d = dovelua("auth_cache_size = 1M\n", LOOKUPS, "")) {
            d.authTest("alice", "secret");
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("2");
            assertThat(d.cacheFlush(List.of()).stdout()).isEqualTo("0 cache entries flushed\n");
        }
        try (Dovelua d = dovelua("auth_cache_size = 1M\n", KEYS + LOOKUPS, "  passdb_use_cache = no\n")) {
            d.authTest("alice", "secret");
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("2");
        }
    }

    @Test
    void hitsMissesAndExpiryAreLoggedAs241Does() throws Exception {
        try (Dovelua d = dovelua("auth_cache_size = 1M\nauth_cache_ttl = 2s\nauth_debug = yes\n", KEYS + LOOKUPS,
                "")) {
            assertThat(d.authTest("alice", "secret").logs()).contains("auth(alice,sasl:plain): Debug: lua: cache miss");
            Result hit = d.authTest("alice", "secret");
            assertThat(hit.logs()).contains("auth(alice,sasl:plain): Debug: lua: cache hit: <hidden>\tcalls=1");
            now.addAndGet(3);
            Result expired = d.authTest("alice", "secret");
            assertThat(expired.logs()).contains("auth(alice,sasl:plain): Debug: lua: cache expired");
            assertThat(expired.field("calls")).isEqualTo("2");
            d.userLookup("alice");
            // the fields come in the Lua table's order, which real Lua 5.4 seeds per state
            assertThat(d.userLookup("alice").logs()).anySatisfy(l -> assertThat(l)
                    .startsWith("auth(alice): Debug: lua: userdb cache hit: ")
                    .contains("gid=1000", "uid=1000", "ucalls=1"));
        }
    }

    @Test
    void unknownUsersAreNegativeEntriesAndFlushEmptiesTheCache() throws Exception {
        try (Dovelua d = dovelua("auth_cache_size = 1M\n", KEYS + LOOKUPS, "")) {
            assertThat(d.authTest("ghost", "x").result()).isEqualTo("user_unknown");
            assertThat(d.authTest("ghost", "x").result()).isEqualTo("user_unknown");
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("2");
            assertThat(d.cacheFlush(List.of()).stdout()).isEqualTo("2 cache entries flushed\n");
            assertThat(d.authTest("alice", "secret").field("calls")).isEqualTo("3");
        }
    }
}
