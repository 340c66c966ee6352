package org.dovelua.dict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dovelua.dict.Dict.DictLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The redis: dict module against its offline server (jedis-mock seeded from a fixture): the
 * answers and error texts of dict-redis.c@2.3.19 as the differential cases 260-266 recorded them.
 */
class RedisDictTest {
    static final String SEED = """
            passdb/alice: '{"password":"secret"}'
            dv-passdb/alice: prefixed
            passdb/h: {hash: {password: x}}
            passdb/l: {list: [a, b]}
            'a\\-b\\\\c/quota': escaped
            'a\\b/quota': not escaped
            """;

    @TempDir
    Path dir;

    private Path seed(String text) throws IOException {
        return Files.writeString(dir.resolve("seed.yaml"), text);
    }

    private Dict open(TestDictContext ctx, String args) throws DictInitException {
        return DictModules.standard().init("redis:" + args, ctx);
    }

    private TestDictContext offline(String fixtureArgs, String seedText) throws IOException {
        return new TestDictContext().fixture("redis:" + fixtureArgs, seed(seedText));
    }

    private static DictLookup failed(String lastReply) {
        return DictLookup.failed("redis: Communication failure (last reply: " + lastReply + ")");
    }

    @Test
    void foundAndMissingKeysOfTheFixtureAtTheSameHostAndPort() throws Exception {
        TestDictContext ctx = offline("host=127.0.0.1:port=6379", SEED);
        try (Dict d = open(ctx, "host=127.0.0.1:port=6379")) {
            assertThat(d.lookup("shared/passdb/alice", "alice")).isEqualTo(DictLookup.found("{\"password\":\"secret\"}"));
            assertThat(d.lookup("shared/passdb/bob", "bob")).isEqualTo(DictLookup.notFound());
            // the connection is kept: a second lookup on it works
            assertThat(d.lookup("shared/passdb/alice", "alice").ret()).isEqualTo(1);
        }
        assertThat(ctx.log).isEmpty();
        assertThat(ctx.hints).isEmpty();
    }

    @Test
    void defaultsAreHost127001AndPort6379() throws Exception {
        try (Dict d = open(offline("", SEED), "")) {
            assertThat(d.lookup("shared/passdb/alice", "alice").ret()).isEqualTo(1);
        }
        try (Dict d = open(offline("port=6379", SEED), "host=127.0.0.1")) {
            assertThat(d.lookup("shared/passdb/alice", "alice").ret()).isEqualTo(1);
        }
    }

    @Test
    void prefixGoesInFrontOfTheKeyWithoutShared() throws Exception {
        try (Dict d = open(offline("", SEED), "prefix=dv-")) {
            assertThat(d.lookup("shared/passdb/alice", "alice")).isEqualTo(DictLookup.found("prefixed"));
        }
    }

    @Test
    void dbSelectsTheFixturesDatabase() throws Exception {
        String perDb = """
                db:
                  0: {passdb/alice: zero}
                  2: {passdb/alice: two}
                """;
        try (Dict d = open(offline("", perDb), "db=2")) {
            assertThat(d.lookup("shared/passdb/alice", "alice")).isEqualTo(DictLookup.found("two"));
            assertThat(d.lookup("shared/passdb/alice", "alice")).isEqualTo(DictLookup.found("two"));
        }
        try (Dict d = open(offline("", perDb), "db=0")) {
            assertThat(d.lookup("shared/passdb/alice", "alice")).isEqualTo(DictLookup.found("zero"));
        }
    }

    @Test
    void selectOutOfRangeIsTheLastReply() throws Exception {
        // 266-dict-redis-auth-select-errors run 2
        try (Dict d = open(offline("", SEED), "db=99")) {
            assertThat(d.lookup("shared/passdb/alice", "alice")).isEqualTo(failed("-ERR DB index is out of range"));
            assertThat(d.lookup("shared/passdb/alice", "alice")).isEqualTo(failed("-ERR DB index is out of range"));
        }
    }

