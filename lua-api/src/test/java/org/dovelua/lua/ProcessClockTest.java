package org.dovelua.lua;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.LogSink;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaValue;

/** An auth process's wall clock follows its time(NULL) supplier, and os.time/os.date read it. */
class ProcessClockTest {
    @Test
    void wholeSecondsAreTheSuppliersAndMoveWithIt() {
        AtomicLong offset = new AtomicLong(3600);
        ProcessClock clock = ProcessClock.of(() -> System.currentTimeMillis() / 1000 + offset.get());
        long real = Instant.now().getEpochSecond();
        long seen = clock.instant().getEpochSecond();
        assertThat(seen - real).isBetween(3600L, 3601L);
        offset.addAndGet(25); // a case's sleep: 25, without sleeping
        assertThat(clock.instant().getEpochSecond() - Instant.now().getEpochSecond()).isBetween(3624L, 3625L);
    }

    @Test
    void aFixedSupplierGivesItsSecond() {
        ProcessClock clock = ProcessClock.of(() -> 1_765_000_000L);
        assertThat(clock.instant().getEpochSecond()).isEqualTo(1_765_000_000L);
        assertThat(clock.millis() / 1000).isEqualTo(1_765_000_000L);
    }

    @Test
    void osTimeAndOsDateReadTheStatesClock() throws Exception {
        AtomicLong now = new AtomicLong(1_765_000_000L); // 2025-12-06T05:46:40Z
        ScriptOptions options = new ScriptOptions().clock(ProcessClock.of(now::get));
        try (LuaScript s = LuaScript.load("t.lua", String.join("\n",
                "function t() return os.time() end",
                "function d() return os.date('!%Y-%m-%d %H:%M:%S') end",
                "function given() return os.date('!%Y', 0) end",
                "function c() return math.type(os.clock()) end").getBytes(StandardCharsets.UTF_8),
                DovecotEvent.root("auth", LogSink.NONE, false), options)) {
            s.runBody();
            assertThat(s.call("t", LuaValue.NONE, 1).arg1().tolong()).isEqualTo(1_765_000_000L);
            assertThat(s.call("d", LuaValue.NONE, 1).arg1().tojstring()).isEqualTo("2025-12-06 05:46:40");
            now.addAndGet(86_400);
            assertThat(s.call("t", LuaValue.NONE, 1).arg1().tolong()).isEqualTo(1_765_086_400L);
            assertThat(s.call("d", LuaValue.NONE, 1).arg1().tojstring()).isEqualTo("2025-12-07 05:46:40");
            // an explicit time is that time; os.clock stays the CPU's
            assertThat(s.call("given", LuaValue.NONE, 1).arg1().tojstring()).isEqualTo("1970");
            assertThat(s.call("c", LuaValue.NONE, 1).arg1().tojstring()).isEqualTo("float");
        }
    }
}
