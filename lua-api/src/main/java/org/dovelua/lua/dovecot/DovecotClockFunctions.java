package org.dovelua.lua.dovecot;

import java.time.Clock;
import java.time.Instant;
import org.dovelua.lua.LuaArgs;
import org.dovelua.lua.lua54.vm.Lua54Arith;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * 2.4's {@code dovecot.gettimeofday()}, {@code nanoseconds()} and {@code microseconds()}
 * (dlua-dovecot.c, commit b9e9139ba1): the wall clock as {@code {tv_sec, tv_usec}} and as integer
 * nanoseconds and microseconds since the epoch ({@code i_nanoseconds()}, CLOCK_REALTIME;
 * {@code i_microseconds()} its thousandth). They take no argument check, so extra arguments are
 * ignored.
 */
public final class DovecotClockFunctions {
    private final Clock clock;

    public DovecotClockFunctions(Clock clock) {
        this.clock = clock;
    }

    /** Adds the three functions to the {@code dovecot} metatable. */
    public void register(LuaTable meta) {
        meta.set("gettimeofday", LuaArgs.fn("gettimeofday", a -> gettimeofday()));
        meta.set("nanoseconds", LuaArgs.fn("nanoseconds", a -> Lua54Arith.integer(nanoseconds())));
        meta.set("microseconds", LuaArgs.fn("microseconds", a -> Lua54Arith.integer(nanoseconds() / 1000)));
    }

    /** {@code dlua_gettimeofday}: a new table with integer {@code tv_sec} and {@code tv_usec}. */
    LuaValue gettimeofday() {
        Instant now = clock.instant();
        LuaTable tv = new LuaTable();
        tv.set("tv_sec", Lua54Arith.integer(now.getEpochSecond()));
        tv.set("tv_usec", Lua54Arith.integer(now.getNano() / 1000));
        return tv;
    }

    /** {@code i_nanoseconds()}: {@code tv_sec * 1000000000 + tv_nsec}. */
    long nanoseconds() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