    @Test
    void privateKeysAreUnderTheUsernameEscapedOnlyWhenItHasASlash() throws Exception {
        try (Dict d = open(offline("", SEED), "")) {
            assertThat(d.lookup("priv/quota", "a/b\\c")).isEqualTo(DictLookup.found("escaped"));
            assertThat(d.lookup("priv/quota", "a\\b")).isEqualTo(DictLookup.found("not escaped"));
        }
    }

    @Test
    void passwordIsSentAsAuthAndItsRefusalIsTheLastReply() throws Exception {
        try (Dict d = open(offline("password=s3cret", SEED), "password=s3cret")) {
            assertThat(d.lookup("shared/passdb/alice", "alice").ret()).isEqualTo(1);
            assertThat(d.lookup("shared/passdb/alice", "alice").ret()).isEqualTo(1);
        }
        try (Dict d = open(offline("password=s3cret", SEED), "password=wrong")) {
            assertThat(d.lookup("shared/passdb/alice", "alice"))
                    .isEqualTo(failed("-WRONGPASS invalid username-password pair or user is disabled."));
        }
        // no AUTH sent: the GET's -NOAUTH is "Unexpected input (wanted $size)", last reply empty
        try (Dict d = open(offline("password=s3cret", SEED), "")) {
            assertThat(d.lookup("shared/passdb/alice", "alice")).isEqualTo(failed(""));
        }
        // 266-dict-redis-auth-select-errors run 1: a server without requirepass
        try (Dict d = open(offline("", SEED), "password=nosuch")) {
            assertThat(d.lookup("shared/passdb/alice", "alice")).isEqualTo(failed("-ERR AUTH <password> called without"
                    + " any password configured for the default user. Are you sure your configuration is correct?"));
        }
    }

    @Test
    void wrongTypeFailsWithAnEmptyLastReplyAndTheNextLookupReconnects() throws Exception {
        // 264-dict-redis-wrongtype
        try (Dict d = open(offline("", SEED), "")) {
            assertThat(d.lookup("shared/passdb/h", "h")).isEqualTo(failed(""));
            assertThat(d.lookup("shared/passdb/l", "l")).isEqualTo(failed(""));
            assertThat(d.lookup("shared/passdb/alice", "alice").ret()).isEqualTo(1);
        }
    }

    @Test
    void withoutFixtureOrNetworkTheServerIsDownAndAHintSaysWhatToGive() throws Exception {
        // 262-dict-redis-down: the connect() line on dict(redis)'s connection event, every lookup
        TestDictContext ctx = new TestDictContext();
        try (Dict d = open(ctx, "host=127.0.0.1:port=6380")) {
            assertThat(d.lookup("shared/passdb/alice", "alice")).isEqualTo(failed(""));
            assertThat(d.lookup("shared/passdb/alice", "alice")).isEqualTo(failed(""));
        }
        assertThat(ctx.log).containsExactly(
                "auth-worker: Error: dict(redis): conn 127.0.0.1:6380: connect() failed: Connection refused",
                "auth-worker: Error: dict(redis): conn 127.0.0.1:6380: connect() failed: Connection refused");
        assertThat(ctx.hints).containsExactly("no redis server for 127.0.0.1:6380: give --dict"
                + " redis:host=127.0.0.1:port=6380=seed.yaml (offline data, docs/dict-redis.md) or --allow-network"
                + " to reach the real server");
    }

    @Test
    void aFixtureForAnotherPortDoesNotAnswer() throws Exception {
        TestDictContext ctx = offline("port=6379", SEED);
        try (Dict d = open(ctx, "port=6380")) {
            assertThat(d.lookup("shared/passdb/alice", "alice")).isEqualTo(failed(""));
        }
        assertThat(ctx.hints).hasSize(1);
    }

