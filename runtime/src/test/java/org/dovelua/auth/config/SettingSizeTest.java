package org.dovelua.auth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** settings_get_size() (src/lib-settings/settings-parser.c). */
class SettingSizeTest {
    @Test
    void unitsArePowersOf1024InAnyCaseWithOptionalIAndB() throws Exception {
        assertThat(SettingSize.parse("0")).isZero();
        assertThat(SettingSize.parse("512")).isEqualTo(512);
        assertThat(SettingSize.parse("512B")).isEqualTo(512);
        assertThat(SettingSize.parse("256M")).isEqualTo(256L << 20);
        assertThat(SettingSize.parse("256 MB")).isEqualTo(256L << 20);
        assertThat(SettingSize.parse("1g")).isEqualTo(1L << 30);
        assertThat(SettingSize.parse("4kiB")).isEqualTo(4096);
        assertThat(SettingSize.parse("2T")).isEqualTo(2L << 40);
    }

    @Test
    void anythingElseIsAnInvalidSize() {
        for (String bad : new String[] {"", "M", "-1", "+1", "1.5M", "1 X", "1MM", "1BB", "1Mi B", " 1"}) {
            assertThatThrownBy(() -> SettingSize.parse(bad)).as(bad).isInstanceOf(SetupException.class)
                    .hasMessage("Invalid size: " + bad);
        }
        assertThatThrownBy(() -> SettingSize.parse("99999999999T")).hasMessage("Size is too large: 99999999999T");
    }

    /** Seeded: every number with every unit spelling reads back as number * unit. */
    @Test
    void generatedSizesReadBack() throws Exception {
        Random random = new Random(20261206);
        String[] units = {"", "B", "b", "k", "K", "kB", "KiB", "m", "M", "MB", "mib", "G", "GiB", "t", "TB"};
        long[] factors = {1, 1, 1, 1L << 10, 1L << 10, 1L << 10, 1L << 10, 1L << 20, 1L << 20, 1L << 20, 1L << 20,
            1L << 30, 1L << 30, 1L << 40, 1L << 40};
        for (int i = 0; i < 5000; i++) {
            int u = random.nextInt(units.length);
            long n = random.nextInt(1 << 20);
            String text = n + " ".repeat(random.nextInt(3)) + units[u];
            assertThat(SettingSize.parse(text)).as(text).isEqualTo(n * factors[u]);
        }
    }
}
