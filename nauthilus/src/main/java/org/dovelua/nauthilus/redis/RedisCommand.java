package org.dovelua.nauthilus.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaString;

/** One command's RESP argument array, built in the order go-redis's cmdable methods append them. */
final class RedisCommand {
    private final List<byte[]> args = new ArrayList<>();

    RedisCommand(String name) {
        add(name);
    }

    RedisCommand add(String s) {
        args.add(s.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    RedisCommand add(byte[] b) {
        args.add(b);
        return this;
    }

    RedisCommand add(LuaString s) {
        byte[] b = new byte[s.m_length];
        s.copyInto(0, b, 0, b.length);
        args.add(b);
        return this;
    }

    RedisCommand add(long n) {
        return add(GoRedisArg.integer(n));
    }

    RedisCommand addFloat(double d) {
        return add(GoRedisArg.number(d));
    }

    List<byte[]> args() {
        return args;
    }
}
