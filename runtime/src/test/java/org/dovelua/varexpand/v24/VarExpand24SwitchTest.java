package org.dovelua.varexpand.v24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.dovelua.varexpand.VarExpand;
import org.dovelua.varexpand.VarTable;
import org.dovelua.version.DovecotVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 2.4.3's switch filter (expansion-filter-if.c expansion_filter_switch, a1ecade1f1) with the table
 * and vectors of upstream's test-var-expand.c {@code test_var_expand_switch}; case 402 has real
 * 2.4.5's answers through req:var_expand.
 */
class VarExpand24SwitchTest {
    /** The table of upstream's test_var_expand_switch. */
    private static final List<VarTable.Var> VARS = List.of(new VarTable.Var('\0', "alpha", "alpha"),
            new VarTable.Var('\0', "beta", "beta"), new VarTable.Var('\0', "one", "1"), new VarTable.Var('\0', "two", "2"),
            new VarTable.Var('\0', "evil1", ";', ':"), new VarTable.Var('\0', "evil2", ";test;"));

    private static String expand(String version, String template) throws VarExpand.VarExpandException {
        return VarExpand24.expand(template, new VarTable.Variables(DovecotVersion.parse(version), VARS, true), Map.of());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '\t', quoteCharacter = '`', value = {
        "%{switch(alpha, \"eq\", alpha, \"yes\", beta, \"no\", one, \"other\", two)}\tyes",
        "%{beta | switch(\"eq\", alpha, \"yes\", beta, \"no\", one, \"other\", two)}\tno",
        "%{one | switch(\"eq\", alpha, \"yes\", beta, \"no\", one, \"other\", two)}\tother",
        "%{evil2 | switch(\"eq\", alpha, \"yes\", beta, \"no\", one, \"other\", two)}\t2",
        "%{one | switch(\"==\", 1, 2, 2, 3, 3, 4, -1)}\t2",
        "%{literal('0') | switch(\"==\", 1, 2, 2, 3, 3, 4) | default}\t``",
        "%{alpha | switch('*', 'al*', 'glob', 'no')}|%{alpha | switch('~', '^b', 'rx', 'no')}\tglob|no",
    })
    void matchesUpstreamsVectors(String template, String expected) throws Exception {
        assertThat(expand("2.4.3", template)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '\t', value = {
        "%{literal('0') | switch(\"==\", 1, 2, 2, 3, 3, 4)}\tswitch: No default value provided",
        "%{literal('0') | switch(\"==\", 1, 2, 2, 3, 3, 4, four)}\tswitch: in condition #3: Unknown variable 'four'",
        "%{one | switch(\"==\", 1)}\tswitch: At least one condition-value pair is required",
        "%{switch}\tswitch: Missing parameters",
        "%{switch(\"==\")}\tswitch: Missing parameters",
        "%{switch(alpha, \"==\")}\tswitch: At least one condition-value pair is required",
        "%{alpha | switch(\"==\")}\tswitch: At least one condition-value pair is required",
        "%{switch(alpha, \"eq\", \"default\")}\tswitch: At least one condition-value pair is required",
        "%{alpha | switch('??', 'a', 'A')}\tswitch: Unsupported comparator '??'",
        "%{alpha | switch('==', 1, 'one')}\tswitch: Input is not a number",
        "%{one | switch('==', 'z', 'n')}\tswitch: Right-hand side: 'z' is not a number",
        "%{alpha | switch('eq', k='b')}\tswitch: Unsupported key 'k'",
    })
    void failsAsUpstream(String template, String error) {
        assertThatThrownBy(() -> expand("2.4.3", template)).hasMessage(error);
    }

    /** Before 2.4.3 there is no such function (seen on 2.4.1, case 405). */
    @Test
    void absentBefore243() {
        assertThatThrownBy(() -> expand("2.4.2", "%{alpha | switch('eq', 'alpha', 'a', 'b')}"))
                .hasMessage("No such function 'switch'");
        assertThatThrownBy(() -> expand("2.4.1", "%{switch(alpha, 'eq', 'alpha', 'a', 'b')}"))
                .hasMessage("Unknown variable 'switch'");
    }
}
