package org.dovelua.dict;

import com.github.fppt.jedismock.RedisServer;
import com.github.fppt.jedismock.server.ServiceOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The in-process Redis server (jedis-mock) an offline {@code redis:} fixture is served from: it
 * listens on a loopback port and is seeded from the fixture's data ({@link RedisSeed}) when first
 * reached, so lookups run through the same Jedis code as against a real server.
 */
final class OfflineRedis implements AutoCloseable {
    private final RedisSeed seed;
    private final String requirepass;
    private RedisServer server;

    /** {@code requirepass}: the fixture URI's {@code password=}, "" for a server without one. */
    OfflineRedis(RedisSeed seed, String requirepass) {
        this.seed = seed;
        this.requirepass = requirepass;
    }

    /** Where the server listens, starting and seeding it on first use. */
    synchronized HostAndPort address() {
        if (server == null) {
            try {
                RedisServer s = RedisServer.newRedisServer(0, InetAddress.getLoopbackAddress())
                        .setOptions(ServiceOptions.withInterceptor(new RedisServerRules(requirepass)));
                s.start();
                try (Jedis j = new Jedis(new HostAndPort(s.getHost(), s.getBindPort()),
                        DefaultJedisClientConfig.builder()
                                .password(requirepass.isEmpty() ? null : requirepass)
                                .clientSetInfoConfig(redis.clients.jedis.ClientSetInfoConfig.DISABLED).build())) {
                    seed.applyTo(j);
                }
                server = s;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the offline redis server", e);
            }
        }
        return new HostAndPort(server.getHost(), server.getBindPort());
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                // stopping a loopback listener of our own: nothing to report
            }
            server = null;
        }
    }
}
