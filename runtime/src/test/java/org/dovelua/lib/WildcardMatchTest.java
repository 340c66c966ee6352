package org.dovelua.lib;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** wildcard_match() of src/lib/wildcard-match.c: '*' any run, '?' one character, case-sensitive. */
class WildcardMatchTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "alice.smith@ex.org|*@ex.org|true",
        "alice.smith@ex.org|a?ice*|true",
        "alice.smith@ex.org|*.*.*|true",
        "alice.smith@ex.org|alice|false",
        "alice.smith@ex.org|*|true",
        "alice.smith@ex.org|Alice*|false",
        "abcabc|*abc|true",
        "abcab|*abc|false",
        "aXbXc|a*b*c|true",
        "x|``|false",
        "``|``|true",
        "``|**|true",
        "``|?|false",
        "ab|a??|false",
    })
    void matchesAsDovecot(String data, String mask, boolean expected) {
        assertThat(WildcardMatch.match(data, mask)).isEqualTo(expected);
    }
}
