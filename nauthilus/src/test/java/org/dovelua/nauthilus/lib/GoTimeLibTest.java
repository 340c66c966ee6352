package org.dovelua.nauthilus.lib;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Varargs;

class GoTimeLibTest {
    private final LibCall time = new LibCall(new GoTimeLib(
            Clock.fixed(Instant.ofEpochSecond(1_700_000_000L, 500_000_000), ZoneOffset.UTC), ZoneOffset.UTC));

    private String format(Object... args) {
        Varargs r = time.call("format", args);
        assertThat(r.arg(2).isnil()).as("error %s", r.arg(2)).isTrue();
        return r.arg1().tojstring();
    }

    @Test
    void formatsGoLayouts() {
        assertThat(format(0, "2006-01-02 15:04:05", "UTC")).isEqualTo("1970-01-01 00:00:00");
        assertThat(format(0)).isEqualTo("Thu Jan 1 00:00:00 +0000 UTC 1970");
        assertThat(format(1700000000.5, "2006-01-02T15:04:05.000Z07:00", "UTC")).isEqualTo("2023-11-14T22:13:20.500Z");
        assertThat(format(1700000000.25, "05.999 05,000000")).isEqualTo("20.25 20,250000");
        assertThat(format(1700000000, "05.999")).isEqualTo("20");
        assertThat(format(1700000000, "Mon Jan _2 3:04PM MST", "Europe/Berlin")).isEqualTo("Tue Nov 14 11:13PM CET");
        assertThat(format(1700000000, "Monday, 02-Jan-06 15:04:05 -0700", "America/New_York"))
                .isEqualTo("Tuesday, 14-Nov-23 17:13:20 -0500");
        assertThat(format(1700000000, "January 2, 2006 03:04:05 pm -07:00 __2 002", "Asia/Kolkata"))
                .isEqualTo("November 15, 2023 03:43:20 am +05:30 319 319");
        Varargs bad = time.call("format", 0, "2006", "Mars/Base");
        assertThat(bad.arg1().isnil()).isTrue();
        assertThat(bad.arg(2).tojstring()).isEqualTo("unknown time zone Mars/Base");
    }

    @Test
    @org.dovelua.testkit.KnownDivergence("nauthilus time.format's MST element: Go writes the tzdata abbreviation"
            + " (-03 for America/Sao_Paulo), dovelua the JDK's CLDR short name (BRT)")
    void zoneAbbreviationsComeFromTzdata() {
        assertThat(format(1700000000, "MST", "America/Sao_Paulo")).isEqualTo("-03");
    }

    @Test
    void parsesGoLayouts() {
        assertThat(time.call("parse", "2023-11-14 22:13:20", "2006-01-02 15:04:05").arg1().todouble())
                .isEqualTo(1700000000.0);
        assertThat(time.call("parse", "2023-11-14 23:13:20", "2006-01-02 15:04:05", "Europe/Berlin").arg1().todouble())
                .isEqualTo(1700000000.0);
        assertThat(time.call("parse", "2023-11-14T22:13:20.5+01:00", "2006-01-02T15:04:05Z07:00").arg1().todouble())
                .isEqualTo(1699996400.5);
        assertThat(time.call("parse", "Nov 14 2023 10:13PM", "Jan _2 2006 3:04PM").arg1().todouble())
                .isEqualTo(1700000000.0 - 20);
    }

    @Test
    void parseErrorTexts() {
        assertError(time.call("parse", "2023-13-14", "2006-01-02"), "parsing time \"2023-13-14\": month out of range");
        assertError(time.call("parse", "2023-11-14x", "2006-01-02"), "parsing time \"2023-11-14x\": extra text: \"x\"");
        assertError(time.call("parse", "23-11-14", "2006-01-02"),
                "parsing time \"23-11-14\" as \"2006-01-02\": cannot parse \"23-11-14\" as \"2006\"");
        assertError(time.call("parse", "2023/11/14", "2006-01-02"),
                "parsing time \"2023/11/14\" as \"2006-01-02\": cannot parse \"/11/14\" as \"-\"");
        assertError(time.call("parse", "2023-02-30", "2006-01-02"), "parsing time \"2023-02-30\": day out of range");
        assertError(time.call("parse", "2023-11-14 25:00", "2006-01-02 15:04"),
                "parsing time \"2023-11-14 25:00\": hour out of range");
        assertError(time.call("parse", "2023", "2006", "Nowhere/Else"), "unknown time zone Nowhere/Else");
    }

    @Test
    void clockReadings() {
        assertThat(time.call("unix").arg1().todouble()).isEqualTo(1700000000.5);
        assertThat(time.call("unix_nano").arg1().todouble()).isEqualTo(1.7000000005e18);
        assertThat(time.call("sleep", 0).narg()).isZero();
    }

    private static void assertError(Varargs r, String text) {
        assertThat(r.arg1().isnil()).isTrue();
        assertThat(r.arg(2).tojstring()).isEqualTo(text);
    }
}
