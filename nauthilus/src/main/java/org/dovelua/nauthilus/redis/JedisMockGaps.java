package org.dovelua.nauthilus.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Where jedis-mock 1.1.11 answers differently from the miniredis Nauthilus's test mode runs on: its
 * error lines are put back to miniredis's texts (vendor/github.com/alicebob/miniredis/v2/redis.go
 * {@code msgWrongType}, {@code msgInvalidFloat}, {@code msgInvalidMinMax}) and the arity check it
 * skips for ZADD is made here ({@code errWrongNumber}).
 */
final class JedisMockGaps {
    static final String WRONG_TYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String INVALID_FLOAT = "ERR value is not a valid float";
    static final String INVALID_MIN_MAX = "ERR min or max is not a float";

    private JedisMockGaps() {
    }

    /** An answer given before sending, or null to send. */
    static RedisReply before(List<byte[]> command) {
        String name = name(command);
        if (name.equals("zadd") && command.size() < 4) {
            return RedisReply.error("ERR wrong number of arguments for 'zadd' command");
        }
        return null;
    }

    static RedisReply after(List<byte[]> command, RedisReply reply) {
        String err = reply.error();
        if (err == null || reply.isNil()) {
            return reply;
        }
        if (err.startsWith("WRONGTYPE ")) {
            return RedisReply.error(WRONG_TYPE);
        }
        if (err.startsWith("ERR bit offset is not a double")) {
            return RedisReply.error(INVALID_FLOAT);
        }
        if (err.equals("*ERR*not*float*")) {
            return RedisReply.error(INVALID_MIN_MAX);
        }
        return reply;
    }

    private static String name(List<byte[]> command) {
        return new String(command.get(0), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }
}
