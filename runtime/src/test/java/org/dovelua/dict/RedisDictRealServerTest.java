package org.dovelua.dict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.dict.Dict.DictLookup;
import org.dovelua.testkit.RealRedisServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The redis: dict against a real redis-server (Debian 12's 7.0, what the differential cases ran
 * with): the same answers as against its offline server, and on the wire the commands
 * dict-redis.c@2.3.19 sends (AUTH, SELECT once per connection, GET; nothing of Jedis's own).
 */
class RedisDictRealServerTest {
    static final String PER_DB = """
            db:
              0:
                passdb/alice: '{"password":"secret"}'
                dv-passdb/alice: prefixed
                passdb/h: {hash: {password: x}}
                passdb/l: {list: [a, b]}
                passdb/s: {set: [a]}
                'a\\-b\\\\c/quota': escaped
                'a\\b/quota': not escaped
              2:
                passdb/alice: two
            """;

    /** URI arguments (after host/port) and lookups (key, username) asked on both servers. */
    static final String[][] LOOKUPS = {
        {"", "shared/passdb/alice", "alice"},
        {"", "shared/passdb/bob", "bob"},
        {"prefix=dv-", "shared/passdb/alice", "alice"},
        {"db=2", "shared/passdb/alice", "alice"},
        {"db=99", "shared/passdb/alice", "alice"},
        {"", "priv/quota", "a/b\\c"},
        {"", "priv/quota", "a\\b"},
        {"", "shared/passdb/h", "h"},
        {"", "shared/passdb/l", "l"},
        {"", "shared/passdb/s", "s"},
        {"password=nosuch", "shared/passdb/alice", "alice"},
    };

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRedisServer() {
        assumeTrue(RealRedisServer.binary().isPresent(), "redis-server is not installed: real-server comparison skipped");
    }

    private static void seed(RealRedisServer s, String password) throws Exception {
        try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", s.port()),
                DefaultJedisClientConfig.builder().password(password).build())) {
            RedisSeed.parse("seed", new StringReader(PER_DB)).applyTo(j);
        }
    }

    private List<DictLookup> ask(TestDictContext ctx, int port, String[][] lookups, String extra) throws Exception {
        List<DictLookup> got = new ArrayList<>();
        for (String[] l : lookups) {
            String args = "host=127.0.0.1:port=" + port + (l[0].isEmpty() ? "" : ":" + l[0]) + extra;
            try (Dict d = DictModules.standard().init("redis:" + args, ctx)) {
                got.add(d.lookup(l[1], l[2]));
            }
        }
        return got;
    }

    private TestDictContext offline(int port, String password) throws IOException {
        Path f = Files.writeString(dir.resolve("seed.yaml"), PER_DB);
        return new TestDictContext().fixture("redis:port=" + port + (password == null ? "" : ":password=" + password), f);
    }

    @Test
    void realServerAnswersAsTheOfflineOne() throws Exception {
        try (RealRedisServer s = RealRedisServer.start()) {
            seed(s, null);
            TestDictContext real = new TestDictContext();
            real.network = true;
            List<DictLookup> fromReal = ask(real, s.port(), LOOKUPS, "");
            List<DictLookup> fromMock = ask(offline(s.port(), null), s.port(), LOOKUPS, "");
            assertThat(fromMock).isEqualTo(fromReal);
            // and what they agree on is what the cases recorded
            assertThat(fromReal.get(0)).isEqualTo(DictLookup.found("{\"password\":\"secret\"}"));
            assertThat(fromReal.get(4).error()).isEqualTo("redis: Communication failure (last reply: -ERR DB index is out of range)");
            assertThat(fromReal.get(7).error()).isEqualTo("redis: Communication failure (last reply: )");
            assertThat(real.log).isEmpty();
        }
    }

    @Test
    void requirepassServerAnswersAsTheOfflineOne() throws Exception {
        String[][] lookups = {
            {"password=s3cret", "shared/passdb/alice", "alice"},
            {"password=wrong", "shared/passdb/alice", "alice"},
            {"", "shared/passdb/alice", "alice"},
            {"password=s3cret:db=2", "shared/passdb/alice", "alice"},
        };
        try (RealRedisServer s = RealRedisServer.start("--requirepass", "s3cret")) {
            seed(s, "s3cret");
            TestDictContext real = new TestDictContext();
            real.network = true;
            List<DictLookup> fromReal = ask(real, s.port(), lookups, "");
            assertThat(ask(offline(s.port(), "s3cret"), s.port(), lookups, "")).isEqualTo(fromReal);
            assertThat(fromReal).extracting(DictLookup::ret).containsExactly(1, -1, -1, 1);
        }
    }

    @Test
    void onTheWireDoveluaSendsWhatDovecotSends() throws Exception {
        try (RealRedisServer s = RealRedisServer.start("--requirepass", "s3cret")) {
            seed(s, "s3cret");
            TestDictContext ctx = new TestDictContext();
            ctx.network = true;
            try (RealRedisServer.Monitor mon = s.monitor("s3cret");
                    Dict d = DictModules.standard().init("redis:port=" + s.port() + ":password=s3cret:db=2:prefix=p/", ctx)) {
                d.lookup("shared/passdb/alice", "alice");
                d.lookup("shared/x", "alice");
                d.lookup("priv/q", "u/1");
                try (Jedis end = new Jedis(new HostAndPort("127.0.0.1", s.port()),
                        DefaultJedisClientConfig.builder().password("s3cret").build())) {
                    end.echo("end-of-test");
                }
                // dict-redis.c: AUTH on the new connection, SELECT once, then one GET per lookup;
                // Redis 7's MONITOR shows AUTH redacted as "(redacted)"... or not at all
                List<String> seen = mon.commandsUntil("end-of-test").stream()
                        .filter(c -> !c.contains("end-of-test") && !c.startsWith("\"AUTH\"")).toList();
                assertThat(seen).containsExactly("\"SELECT\" \"2\"", "\"GET\" \"p/passdb/alice\"", "\"GET\" \"p/x\"",
                        "\"GET\" \"p/u\\\\-1/q\"");
            }
        }
    }
}
