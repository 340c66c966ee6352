package org.dovelua.nauthilus.redis;

import com.github.fppt.jedismock.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The isolated in-memory Redis a test run gets, where Nauthilus's test mode starts miniredis
 * (server/testing/luatest/redis_miniredis.go {@code newRedisRuntime}): a jedis-mock server on a
 * loopback port with one Jedis connection, commands sent as raw RESP arrays as go-redis writes them.
 */
final class RedisBackend implements AutoCloseable, RedisConnection {
    private final RedisServer server;
    private final Jedis jedis;

    RedisBackend(Clock clock) {
        try {
            RedisServer s = RedisServer.newRedisServer(0, InetAddress.getLoopbackAddress());
            if (clock != null) {
                s.setClock(clock);
            }
            s.start();
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException("failed to start the in-process redis server", e);
        }
        jedis = new Jedis(new HostAndPort(server.getHost(), server.getBindPort()),
                DefaultJedisClientConfig.builder().clientSetInfoConfig(ClientSetInfoConfig.DISABLED).build());
    }

    /** Sends one command; the reply or the server's error line. */
    RedisReply send(List<byte[]> command) {
        RedisReply early = JedisMockGaps.before(command);
        if (early != null) {
            return early;
        }
        if (isSetWithGet(command)) {
            return JedisMockGaps.after(command, setWithGet(command));
        }
        return JedisMockGaps.after(command, sendRaw(command));
    }

    private RedisReply sendRaw(List<byte[]> command) {
        byte[] name = command.get(0);
        byte[][] rest = command.subList(1, command.size()).toArray(new byte[0][]);
        try {
            return RedisReply.of(jedis.sendCommand(() -> name, rest));
        } catch (JedisDataException e) {
            return RedisReply.error(e.getMessage());
        }
    }

    /**
     * jedis-mock 1.1.11's SET ignores the GET option (Redis 6.2+: reply with the old value, or nil;
     * WRONGTYPE if the old value is not a string, and then nothing is set), so it is done here as
     * GET then SET without the flag; the old value is the reply whether or not NX/XX let SET happen.
     */
    private RedisReply setWithGet(List<byte[]> command) {
        RedisReply old = sendRaw(List.of(bytes("get"), command.get(1)));
        if (old.error() != null && !old.isNil()) {
            return old;
        }
        List<byte[]> set = new java.util.ArrayList<>();
        for (int i = 0; i < command.size(); i++) {
            if (i < 3 || !new String(command.get(i), StandardCharsets.UTF_8).equalsIgnoreCase("get")) {
                set.add(command.get(i));
            }
        }
        RedisReply r = sendRaw(set);
        if (r.error() != null && !r.isNil()) {
            return r;
        }
        return old;
    }

    private static boolean isSetWithGet(List<byte[]> command) {
        if (command.size() < 4 || !new String(command.get(0), StandardCharsets.UTF_8).equalsIgnoreCase("set")) {
            return false;
        }
        for (int i = 3; i < command.size(); i++) {
            if (new String(command.get(i), StandardCharsets.UTF_8).equalsIgnoreCase("get")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public RedisReply send(RedisCommand command) {
        return send(command.args());
    }

    /** A second client on the same server, for reading state after a run. */
    Jedis newClient() {
        return new Jedis(new HostAndPort(server.getHost(), server.getBindPort()),
                DefaultJedisClientConfig.builder().clientSetInfoConfig(ClientSetInfoConfig.DISABLED).build());
    }

    @Override
    public void close() {
        jedis.close();
        try {
            server.stop();
        } catch (IOException e) {
            // stopping our own loopback listener: nothing to report
        }
    }
}
