package org.dovelua.lua.gopher;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** gopher-lua value.go LNumber.String(): int64 text for integral values, else Go's %v of a float64. */
class GoNumberTextTest {
    @Test
    void integralValuesPrintAsInt64() {
        assertThat(GoNumberText.format(12.0)).isEqualTo("12");
        assertThat(GoNumberText.format(-0.0)).isEqualTo("0"); // int64(-0) is 0
        assertThat(GoNumberText.format(1e15)).isEqualTo("1000000000000000");
        assertThat(GoNumberText.format(-0x1p63)).isEqualTo("-9223372036854775808");
        assertThat(GoNumberText.format(0x1p63)).isEqualTo("9.223372036854776e+18"); // int64 overflows: not "integer"
    }

    @Test
    void othersPrintAsGosShortestG() {
        assertThat(GoNumberText.format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(GoNumberText.format(1e-5)).isEqualTo("1e-05");
        assertThat(GoNumberText.format(0.0001)).isEqualTo("0.0001");
        assertThat(GoNumberText.format(1e21)).isEqualTo("1e+21");
        assertThat(GoNumberText.format(1e100)).isEqualTo("1e+100");
        assertThat(GoNumberText.format(123456.5)).isEqualTo("123456.5");
        assertThat(GoNumberText.format(1234567.5)).isEqualTo("1.2345675e+06");
        assertThat(GoNumberText.format(-2.5)).isEqualTo("-2.5");
        assertThat(GoNumberText.format(1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(GoNumberText.format(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        assertThat(GoNumberText.format(Double.MIN_VALUE)).isEqualTo("5e-324");
        // Java 17's Double.toString is not shortest here ("2.0E-3" style aside, it writes 1.0E23 as 1.0E23 but
        // 2^-1074*k cases and e.g. 2.0E-322 differently); Go writes the shortest digits
        assertThat(GoNumberText.format(2e-322)).isEqualTo("2e-322");
        assertThat(GoNumberText.format(5.0E-324 * 3)).isEqualTo("1.5e-323");
    }

    @Test
    void infinitiesKeepTheirSignNanHasNone() {
        assertThat(GoNumberText.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(GoNumberText.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(GoNumberText.format(Double.NaN)).isEqualTo("NaN");
        assertThat(GoNumberText.format(-Double.NaN)).isEqualTo("NaN");
    }

    /** Seeded: every text reads back as the same double, and no shorter digit string does. */
    @Test
    void shortestRoundTrip() {
        Random r = new Random(20261206L);
        for (int i = 0; i < 20000; i++) {
            double v = Double.longBitsToDouble(r.nextLong());
            if (Double.isNaN(v) || Double.isInfinite(v) || GoNumberText.isInteger(v)) {
                continue;
            }
            String s = GoNumberText.format(v);
            assertThat(Double.parseDouble(s)).as(s).isEqualTo(v);
            int digits = new BigDecimal(s).stripTrailingZeros().precision();
            if (digits > 1) {
                BigDecimal shorter = new BigDecimal(v).round(new java.math.MathContext(digits - 1));
                assertThat(shorter.doubleValue()).as("%s has a shorter form", s).isNotEqualTo(v);
            }
        }
    }

    @Test
    void percentVIsFmtsShortestGWithoutTheIntegerRule() {
        org.assertj.core.api.Assertions.assertThat(GoNumberText.percentV(2.0)).isEqualTo("2");
        org.assertj.core.api.Assertions.assertThat(GoNumberText.percentV(1e6)).isEqualTo("1e+06");
        org.assertj.core.api.Assertions.assertThat(GoNumberText.format(1e6)).isEqualTo("1000000");
        org.assertj.core.api.Assertions.assertThat(GoNumberText.percentV(-0.0)).isEqualTo("-0");
        org.assertj.core.api.Assertions.assertThat(GoNumberText.percentV(0.1)).isEqualTo("0.1");
        org.assertj.core.api.Assertions.assertThat(GoNumberText.percentV(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }
}
