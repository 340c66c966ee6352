package org.dovelua.lua;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.LongSupplier;

/**
 * The wall clock of an emulated auth process: the system clock moved to the seconds its
 * {@code time(NULL)} supplier gives. A session (or a test) that moves that supplier forward, as a
 * case's {@code sleep:} does without sleeping, moves everything a script can read the time from
 * with it ({@code os.time}, {@code os.date}, 2.4's {@code dovecot.gettimeofday}, var-expand's
 * {@code %{time:...}}), as the time that passed on the real server moves them there. The
 * sub-second part stays the system clock's.
 */
public final class ProcessClock extends Clock {
    private final LongSupplier seconds;
    private final ZoneId zone;

    private ProcessClock(LongSupplier seconds, ZoneId zone) {
        this.seconds = seconds;
        this.zone = zone;
    }

    /** The clock whose whole seconds are {@code seconds}' (epoch seconds), in the host's time zone. */
    public static ProcessClock of(LongSupplier seconds) {
        return new ProcessClock(seconds, ZoneId.systemDefault());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new ProcessClock(seconds, z);
    }

    @Override
    public Instant instant() {
        // the supplier's offset from the system clock, read within one system second so that a
        // second boundary between the two reads cannot shift the answer by a second
        for (int i = 0; ; i++) {
            Instant before = Instant.now();
            long s = seconds.getAsLong();
            Instant after = Instant.now();
            if (before.getEpochSecond() == after.getEpochSecond() || i == 3) {
                return after.plusSeconds(s - before.getEpochSecond());
            }
        }
    }
}
