package org.dovelua.varexpand.v24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.varexpand.VarExpand;
import org.dovelua.varexpand.VarTable;
import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.api.Test;

/**
 * 2.4.5's epoch, from_epoch, date, iso8601, escape and safe filters and the time:unix provider
 * (expansion-filter.c, var-expand.c on main after 2.4.4); the literal answers are real 2.4.5's and
 * 2.4.1's in cases 473/474.
 */
class VarExpand24TimeFiltersTest {
    private static VarTable table(String version, boolean hasParams) {
        return new VarTable.Variables(DovecotVersion.parse(version), List.of(new VarTable.Var('\0', "user", "alice")), hasParams);
    }

    private static String expand(String version, String template) throws VarExpand.VarExpandException {
        return VarExpand24.expand(template, table(version, true), Map.of());
    }

    private static String error(String version, String template) {
        try {
            return "ok:" + expand(version, template);
        } catch (VarExpand.VarExpandException e) {
            return e.getMessage();
        }
    }

    @Test
    void epochUnitsFractionsAndErrors() throws Exception {
        assertThat(expand("2.4.5", "%{literal('1749379200.123456789') | epoch}")).isEqualTo("1749379200");
        assertThat(expand("2.4.5", "%{literal('1749379200.123456789') | epoch(unit='us')}")).isEqualTo("1749379200123456");
        assertThat(expand("2.4.5", "%{literal('1.1234567891234') | epoch('ns')}")).isEqualTo("1123456789");
        assertThat(expand("2.4.5", "%{literal('-5.5') | epoch('ms')}")).isEqualTo("-4500");
        assertThat(expand("2.4.5", "%{literal('12.') | epoch('us')}")).isEqualTo("12000000");
        assertThat(error("2.4.5", "%{literal('+12') | epoch}")).isEqualTo("epoch: Invalid timestamp '+12'");
        assertThat(error("2.4.5", "%{literal('1') | epoch('h')}")).isEqualTo("epoch: Unsupported unit 'h' for 'epoch'");
        assertThat(error("2.4.5", "%{literal('9223372036854775807') | epoch('ms')}"))
                .isEqualTo("epoch: Timestamp '9223372036854775807' out of range for unit 'ms'");
        assertThat(error("2.4.5", "%{epoch('s')}")).isEqualTo("epoch: No value to convert to epoch");
        assertThat(error("2.4.1", "%{literal('1') | epoch}")).isEqualTo("No such function 'epoch'");
    }

    @Test
    void fromEpochIsEpochsInverseForNonNegativeValues() throws Exception {
        assertThat(expand("2.4.5", "%{literal('-1500') | from_epoch('ms')}")).isEqualTo("-1.500000000");
        assertThat(error("2.4.5", "%{literal('1.5') | from_epoch}")).isEqualTo("from_epoch: Invalid timestamp '1.5'");
        Random r = new Random(474L);
        String[] units = {"s", "ms", "us", "ns"};
        for (int i = 0; i < 300; i++) {
            // non-negative: parse_unixtime() adds a fraction even to a negative second (-5.5 is -4500 ms, real)
            long v = r.nextLong(0, Long.MAX_VALUE) / (1 + r.nextInt(1_000_000));
            String unit = units[r.nextInt(4)];
            assertThat(expand("2.4.5", "%{literal('" + v + "') | from_epoch('" + unit + "') | epoch('" + unit + "')}"))
                    .as("%d %s", v, unit).isEqualTo(Long.toString(v));
        }
    }

    @Test
    void dateAndIso8601() throws Exception {
        assertThat(expand("2.4.5", "%{literal('1749379200') | date('%Y-%m-%d %H:%M:%S')}")).isEqualTo("2025-06-08 10:40:00");
        assertThat(expand("2.4.5", "%{literal('0') | date(format='%Y %j %a %b', tz='gmt')}")).isEqualTo("1970 001 Thu Jan");
        assertThat(expand("2.4.5", "%{literal('-1') | date('%Y-%m-%d %H:%M:%S')}")).isEqualTo("1969-12-31 23:59:59");
        assertThat(error("2.4.5", "%{literal('1') | date}")).isEqualTo("date: Missing date format");
        assertThat(error("2.4.5", "%{literal('1') | date('%Y', 'mars')}"))
                .isEqualTo("date: Unsupported timezone 'mars' for 'date'");
        assertThatThrownBy(() -> expand("2.4.5", "[%{literal('1') | date('')}]")).isInstanceOf(ProcessDeath.class)
                .hasMessageContaining("(strftime_real): assertion failed: (bufsize <= STRFTIME_MAX_BUFSIZE)");
        assertThat(expand("2.4.5", "%{literal('1749379200.75') | iso8601}")).isEqualTo("2025-06-08T10:40:00Z");
        assertThat(expand("2.4.5", "%{literal('-86400') | iso8601}")).isEqualTo("1969-12-31T00:00:00Z");
        assertThat(error("2.4.5", "%{iso8601}")).isEqualTo("iso8601: No value to format as ISO 8601");
    }

    @Test
    void escapeAndSafe() throws Exception {
        assertThatThrownBy(() -> expand("2.4.5", "%{user | escape}")).isInstanceOf(ProcessDeath.class)
                .hasMessageContaining("(var_expand_state_set_transfer_data): assertion failed");
        assertThatThrownBy(() -> VarExpand24.expand("%{literal('x') | escape}",
                table("2.4.5", false), Map.of()))
                .hasMessage("escape: No escape function available");
    }

    @Test
    void safeMustBeLastFrom245() throws Exception {
        assertThat(expand("2.4.1", "%{user | safe | upper}")).isEqualTo("ALICE");
        assertThat(error("2.4.5", "%{user | safe | upper}")).isEqualTo("safe: safe filter must be last in the filter chain");
        assertThat(expand("2.4.5", "%{user | upper | safe('x')}")).isEqualTo("ALICE");
        assertThatThrownBy(() -> expand("2.4.1", "[%{safe}]")).isInstanceOf(ProcessDeath.class)
                .hasMessageContaining("line 166 (var_expand_program_execute)");
        assertThat(error("2.4.0", "%{user | safe}")).isEqualTo("No such function 'safe'");
    }

    @Test
    void timeUnixIsSecondsDotNanoseconds() throws Exception {
        assertThat(expand("2.4.5", "%{time:unix}")).matches("[0-9]+\\.[0-9]{9}");
        assertThat(error("2.4.1", "%{time:unix}")).isEqualTo("time: Unsupported key 'unix'");
    }

    @Test
    void timeFilterNamesAreNoVariablesFrom245() throws Exception {
        assertThat(VarExpand24.variables("%{epoch('s')}", DovecotVersion.parse("2.4.5"))).isEmpty();
        assertThat(VarExpand24.variables("%{epoch('s')}", DovecotVersion.parse("2.4.1"))).containsExactly("epoch");
    }
}
