package org.dovelua.auth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** settings_get_time() (src/lib-settings/settings-parser.c, 2.3.19). */
class SettingTimeTest {
    @Test
    void unitsAndTheirLongFormsAnyCase() throws Exception {
        assertThat(SettingTime.parse("0")).isZero();
        assertThat(SettingTime.parse("1 hour")).isEqualTo(3600);
        assertThat(SettingTime.parse("1h")).isEqualTo(3600);
        assertThat(SettingTime.parse("30 secs")).isEqualTo(30);
        assertThat(SettingTime.parse("2 Mins")).isEqualTo(120);
        assertThat(SettingTime.parse("1 d")).isEqualTo(86400);
        assertThat(SettingTime.parse("1 weeks")).isEqualTo(604800);
        assertThat(SettingTime.parse("2000 ms")).isEqualTo(2);
    }

    @Test
    void dovecotRefusesTheRest() {
        assertThatThrownBy(() -> SettingTime.parse("10")).hasMessage(
                "Time interval '10' is missing units (add e.g. 's' for seconds)");
        assertThatThrownBy(() -> SettingTime.parse("1500 ms")).hasMessage(
                "Milliseconds not supported for this setting: 1500 ms");
        assertThatThrownBy(() -> SettingTime.parse("1 hourz")).hasMessage("Invalid time interval: 1 hourz");
        assertThatThrownBy(() -> SettingTime.parse("x")).hasMessage("Invalid time interval: x");
        assertThatThrownBy(() -> SettingTime.parse("99999999 weeks")).hasMessage("Time interval is too large: 99999999 weeks");
    }

    /** Seeded: every unit prefix spelling reads back as number * unit. */
    @Test
    void generatedIntervalsReadBack() throws Exception {
        Random random = new Random(20261206);
        String[][] forms = {{"seconds", "1"}, {"minutes", "60"}, {"hours", "3600"}, {"days", "86400"}, {"weeks", "604800"}};
        for (int i = 0; i < 5000; i++) {
            String[] f = forms[random.nextInt(forms.length)];
            String unit = f[0].substring(0, 1 + random.nextInt(f[0].length() - 1));
            if (random.nextBoolean()) {
                unit = unit.toUpperCase(java.util.Locale.ROOT);
            }
            long n = 1 + random.nextInt(1000);
            String text = n + " ".repeat(random.nextInt(3)) + unit;
            assertThat(SettingTime.parse(text)).as(text).isEqualTo(n * Long.parseLong(f[1]));
        }
    }
}
