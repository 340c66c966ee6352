package org.dovelua.lua.lua54;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** printf's %g as glibc prints it. */
class CFormatTest {
    @Test
    void examples() {
        assertThat(CFormat.g(-0.0, 14)).isEqualTo("-0");
        assertThat(CFormat.g(0.0, 14)).isEqualTo("0");
        assertThat(CFormat.g(100, 14)).isEqualTo("100");
        assertThat(CFormat.g(1e14, 14)).isEqualTo("1e+14");
        assertThat(CFormat.g(99999999999999.0, 14)).isEqualTo("99999999999999");
        assertThat(CFormat.g(999999999999999.0, 14)).isEqualTo("1e+15");
        assertThat(CFormat.g(0.5, 1)).isEqualTo("0.5");
        assertThat(CFormat.g(2.5, 1)).isEqualTo("2");
        assertThat(CFormat.g(1.5, 1)).isEqualTo("2");
        assertThat(CFormat.g(1e-300, 14)).isEqualTo("1e-300");
        assertThat(CFormat.g(-1.25e-5, 3)).isEqualTo("-1.25e-05");
        assertThat(CFormat.g(Double.NaN, 14)).isEqualTo("nan");
        assertThat(CFormat.g(Double.NEGATIVE_INFINITY, 14)).isEqualTo("-inf");
    }

    /** Java's %e rounds the exact value half-up; random doubles are no ties, so it must name the same number. */
    @TestFactory
    Stream<DynamicTest> agreesWithJavasScientificDigits() {
        return IntStream.range(0, 300).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Random r = new Random(seed);
            double x = Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL) * (r.nextBoolean() ? 1 : -1);
            int p = 1 + r.nextInt(14);
            String ours = CFormat.g(x, p);
            String java = String.format("%." + (p - 1) + "e", x);
            assertThat(Double.parseDouble(ours)).as("seed %d: %s at %d, Java %s", seed, x, p, java)
                    .isEqualTo(Double.parseDouble(java));
            assertThat(ours).as("seed %d: no trailing zeros", seed).doesNotMatch(".*\\.[0-9]*0(e.*)?$");
        }));
    }
}
