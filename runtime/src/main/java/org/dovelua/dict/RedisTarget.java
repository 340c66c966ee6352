package org.dovelua.dict;

import java.util.function.Consumer;
import redis.clients.jedis.HostAndPort;

/**
 * Which server a {@code redis:} dict reaches: the in-process one of a fixture given for the same
 * host and port ({@code --dict redis:host=H:port=P=FILE}), the real one when the run allows the
 * network, or none (a refused connection, with a hint on what to give).
 */
abstract class RedisTarget implements AutoCloseable {
    /** The address to connect to, or null when nothing may be reached. */
    abstract HostAndPort address();

    /** Says why nothing was reached (once per dict). */
    void explainRefusal() {
    }

    @Override
    public void close() {
    }

    static RedisTarget choose(RedisDictUri uri, DictContext ctx) throws DictInitException {
        if (uri.unixPath() == null) {
            for (DictFixtures.Fixture f : ctx.fixtures().of("redis")) {
                RedisDictUri served;
                try {
                    served = RedisDictUri.parse(f.args());
                } catch (DictInitException e) {
                    throw new RedisSeedException("--dict redis:" + f.args() + ": " + e.getMessage());
                }
                if (served.unixPath() == null && served.host().equals(uri.host()) && served.port() == uri.port()) {
                    OfflineRedis server = new OfflineRedis(RedisSeed.read(f.data()), served.password());
                    return new RedisTarget() {
                        @Override
                        HostAndPort address() {
                            return server.address();
                        }

                        @Override
                        public void close() {
                            server.close();
                        }
                    };
                }
            }
        }
        if (ctx.allowNetwork() && uri.unixPath() == null) {
            HostAndPort at = new HostAndPort(uri.host(), uri.port());
            return new RedisTarget() {
                @Override
                HostAndPort address() {
                    return at;
                }
            };
        }
        return refused(uri, ctx::hint);
    }

    private static RedisTarget refused(RedisDictUri uri, Consumer<String> hints) {
        return new RedisTarget() {
            private boolean told;

            @Override
            HostAndPort address() {
                return null;
            }

            @Override
            void explainRefusal() {
                if (!told) {
                    told = true;
                    hints.accept(uri.unixPath() != null
                            ? "redis:path=" + uri.unixPath() + " is not emulated: dovelua serves offline redis"
                                    + " dictionaries by host and port only"
                            : "no redis server for " + uri.peer() + ": give --dict redis:host=" + uri.host()
                                    + ":port=" + uri.port() + "=seed.yaml (offline data, docs/dict-redis.md)"
                                    + " or --allow-network to reach the real server");
                }
            }
        };
    }
}