    @Test
    void withNetworkAClosedPortIsRefusedByTheKernel() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        TestDictContext ctx = new TestDictContext();
        ctx.network = true;
        try (Dict d = open(ctx, "port=" + port)) {
            assertThat(d.lookup("shared/passdb/alice", "alice")).isEqualTo(failed(""));
        }
        assertThat(ctx.log).containsExactly(
                "auth-worker: Error: dict(redis): conn 127.0.0.1:" + port + ": connect() failed: Connection refused");
        assertThat(ctx.hints).isEmpty();
    }

    @Test
    void iterationIsUnsupported() throws Exception {
        try (Dict d = open(offline("", SEED), "")) {
            assertThat(d.iterate("shared/userdb/", "*"))
                    .isEqualTo(Dict.DictIteration.failed("Unsupported operation (dict does not support this feature)"));
        }
    }

    @Test
    void uriErrorsAreRedisDictInitsTexts() {
        String[][] cases = {
            {"host=localhost", "Invalid IP: localhost"},
            {"host=1.2.3.4x", "Invalid IP: 1.2.3.4x"},
            {"port=0", "Invalid port: 0"},
            {"port=65536", "Invalid port: 65536"},
            {"port=+1", "Invalid port: +1"},
            {"port=", "Invalid port: "},
            {"db=-1", "Invalid db number: -1"},
            {"db=4294967296", "Invalid db number: 4294967296"},
            {"expire_secs=0", "Invalid expire_secs: 0"},
            {"timeout_msecs=1s", "Invalid timeout_msecs: 1s"},
            {"user=x", "Unknown parameter: user=x"},
            {"host=127.0.0.1:", "Unknown parameter: "},
            // the loop goes on after a bad part: the last problem is reported
            {"port=x:db=y", "Invalid db number: y"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> RedisDictUri.parse(c[0])).as(c[0])
                    .isInstanceOf(DictInitException.class).hasMessage(c[1]);
        }
    }

    @Test
    void uriValuesAsRedisDictInitReadsThem() throws Exception {
        RedisDictUri u = RedisDictUri.parse("host=127.1:port=16379:prefix=a=b:db=4294967295:timeout_msecs=0:password=p=q");
        assertThat(u).isEqualTo(new RedisDictUri(null, "127.0.0.1", 16379, "a=b", 4294967295L, null, 0, "p=q"));
        assertThat(RedisDictUri.parse("")).isEqualTo(
                new RedisDictUri(null, "127.0.0.1", 6379, "", 0, null, 30_000, ""));
        assertThat(RedisDictUri.parse("path=/run/redis.sock").unixPath()).isEqualTo("/run/redis.sock");
    }

    @Test
    void hostIsReadAsGlibcInetAtonReadsIt() {
        // expectations from glibc 2.36's inet_aton (python3 socket.inet_aton on Debian 12)
        String[][] ok = {{"127.1", "127.0.0.1"}, {"0x7f.1", "127.0.0.1"}, {"1.2.3.4 junk", "1.2.3.4"},
            {"1.2.65535", "1.2.255.255"}, {"4294967295", "255.255.255.255"}, {"017.0.0.1", "15.0.0.1"},
            {"1.2.3.4\t", "1.2.3.4"}, {"0X1f.0.0.1", "31.0.0.1"}};
        for (String[] c : ok) {
            assertThat(InetAton.parse(c[0])).as(c[0]).isEqualTo(c[1]);
        }
        for (String bad : new String[] {"0x", "0x.1.2.3", "08", "1.2.3.4x", "256.1.1.1", "1.2.3.256", "1.2.65536",
            "4294967296", "1.2.3.4.5", "", ".1", "1..2", " 1.2.3.4", "1.2.3."}) {
            assertThat(InetAton.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void aBadSeedFileIsReportedWithFileAndLine() throws Exception {
        TestDictContext ctx = offline("", "passdb/a: x\npassdb/b: {hash: {}}\n");
        assertThatThrownBy(() -> open(ctx, "")).isInstanceOf(RedisSeedException.class)
                .hasMessage(dir.resolve("seed.yaml") + ":2: redis seed: hash of 'passdb/b' is empty (Redis holds no empty hash)");
    }
}
