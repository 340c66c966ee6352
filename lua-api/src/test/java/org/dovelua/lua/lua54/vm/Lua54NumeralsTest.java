package org.dovelua.lua.lua54.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.dovelua.lua.RealLua;
import org.dovelua.lua.lua54.Lua54SemanticsTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * Lua 5.4's numerals ({@link Lua54Numerals}): {@code tonumber}, string coercion and source
 * numerals, by example and over generated numerals checked against the real lua5.4.
 */
class Lua54NumeralsTest {
    @BeforeAll
    static void patch() {
        LuajPatches.install();
    }

    /** {@code math.type(n) .. ' ' .. n}, or "nil". */
    private static String read(String s) {
        LuaValue n = Lua54Numerals.str2number(s);
        return n == null ? "nil" : (Lua54Arith.isInteger(n) ? "integer " : "float ") + n.tojstring();
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiterString = "=>", ignoreLeadingAndTrailingWhitespace = false, value = {
        "10=>integer 10", "' 10 '=>integer 10", "-10=>integer -10", "+10=>integer 10", "10.=>float 10.0",
        ".5=>float 0.5", "1e2=>float 100.0", "0x10=>integer 16", "0XfF=>integer 255", "-0x10=>integer -16",
        "0x1p4=>float 16.0", "0x.8=>float 0.5", "9223372036854775807=>integer 9223372036854775807",
        "-9223372036854775808=>integer -9223372036854775808", "9223372036854775808=>float 9.2233720368548e+18",
        "0x10000000000000000=>integer 0", "inf=>nil", "nan=>nil", "1e=>nil", "0x=>nil", "''=>nil",
        "'1 2'=>nil", "1e+=>nil", "'\t7\n'=>integer 7", "1_000=>nil", "0b101=>nil",
    })
    void readsAsLua54(String text, String expected) {
        assertThat(read(text)).isEqualTo(expected);
    }

    @Test
    void embeddedNulIsNoNumeral() {
        assertThat(Lua54Numerals.tonumber(LuaString.valueOf(new byte[] {'1', 0})).isnil()).isTrue();
    }

    @Test
    void tonumberWithABase() {
        assertThat(Lua54Numerals.tonumber(LuaValue.valueOf("ff"), 16).tojstring()).isEqualTo("255");
        assertThat(Lua54Numerals.tonumber(LuaValue.valueOf(" -zz "), 36).tojstring()).isEqualTo("-1295");
        assertThat(Lua54Numerals.tonumber(LuaValue.valueOf("8"), 8).isnil()).isTrue();
        assertThat(Lua54Numerals.tonumber(LuaValue.valueOf("1.5"), 10).isnil()).isTrue();
    }

    @Test
    void malformedSourceNumeralIsALoadError() {
        List<String> out = Lua54SemanticsTest.ours("print(load('return 1e'))");
        assertThat(out).containsExactly("nil\t[string \"return 1e\"]:1: malformed number near '1e'");
    }

    // ---- generated numerals, checked against lua5.4 ----------------------------------------

    private static final String DIGITS = "0123456789";
    private static final String HEX = "0123456789abcdefABCDEF";

    private static String digits(Random r, String alphabet, int max) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** A numeral from Lua's grammar, now and then bent out of it. */
    static String numeral(Random r) {
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(6) == 0) {
            sb.append(" \t".charAt(r.nextInt(2)));
        }
        if (r.nextInt(4) == 0) {
            sb.append("+-".charAt(r.nextInt(2)));
        }
        if (r.nextBoolean()) {
            sb.append(r.nextBoolean() ? "0x" : "0X").append(digits(r, HEX, 18));
            if (r.nextInt(4) == 0) {
                sb.append('.').append(digits(r, HEX, 4));
            }
            if (r.nextInt(4) == 0) {
                sb.append(r.nextBoolean() ? 'p' : 'P').append(r.nextBoolean() ? "-" : "").append(digits(r, DIGITS, 2));
            }
        } else {
            sb.append(digits(r, DIGITS, 22));
            if (r.nextInt(3) == 0) {
                sb.append('.').append(digits(r, DIGITS, 5));
            }
            if (r.nextInt(4) == 0) {
                sb.append(r.nextBoolean() ? 'e' : 'E').append(r.nextBoolean() ? "+" : "").append(digits(r, DIGITS, 3));
            }
        }
        if (r.nextInt(10) == 0) {
            sb.append("xz. ".charAt(r.nextInt(4)));
        }
        return sb.toString();
    }

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> generatedNumeralsReadAsInLua54() throws Exception {
        RealLua.assumeInstalled();
        List<DynamicTest> tests = new ArrayList<>();
        for (int seed = 0; seed < 10; seed++) {
            Random r = new Random(seed);
            List<String> labels = new ArrayList<>();
            StringBuilder script = new StringBuilder("local function show(n) return math.type(n) or 'nil', n end\n");
            for (int k = 0; k < 50; k++) {
                String s = numeral(r);
                String lit = RealLua.literal(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                // as a string (tonumber, and arithmetic coercion) and as source text (the lexer)
                script.append("print(show(tonumber(").append(lit).append(")))\n")
                        .append("print(pcall(function() return show(").append(lit).append(" + 0) end))\n")
                        .append("print(load('return ' .. ").append(lit).append("))\n");
                for (String what : List.of("tonumber", "coercion", "source")) {
                    labels.add("seed " + seed + " #" + k + " " + what + " of \"" + s + "\"");
                }
            }
            tests.addAll(RealLua.lineByLine(dir.resolve("num.lua"), script.toString(), labels,
                    Lua54NumeralsTest::comparable));
        }
        return tests.stream();
    }

    /** Function addresses and error positions differ by construction; the rest must not. */
    private static String comparable(String line) {
        return line.startsWith("function: ") ? "function" : line.replaceFirst("\t[^\t]*\\.lua:\\d+: ", "\t");
    }
}
