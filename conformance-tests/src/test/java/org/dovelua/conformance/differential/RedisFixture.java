package org.dovelua.conformance.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dovelua.dict.RedisSeed;
import org.dovelua.testkit.RealRedisServer;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A case's {@code redis:} entry: the seed data (docs/dict-redis.md's format) of the Redis server a
 * {@code redis:} dict in the case's config talks to. The real side gets a real
 * {@code redis-server} on a free loopback port, seeded; dovelua gets the same data as an offline
 * dictionary ({@code --dict redis:host=127.0.0.1:port=PORT=FILE}). {@code %REDIS_PORT%} in the
 * config, files and script is that port, {@code %REDIS_CLOSED%} a loopback port nothing listens on.
 * The real server's MONITOR output (what Dovecot sent, after seeding) is left in the case directory
 * as {@code redis-monitor.txt}.
 */
final class RedisFixture implements AutoCloseable {
    private static final String END = "end-of-case";

    private final RealRedisServer server;
    private RealRedisServer.Monitor monitor;
    private final Path seed;
    private final int port;
    private final int closed;

    RedisFixture(Path dir, JsonNode spec, boolean real) throws IOException, InterruptedException {
        if (spec.isMissingNode() || spec.isNull()) {
            server = null;
            seed = null;
            port = 0;
            closed = 0;
            return;
        }
        seed = dir.resolve("redis-seed.yaml");
        Files.writeString(seed, CaseFiles.YAML.writeValueAsString(spec));
        RedisSeed data = RedisSeed.read(seed);
        if (real) {
            server = RealRedisServer.start();
            port = server.port();
            try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder().build())) {
                data.applyTo(j);
            }
            monitor = server.monitor(null);
        } else {
            server = null;
            port = RealRedisServer.freePort();
        }
        int c = RealRedisServer.freePort();
        closed = c == port ? RealRedisServer.freePort() : c;
    }

    boolean active() {
        return seed != null;
    }

    String apply(String text) {
        if (!active()) {
            return text;
        }
        return text.replace("%REDIS_PORT%", String.valueOf(port)).replace("%REDIS_CLOSED%", String.valueOf(closed));
    }

    /** dovelua's options for the offline server: the data answers for 127.0.0.1 and the case's port. */
    List<String> doveluaArgs() {
        return active() ? List.of("--dict", "redis:host=127.0.0.1:port=" + port + "=" + seed) : List.of();
    }

    @Override
    public void close() {
        if (server == null) {
            return;
        }
        try (RealRedisServer s = server; RealRedisServer.Monitor m = monitor;
                Jedis j = new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder().build())) {
            j.echo(END);
            List<String> seen = m.commandsUntil(END);
            Files.write(seed.resolveSibling("redis-monitor.txt"), seen.subList(0, seen.size() - 1));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("redis MONITOR of " + seed.getParent(), e);
        }
    }
}
