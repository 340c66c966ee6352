package org.dovelua.dict;

import org.dovelua.lua.dovecot.DovecotEvent;

/**
 * The event a {@code redis:} dict's connection logs on: dict.c's {@code dict(redis): } under the
 * opener's event, then the connection's own prefix (lib/connection.c connection_update_event(),
 * {@code conn HOST:PORT: }, which replaces the {@code redis: } dict-redis.c appended at init
 * when connect() sets the local address).
 */
final class RedisLog {
    private RedisLog() {
    }

    static DovecotEvent connectionEvent(DictContext ctx, RedisDictUri uri) {
        return ctx.event().child().appendLogPrefix("dict(redis): ").child()
                .appendLogPrefix("conn " + uri.peer() + ": ");
    }
}
