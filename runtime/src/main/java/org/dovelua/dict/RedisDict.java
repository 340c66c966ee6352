package org.dovelua.dict;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.lua.dovecot.DovecotEvent;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The {@code redis:} dict module, {@code dict_driver_redis} of dict-redis.c@2.3.19, for lookups:
 * one connection per dict, made on the first lookup and kept; on a fresh connection AUTH (when
 * {@code password=} is set), once per connection SELECT (when {@code db=} is not 0), then GET,
 * sent together and read in order as redis_conn_input_more() does. Any failure disconnects and
 * reads {@code redis: Communication failure (last reply: X)}, where X is the rejected AUTH or
 * SELECT line and is empty otherwise (a GET error reply is "Unexpected input (wanted $size)",
 * which leaves last_reply as redis_dict_lookup() emptied it). The driver has no iterate, so
 * dict.c hands out dict-fail.c's iterator.
 */
public final class RedisDict implements Dict {
    /** dict-fail.c's text, which dict_iterate_init() gives a driver without iterate_init. */
    static final String UNSUPPORTED = "Unsupported operation (dict does not support this feature)";

    private final RedisDictUri uri;
    private final RedisTarget target;
    private final DovecotEvent event;
    private Connection conn;
    private boolean dbIdSet;

    RedisDict(RedisDictUri uri, RedisTarget target, DovecotEvent event) {
        this.uri = uri;
        this.target = target;
        this.event = event;
    }

    /** The driver dict.c's registry holds: parses the URI and picks the server (offline, network or none). */
    public static DictDriver driver() {
        return (args, ctx) -> {
            RedisDictUri uri = RedisDictUri.parse(args);
            return new RedisDict(uri, RedisTarget.choose(uri, ctx), RedisLog.connectionEvent(ctx, uri));
        };
    }

    private enum Expect { AUTH, SELECT }

    @Override
    public synchronized DictLookup lookup(String key, String username) {
        String full = RedisKeys.fullKey(uri.prefix(), username, key);
        List<Expect> expects = new ArrayList<>();
        try {
            if (conn == null) {
                HostAndPort at = target.address();
                if (at == null) {
                    // nothing listens: what connect() to a closed loopback port gives
                    event.error("connect() failed: Connection refused");
                    target.explainRefusal();
                    return fail("");
                }
                conn = connect(at);
                if (conn == null) {
                    return fail("");
                }
                // redis_dict_lookup(): AUTH right after the connection is made
                if (!uri.password().isEmpty()) {
                    conn.sendCommand(Protocol.Command.AUTH, uri.password());
                    expects.add(Expect.AUTH);
                }
            }
            // redis_dict_select_db(): once per connection, not for db 0
            if (!dbIdSet) {
                dbIdSet = true;
                if (uri.db() != 0) {
                    conn.sendCommand(Protocol.Command.SELECT, Long.toString(uri.db()));
                    expects.add(Expect.SELECT);
                }
            }
            conn.sendCommand(Protocol.Command.GET, full);
            for (Expect e : expects) {
                // REDIS_INPUT_STATE_AUTH / _SELECT: a line not starting with '+' becomes last_reply
                try {
                    Object reply = conn.getOne();
                    if (!(reply instanceof byte[])) {
                        return fail(render(reply));
                    }
                } catch (JedisDataException err) {
                    return fail("-" + err.getMessage());
                }
            }
            Object value;
            try {
                value = conn.getOne();
            } catch (JedisDataException err) {
                return fail(""); // "Unexpected input (wanted $size)": last_reply stays empty
            }
            if (value == null) {
                return DictLookup.notFound(); // $-1
            }
            if (value instanceof byte[] b) {
                return DictLookup.found(new String(b, StandardCharsets.UTF_8));
            }
            return fail("");
        } catch (JedisConnectionException e) {
            return fail(""); // closed, reset or timed out: nothing was read into last_reply
        }
    }

    /** connection_client_connect() + redis_conn_connected(): null after logging why not. */
    private Connection connect(HostAndPort at) {
        int timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, uri.timeoutMsecs()));
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeout).socketTimeoutMillis(timeout)
                // Jedis would send CLIENT SETINFO; Dovecot sends nothing but AUTH/SELECT/GET
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED).build();
        try {
            Connection c = new Connection(at, config);
            dbIdSet = false;
            return c;
        } catch (JedisConnectionException e) {
            java.io.IOException cause = socketError(e);
            if (cause instanceof SocketTimeoutException) {
                return null; // the lookup timeout fired first: no log line (redis_dict_lookup_timeout)
            }
            // redis_conn_connected(): "connect() failed: %m"
            event.error("connect() failed: " + (cause == null || cause instanceof ConnectException
                    ? "Connection refused" : cause.getMessage()));
            return null;
        }
    }

    /** The socket's own error under Jedis's wrapping (causes and suppressed exceptions). */
    private static java.io.IOException socketError(Throwable t) {
        if (t == null) {
            return null;
        }
        if (t instanceof java.io.IOException io) {
            return io;
        }
        java.io.IOException found = socketError(t.getCause());
        for (Throwable s : t.getSuppressed()) {
            if (found == null) {
                found = socketError(s);
            }
        }
        return found;
    }

    /** The failed lookup: disconnects (redis_disconnected) since the connection's state is unknown. */
    private DictLookup fail(String lastReply) {
        dropConnection();
        return DictLookup.failed("redis: Communication failure (last reply: " + lastReply + ")");
    }

    private static String render(Object reply) {
        if (reply instanceof Long n) {
            return ":" + n;
        }
        return reply == null ? "$-1" : String.valueOf(reply);
    }

    private void dropConnection() {
        if (conn != null) {
            try {
                conn.close();
            } catch (RuntimeException e) {
                // already broken
            }
        }
        conn = null;
        dbIdSet = false;
    }

    @Override
    public DictIteration iterate(String path, String username) {
        return DictIteration.failed(UNSUPPORTED);
    }

    @Override
    public synchronized void close() {
        dropConnection();
        target.close();
    }
}
