package org.dovelua.lib;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** glibc strftime in the C locale; the fixed answers are glibc 2.36 strftime() on gmtime_r() (GNU date -u prints %Z as UTC, gmtime_r sets GMT). */
class StrftimeTest {
    private static ZonedDateTime at(long sec) {
        return Instant.ofEpochSecond(sec).atZone(ZoneOffset.UTC);
    }

    @Test
    void conversionsAsGnuDatePrintsThem() {
        // date -u -d @1749379200 '+%a %A %b %B %C %d %D %e %F %g %G %H %I %j %k %l %m %M %p %P %r %R %s %S %T %u %U %V %w %W %x %X %y %Y %z %Z %%'
        assertThat(Strftime.format("%a %A %b %B %C %d %D %e %F %g %G %H %I %j %k %l %m %M %p %P %r %R %s %S %T %u %U %V"
                + " %w %W %x %X %y %Y %z %Z %%", at(1749379200L)))
                .isEqualTo("Sun Sunday Jun June 20 08 06/08/25  8 2025-06-08 25 2025 10 10 159 10 10 06 40 AM am"
                        + " 10:40:00 AM 10:40 1749379200 00 10:40:00 7 23 23 0 22 06/08/25 10:40:00 25 2025 +0000 GMT %");
        assertThat(Strftime.format("%c", at(0))).isEqualTo("Thu Jan  1 00:00:00 1970");
        assertThat(Strftime.format("%-d|%_m|%05Y|%^a|%#p|%Q|%", at(1749379200L))).isEqualTo("8| 6|02025|SUN|am|%Q|%");
        assertThat(Strftime.format("", at(1))).isEmpty();
    }

    /** The numeric fields agree with java.time's for any instant (seeded). */
    @Test
    void numericFieldsAgreeWithJavaTime() {
        Random r = new Random(2026L);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss DDD", Locale.ROOT);
        for (int i = 0; i < 1000; i++) {
            ZonedDateTime t = at(r.nextLong(0, 253402300799L));
            assertThat(Strftime.format("%Y-%m-%d %H:%M:%S %j", t)).isEqualTo(f.format(t));
        }
    }
}
