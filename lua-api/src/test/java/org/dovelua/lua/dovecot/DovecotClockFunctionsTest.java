package org.dovelua.lua.dovecot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaValue;

/** dlua_gettimeofday, dlua_nanoseconds, dlua_microseconds on a fixed clock. */
class DovecotClockFunctionsTest {
    private final DovecotClockFunctions f = new DovecotClockFunctions(
            Clock.fixed(Instant.ofEpochSecond(1_765_000_000L, 123_456_789L), ZoneOffset.UTC));

    @Test
    void gettimeofdayIsSecondsAndMicroseconds() {
        LuaValue tv = f.gettimeofday();
        assertThat(tv.get("tv_sec").tolong()).isEqualTo(1_765_000_000L);
        assertThat(tv.get("tv_usec").tolong()).isEqualTo(123_456L);
        assertThat(tv.get("tv_sec").isinttype()).isTrue();
    }

    @Test
    void nanosecondsAndMicrosecondsSinceTheEpoch() {
        org.luaj.vm2.LuaTable meta = new org.luaj.vm2.LuaTable();
        f.register(meta);
        assertThat(meta.get("nanoseconds").call().tolong()).isEqualTo(1_765_000_000_123_456_789L);
        assertThat(meta.get("microseconds").call().tolong()).isEqualTo(1_765_000_000_123_456L);
        // extra arguments are not checked
        assertThat(meta.get("microseconds").call(LuaValue.valueOf("x")).tolong()).isEqualTo(1_765_000_000_123_456L);
    }
}
