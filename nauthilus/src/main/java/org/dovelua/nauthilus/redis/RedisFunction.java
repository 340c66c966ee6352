package org.dovelua.nauthilus.redis;

import org.dovelua.nauthilus.GopherArgs;
import org.luaj.vm2.Varargs;

/** One Go-written function of the module (an {@code lua.LGFunction} of server/lualib/redislib). */
@FunctionalInterface
interface RedisFunction {
    Varargs call(GopherArgs args);
}
