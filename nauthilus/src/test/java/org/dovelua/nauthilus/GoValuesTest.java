package org.dovelua.nauthilus;

import static org.assertj.core.api.Assertions.assertThat;

import org.dovelua.lua.gopher.GoQuote;
import org.junit.jupiter.api.Test;

/** The Go texts mock arguments carry: gopher's LNumber.String, strconv's 'f' form, TrimSpace, %q. */
class GoValuesTest {
    @Test
    void gopherNumberText() {
        assertThat(GoFloat.luaNumber(12)).isEqualTo("12");
        assertThat(GoFloat.luaNumber(-0.0)).isEqualTo("0");
        assertThat(GoFloat.luaNumber(1.5)).isEqualTo("1.5");
        assertThat(GoFloat.luaNumber(123456.7)).isEqualTo("123456.7");
        assertThat(GoFloat.luaNumber(1234567.5)).isEqualTo("1.2345675e+06");
        assertThat(GoFloat.luaNumber(0.0001)).isEqualTo("0.0001");
        assertThat(GoFloat.luaNumber(0.00001)).isEqualTo("1e-05");
        assertThat(GoFloat.luaNumber(1e300)).isEqualTo("1e+300");
        assertThat(GoFloat.luaNumber(0x1p63)).as("outside int64").isEqualTo("9.223372036854776e+18");
        assertThat(GoFloat.luaNumber(Double.NaN)).isEqualTo("NaN");
        assertThat(GoFloat.luaNumber(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }

    @Test
    void strconvPlainFloatNeverUsesAnExponent() {
        assertThat(GoFloat.formatF(1e21)).isEqualTo("1000000000000000000000");
        assertThat(GoFloat.formatF(0.00001)).isEqualTo("0.00001");
        assertThat(GoFloat.formatF(3)).isEqualTo("3");
    }

    @Test
    void trimSpaceAndQuote() {
        assertThat(GoValues.trimSpace("\u00a0\t x \u0085\u3000")).isEqualTo("x");
        assertThat(GoValues.trimSpace("\u001cx")).as("not a Go space").isEqualTo("\u001cx");
        assertThat(GoQuote.quote("a\"b\\c\n\u0001\u00e9")).isEqualTo("\"a\\\"b\\\\c\\n\\x01\u00e9\"");
    }
}
