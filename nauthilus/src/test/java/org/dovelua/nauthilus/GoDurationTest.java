package org.dovelua.nauthilus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Go time.ParseDuration then Duration.String (texts as Go 1.2x prints them). */
class GoDurationTest {
    @ParameterizedTest
    @CsvSource({"90m, 1h30m0s", "1.5s, 1.5s", "500ms, 500ms", "0, 0s", "1us, 1\u00b5s", "3\u00b5s, 3\u00b5s",
            "-2m, -2m0s", "1h0m0.5s, 1h0m0.5s", "+45s, 45s", "1.h, 1h0m0s", ".5m, 30s", "1500ns, 1.5\u00b5s",
            "2h45m30.25s, 2h45m30.25s", "1000ms, 1s"})
    void parsesAndPrintsAsGo(String in, String out) {
        assertThat(GoDuration.format(GoDuration.parse(in))).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "1x", "soon", "1..5s", ".s", "-", "2562048h"})
    void rejectsWhatGoRejects(String in) {
        assertThat(GoDuration.parse(in)).isNull();
    }
}
