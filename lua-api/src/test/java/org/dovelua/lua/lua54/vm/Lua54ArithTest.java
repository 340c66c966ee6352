package org.dovelua.lua.lua54.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Lua 5.4's integer and float subtypes on LuaJ ({@link Lua54Arith}, {@link LuaLong} and the
 * patches of {@link LuajPatches}): one example per rule, and generated expressions over both
 * subtypes, their edges and numeric strings, each checked against the real lua5.4.
 */
class Lua54ArithTest {
    @BeforeAll
    static void patch() {
        assertThat(LuajPatches.install()).as(String.valueOf(LuajPatches.failure())).isTrue();
    }

    /** What a snippet prints, run as a script body. */
    private static String run(String source) {
        return String.join("\n", Lua54SemanticsTest.ours(source));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        // lvm.c: integers stay integers, a float operand makes a float, / and ^ always floats
        "1 + 2=>integer 3", "1 + 2.0=>float 3.0", "7 / 7=>float 1.0", "2 ^ 2=>float 4.0",
        "7 // 2=>integer 3", "7.0 // 2=>float 3.0", "-7 % 3=>integer 2", "7 % -3.0=>float -2.0",
        "math.maxinteger + 1 == math.mininteger=>boolean true", "math.mininteger // -1=>integer -9223372036854775808",
        "math.mininteger % -1=>integer 0", "2^31 | 0=>integer 2147483648", "3000000000 * 3=>integer 9000000000",
        // lstrlib.c: a string operand converts to the subtype its text has
        "'10' + 1=>integer 11", "'10.0' + 1=>float 11.0", "'0x10' * 1=>integer 16", "-'2'=>integer -2",
        "' 1e1 ' + 0=>float 10.0",
        // lobject.c numerals
        "9223372036854775807=>integer 9223372036854775807", "9223372036854775808=>float 9.2233720368548e+18",
        "0xffffffffffffffff=>integer -1", "1e2=>float 100.0", "0x1p4=>float 16.0", "3.=>float 3.0",
        // exact comparison of integers with floats
        "2^53 == 2^53 + 1=>boolean true", "9007199254740993 == 2^53=>boolean false",
        "9007199254740993 < 2^53 + 2=>boolean true", "math.maxinteger < 2^63=>boolean true",
        "math.mininteger <= -2^63=>boolean true", "1 == 1.0=>boolean true",
    })
    void arithmeticFollowsLua54(String expr, String printed) {
        assertThat(run("local x = " + expr + " print(math.type(x) or type(x), x)")).isEqualTo(printed.replace(' ', '\t'));
    }

    @Test
    void divisionByZero() {
        assertThat(run("local z = 0 print(pcall(function() return 1 % z end))"))
                .isEqualTo("false\tt.lua:1: attempt to perform 'n%0'");
        assertThat(run("local z = 0 print(pcall(function() return 1 // z end))"))
                .isEqualTo("false\tt.lua:1: attempt to divide by zero");
        assertThat(run("local z = 0 print(1 / z, -1 / z, 1 // 0.0, 1.0 % z ~= 1.0 % z)")).isEqualTo("inf\t-inf\tinf\ttrue");
    }

    @Test
    void floatKeysAreTheirIntegers() {
        // ltable.c: t[1.0] is t[1]; next() gives the integer key
        assertThat(run("local t = {} t[1.0] = 'a' t[2^53] = 'b' t[3] = 'c' "
                + "print(t[1], t[9007199254740992], t[3.0]) "
                + "for k in pairs(t) do io.write(math.type(k), ' ') end print()"))
                .isEqualTo("a\tb\tc\ninteger integer integer ");
    }

    @Test
    void numericForLoop() {
        assertThat(run("for i = 1, 2 do io.write(math.type(i), ' ') end for i = 1, 2, 0.5 do io.write(i, ' ') end "
                + "local n = 0 for i = math.maxinteger - 1, math.maxinteger do n = n + 1 end print(n)"))
                .isEqualTo("integer integer 1 1.5 2 2");
        assertThat(run("print(pcall(function() for i = 1, 2, 0 do end end))")).isEqualTo("false\tt.lua:1: 'for' step is zero");
        // the first value is init itself: no wrap below mininteger, no rounding of init - step + step
        assertThat(run("local n = 0 for i = math.mininteger, math.mininteger + 2 do n = n + 1 end "
                + "for i = 0.1, 0.5, 0.2 do io.write(i, ' ') end print(n)")).isEqualTo("0.1 0.3 0.5 3");
    }

    @Test
    void metamethodsSeeTheOperandsAsTheyAre() {
        assertThat(run("local function ty(v) return math.type(v) or type(v) end "
                + "local t = setmetatable({}, {__add = function(a, b) return ty(a) .. '/' .. ty(b) end}) "
                + "print(1 + t, t + 2.5, '2' + t)")).isEqualTo("integer/table\ttable/float\tstring/table");
        assertThat(run("print(pcall(function() local t = {} return 1 + t end))"))
                .isEqualTo("false\tt.lua:1: attempt to perform arithmetic on a table value (local 't')");
        assertThat(run("print(pcall(function() return 'abc' + 1 end))"))
                .isEqualTo("false\tt.lua:1: attempt to add a 'string' with a 'number'");
        assertThat(run("print(pcall(function() return -'abc' end))"))
                .isEqualTo("false\tt.lua:1: attempt to unm a 'string' with a 'string'");
    }

    @Test
    void mathLibraryKeepsSubtypes() {
        assertThat(run("print(math.floor(3.7), math.ceil(-3.5), math.floor(1e100), math.abs(math.mininteger), "
                + "math.abs(-2.0), math.max(1, 2.0), math.min(1, 1.0), math.fmod(-7, 3), math.fmod(7, 3.0))"))
                .isEqualTo("3\t-3\t1e+100\t-9223372036854775808\t2.0\t2.0\t1\t-1\t1.0");
        assertThat(run("print(math.modf(3.5)) print(math.modf(5)) print(math.frexp(8)) print(math.type(os.time()))"))
                .isEqualTo("3\t0.5\n5\t0.0\n0.5\t4\ninteger");
        assertThat(run("print(pcall(math.fmod, 1, 0))")).isEqualTo("false\tbad argument #2 to 'fmod' (zero)");
    }

    @Test
    void libraryIntegerArgumentsRefuseFractions() {
        // LuaJ's own functions truncated 1.5 to 1; 5.4's luaL_checkinteger raises (its text also
        // names the argument and function: "bad argument #2 to 'sub' (...)", a known difference)
        assertThat(run("print(pcall(function() local r = string.sub('abc', 1.5) return r end))"))
                .isEqualTo("false\tt.lua:1: number has no integer representation");
        assertThat(run("print(string.sub('abcdef', 2.0, 3.0), select(2.0, 'a', 'b'), string.byte('A', 1.0))"))
                .isEqualTo("bc\tb\t65");
    }

    @Test
    void valuesFromJava() {
        assertThat(Lua54Arith.integer(5)).isInstanceOf(LuaInteger.class);
        assertThat(Lua54Arith.integer(1L << 40)).isInstanceOf(LuaLong.class);
        assertThat(LuaInteger.valueOf(1L << 40)).isInstanceOf(LuaLong.class); // the patched factory
        assertThat(LuaValue.valueOf(2.0)).isInstanceOf(LuaDouble.class);      // no longer folded
        assertThat(Lua54Arith.toInteger(LuaValue.valueOf(2.0))).isEqualTo(2L);
        assertThat(Lua54Arith.toInteger(LuaValue.valueOf(2.5))).isNull();
        assertThat(Lua54Arith.toInteger(LuaValue.valueOf(" 0x10 "))).isEqualTo(16L);
        assertThat(Lua54Arith.toInteger(Lua54Arith.integer(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
        LuaTable t = new LuaTable();
        t.set(LuaValue.valueOf(1.0), LuaValue.valueOf("one"));
        t.set(Lua54Arith.integer(1L << 40), LuaValue.valueOf("big"));
        assertThat(t.get(1).tojstring()).isEqualTo("one");
        assertThat(t.get(LuaValue.valueOf(0x1p40)).tojstring()).isEqualTo("big");
        assertThatThrownBy(() -> Lua54Arith.mod(LuaValue.valueOf(1), LuaValue.valueOf(0)))
                .isInstanceOf(LuaError.class).hasMessageContaining("'n%0'");
    }

    @Test
    void longsCompareExactlyWithFloats() {
        long big = (1L << 53) + 1;
        assertThat(Lua54Arith.eqIntFloat(big, 0x1p53)).isFalse();
        assertThat(Lua54Arith.ltFloatInt(0x1p53, big)).isTrue();
        assertThat(Lua54Arith.leIntFloat(Long.MAX_VALUE, 0x1p63)).isTrue();
        assertThat(Lua54Arith.ltIntFloat(Long.MAX_VALUE, Double.NaN)).isFalse();
        assertThat(Lua54Arith.leFloatInt(-0x1p63, Long.MIN_VALUE)).isTrue();
        assertThat(Lua54Arith.ltIntFloat(Long.MIN_VALUE, -0x1p63)).isFalse();
    }

    // ---- generated expressions, checked against lua5.4 --------------------------------------

    /** Operands: both subtypes at their edges, numeric and other strings. */
    private static final String[] EDGES = {
        "0", "1", "(-1)", "2", "3", "7", "(-7)", "2147483647", "(-2147483648)", "2147483648", "4294967296",
        "9007199254740992", "9007199254740993", "math.maxinteger", "math.mininteger",
        "0.0", "(-0.0)", "0.5", "1.0", "(-2.5)", "3.0", "1e15", "2^53", "2^63", "(-2^63)", "1e308",
        "math.huge", "(-math.huge)", "'10'", "'0x10'", "' 3.5 '", "'1e2'", "'abc'",
    };
    private static final String[] OPS = {"+", "-", "*", "/", "//", "%", "^", "<", "<=", "=="};

    private static String operand(Random r, boolean tame) {
        if (r.nextInt(3) == 0) {
            long v = r.nextInt(4) == 0 ? r.nextLong() : r.nextInt(2001) - 1000;
            return v < 0 ? (v == Long.MIN_VALUE ? "math.mininteger" : "(" + v + ")") : Long.toString(v);
        }
        if (!tame && r.nextInt(4) == 0) {
            // a float written exactly (Java's shortest text round-trips through strtod)
            double d = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(12));
            return "(" + d + ")";
        }
        return EDGES[r.nextInt(EDGES.length)];
    }

    /** A random expression; '^' gets tame operands, where libm's pow and Java's agree to the last bit. */
    static String expression(Random r) {
        if (r.nextInt(8) == 0) {
            return "-" + operand(r, false);
        }
        String op = OPS[r.nextInt(OPS.length)];
        boolean tame = op.equals("^");
        return operand(r, tame) + " " + op + " " + operand(r, tame);
    }

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> generatedArithmeticAgreesWithLua54() throws Exception {
        RealLua.assumeInstalled();
        List<DynamicTest> tests = new ArrayList<>();
        for (int seed = 0; seed < 20; seed++) {
            Random r = new Random(seed);
            List<String> labels = new ArrayList<>();
            StringBuilder script = new StringBuilder();
            for (int k = 0; k < 40; k++) {
                String e = expression(r);
                labels.add("seed " + seed + " #" + k + ": " + e);
                script.append("print(pcall(function() local x = ").append(e)
                        .append(" return math.type(x) or type(x), x end))\n");
            }
            tests.addAll(RealLua.lineByLine(dir.resolve("gen.lua"), script.toString(), labels,
                    Lua54ArithTest::unpositioned));
        }
        return tests.stream();
    }

    /** An error's {@code file:line:} differs only in the chunk name. */
    private static String unpositioned(String line) {
        return line.replaceFirst("\t[^\t]*\\.lua:\\d+: ", "\t");
    }
}
