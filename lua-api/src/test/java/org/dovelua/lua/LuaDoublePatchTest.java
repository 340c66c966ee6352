package org.dovelua.lua;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

class LuaDoublePatchTest {
    @Test
    void patchesLuaDoubleInThisJvm() {
        assertThat(LuaDoublePatch.install()).as(String.valueOf(LuaDoublePatch.failure())).isTrue();
        assertThat(LuaValue.valueOf(1 / 3.0).tojstring()).isEqualTo("0.33333333333333");
    }

    @Test
    void everyPathToTextGoesThroughIt() {
        LuaDoublePatch.install();
        String src = "return tostring(1/3), 1e100 .. '', table.concat({0.1, 2.5}, ' '), string.format('%s', math.pi)";
        var r = JsePlatform.standardGlobals().load(src).invoke();
        assertThat(r.tojstring(1)).isEqualTo("0.33333333333333");
        assertThat(r.tojstring(2)).isEqualTo("1e+100");
        assertThat(r.tojstring(3)).isEqualTo("0.1 2.5");
        assertThat(r.tojstring(4)).isEqualTo("3.1415926535898");
    }

    /** Values checked against lua5.4 on amd64 ({@code print(x)}). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "=>", value = {
        "0.1=>0.1", "0.3333333333333333=>0.33333333333333", "-2.5=>-2.5", "1e100=>1e+100",
        "1e-5=>1e-05", "123456789012.5=>123456789012.5", "1.5e300=>1.5e+300",
        "Infinity=>inf", "-Infinity=>-inf", "1e19=>1e+19", "9.223372036854775807e18=>9223372036854775807",
        "1.7e9=>1700000000", "-0.0=>0",
    })
    void writesFloatsAsLua54(double v, String text) {
        assertThat(LuaFloatText.tojstring(v)).isEqualTo(text);
    }

    @Test
    void nanCarriesAmd64sSign() {
        double nan = 0.0 / 0.0;
        assertThat(LuaFloatText.tojstring(nan)).isEqualTo("-nan");
        assertThat(LuaFloatText.tojstring(-nan)).isEqualTo("nan");
    }
}
