package org.dovelua.lua.lua54.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

class LuajPatchesTest {
    @Test
    void patchesLuaDoubleInThisJvm() {
        assertThat(LuajPatches.install()).as(String.valueOf(LuajPatches.failure())).isTrue();
        assertThat(LuaValue.valueOf(1 / 3.0).tojstring()).isEqualTo("0.33333333333333");
    }

    @Test
    void everyPathToTextGoesThroughIt() {
        LuajPatches.install();
        String src = "return tostring(1/3), 1e100 .. '', table.concat({0.1, 2.5}, ' '), string.format('%s', math.pi)";
        var r = JsePlatform.standardGlobals().load(src).invoke();
        assertThat(r.tojstring(1)).isEqualTo("0.33333333333333");
        assertThat(r.tojstring(2)).isEqualTo("1e+100");
        assertThat(r.tojstring(3)).isEqualTo("0.1 2.5");
        assertThat(r.tojstring(4)).isEqualTo("3.1415926535898");
    }

    @Test
    void dovecotsFloatsStayFloatsInTablesAndThroughArithmetic() {
        assertThat(LuajPatches.install()).isTrue();
        var g = JsePlatform.standardGlobals();
        org.luaj.vm2.LuaTable t = new org.luaj.vm2.LuaTable();
        t.set("OK", Lua54Arith.number(1));          // hash part: LuaJ stored a bare double there
        t.set("MISMATCH", Lua54Arith.number(0));
        t.set(1, Lua54Arith.number(-6));             // array part
        g.set("c", t);
        var r = g.load("return tostring(c.OK), c.MISMATCH .. '', tostring(c[1]), string.format('%d', c.OK), "
                + "c.OK == 1, tostring(c.OK + 0), ({[c.OK] = 'k'})[1], tostring(c.OK * 2)").invoke();
        // lua5.4 with lua_pushnumber'd constants: 1.0 0.0 -6.0 1 true 1.0 k 2.0
        assertThat(r.tojstring(1)).isEqualTo("1.0");
        assertThat(r.tojstring(2)).isEqualTo("0.0");
        assertThat(r.tojstring(3)).isEqualTo("-6.0");
        assertThat(r.tojstring(4)).isEqualTo("1");
        assertThat(r.tojstring(5)).isEqualTo("true");
        assertThat(r.tojstring(6)).isEqualTo("1.0");
        assertThat(r.tojstring(7)).isEqualTo("k");
        assertThat(r.tojstring(8)).isEqualTo("2.0");
        assertThat(Lua54Arith.number(1.5).tojstring()).isEqualTo("1.5");
    }

    @Test
    void aStringStoredWhereANumberWasStaysAString() {
        // LuaJ's NumberValueEntry turned it into a number; the patched table keeps values as they are
        LuajPatches.install();
        var r = JsePlatform.standardGlobals().load("local t = {} t.x = 1.5 t.x = '10' return type(t.x), t.x").invoke();
        assertThat(r.tojstring(1)).isEqualTo("string");
        assertThat(r.tojstring(2)).isEqualTo("10");
    }

    @Test
    void everyEditFindsItsMethod() throws Exception {
        // a LuaJ other than 3.0.1 fails here, not halfway through a script
        for (LuajBytecode p : LuajPatches.patches()) {
            try (var in = LuajPatches.class.getClassLoader().getResourceAsStream(p.owner() + ".class")) {
                assertThat(p.apply(in.readAllBytes())).as(p.owner()).isNotEmpty();
            }
        }
    }

    /** Texts as lua5.4 prints them for the same chunk (see also Lua54SemanticsTest). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "local t; return t.x=>attempt to index a nil value (local 't')",
        "return undefined_table.x=>attempt to index a nil value (global 'undefined_table')",
        "local t = {} t:m()=>attempt to call a nil value (method 'm')",
        "undefined_f()=>attempt to call a nil value (global 'undefined_f')",
        "local t = {} return t.x + 1=>attempt to perform arithmetic on a nil value (field 'x')",
        "local x; return 'a' .. x=>attempt to concatenate a nil value (local 'x')",
        "local x; return #x=>attempt to get length of a nil value (local 'x')",
        "return {} < 1=>attempt to compare table with number",
        "return 'abc' + 1=>attempt to add a 'string' with a 'number'",
        "local t; t.x = 1=>attempt to index a nil value (local 't')",
    })
    void vmErrorsReadAsLua54(String chunk, String text) {
        LuajPatches.install();
        var g = JsePlatform.standardGlobals();
        var r = g.load("return pcall(function() " + chunk + " end)", "=t").invoke();
        assertThat(r.toboolean(1)).isFalse();
        assertThat(r.tojstring(2)).endsWith(text);
    }

    /** Values checked against lua5.4 on amd64 ({@code print(x)}). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "=>", value = {
        "0.1=>0.1", "0.3333333333333333=>0.33333333333333", "-2.5=>-2.5", "1e100=>1e+100",
        "1e-5=>1e-05", "123456789012.5=>123456789012.5", "1.5e300=>1.5e+300",
        "Infinity=>inf", "-Infinity=>-inf", "1e19=>1e+19", "9.223372036854775807e18=>9.2233720368548e+18",
        "1.7e9=>1700000000.0", "-0.0=>-0.0", "1.0=>1.0", "99999999999999=>99999999999999.0",
        "100000000000000=>1e+14", "123456789012=>123456789012.0", "-3=>-3.0",
    })
    void writesFloatsAsLua54(double v, String text) {
        assertThat(LuaFloatText.tojstring(v)).isEqualTo(text);
    }

    @Test
    void nanPrintsItsSignAsGlibcDoes() {
        // amd64's 0/0 sets the sign (lua5.4 prints -nan); Java's Double.NaN constant has it clear
        assertThat(LuaFloatText.tojstring(Double.longBitsToDouble(0xfff8000000000000L))).isEqualTo("-nan");
        assertThat(LuaFloatText.tojstring(Double.NaN)).isEqualTo("nan");
        var r = JsePlatform.standardGlobals().load("local z = 0 return tostring(z / z), tostring(-(z / z))").invoke();
        assertThat(r.tojstring(1)).isEqualTo("-nan");
        assertThat(r.tojstring(2)).isEqualTo("nan");
    }

    @Test
    void ioWriteWritesFloatsWithoutPointZero() {
        assertThat(LuaFloatText.g14(1.0)).isEqualTo("1");
        assertThat(LuaFloatText.g14(-0.0)).isEqualTo("-0");
        assertThat(LuaFloatText.g14(0.5)).isEqualTo("0.5");
        assertThat(LuaFloatText.writeArgs(LuaValue.varargsOf(Lua54Arith.number(2), LuaValue.valueOf(3)))
                .tojstring(1)).isEqualTo("2");
    }
}
