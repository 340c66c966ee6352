package org.dovelua.nauthilus.redis;

/** What a handle argument stands for (redislib/manager.go {@code getConn}): a client to send to. */
interface RedisConnection {
    RedisReply send(RedisCommand command);
}
