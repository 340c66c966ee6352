package org.dovelua.lib;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POSIX ERE bracket expressions as glibc reads them; expected values from real 2.4.1 (case 222). */
class PosixRegexTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "[[:alpha:]]+|alice.smith|true",
        "^[[:digit:]]+$|alice|false",
        "^[[:alnum:].@]+$|alice.smith@ex.org|true",
        "[\\.]|a\\b|true",
        "[]x]|]|true",
        "[a&&b]|&|true",
        "[^[:space:]]|`   `|false",
    })
    void bracketExpressions(String ere, String input, boolean found) {
        assertThat(PosixRegex.compile(ere).matcher(input).find()).isEqualTo(found);
    }
}
