package org.dovelua.lua.lua54;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** strtod's longest-prefix rule as glibc applies it. */
class CStrtodTest {
    private static CStrtod.Result parse(String s) {
        return CStrtod.parse(s.getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    @Test
    void examples() {
        assertThat(parse("12,")).isEqualTo(new CStrtod.Result(12, 2));
        assertThat(parse("1.5e")).isEqualTo(new CStrtod.Result(1.5, 3));
        assertThat(parse("1.e5]")).isEqualTo(new CStrtod.Result(1e5, 4));
        assertThat(parse("-.5")).isEqualTo(new CStrtod.Result(-0.5, 3));
        assertThat(parse("0x1F ")).isEqualTo(new CStrtod.Result(31, 4));
        assertThat(parse("0x1p3")).isEqualTo(new CStrtod.Result(8, 5));
        assertThat(parse("0x")).isEqualTo(new CStrtod.Result(0, 1));
        assertThat(parse("-Infinity,")).isEqualTo(new CStrtod.Result(Double.NEGATIVE_INFINITY, 9));
        assertThat(parse("infx")).isEqualTo(new CStrtod.Result(Double.POSITIVE_INFINITY, 3));
        assertThat(parse("nan(abc)]").end()).isEqualTo(8);
        assertThat(parse("1e400").value()).isInfinite();
        assertThat(parse("1e-99999999999").value()).isZero();
        assertThat(parse("-").end()).isZero();
        assertThat(parse(".").end()).isZero();
        assertThat(parse("+-1").end()).isZero();
    }

    @TestFactory
    Stream<DynamicTest> plainDecimalsParseAsJavaParsesThem() {
        return IntStream.range(0, 200).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Random r = new Random(seed);
            double x = Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL);
            String text = r.nextBoolean() ? Double.toString(x) : String.format("%.17e", x);
            text = text.replace("E", "e");
            CStrtod.Result got = parse(text + ",");
            assertThat(got.end()).as("seed %d: %s", seed, text).isEqualTo(text.length());
            assertThat(got.value()).as("seed %d: %s", seed, text).isEqualTo(Double.parseDouble(text));
        }));
    }
}
