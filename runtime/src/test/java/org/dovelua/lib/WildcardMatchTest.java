package org.dovelua.lib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * wildcard_match() of src/lib/wildcard-match.c: '*' any run, '?' one character, case-sensitive.
 * The one port dovelua has: doveadm's user listing and both var-expand languages' wildcard
 * comparisons use it. The examples were checked against the C file of 2.3.19.1 compiled with gcc
 * (the same file in 2.4.1), as were 20,000 generated pairs: no difference.
 */
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
        // runs of '*', and backtracking after a partial match (recorded from the C code)
        "abc|a**c|true",
        "abc|***|true",
        "abc|a*b*c*|true",
        "abc|?*?|true",
        "abc|??|false",
        "aaa|a*a*a*a|false",
        "abc|*b|false",
        "ab|a?b|false",
        "a|``|false",
    })
    void matchesAsDovecot(String data, String mask, boolean expected) {
        assertThat(WildcardMatch.match(data, mask)).isEqualTo(expected);
    }

    /** Seeded: masks of 'a', 'b', '*' and '?' against short strings, as a regular expression reads them. */
    @Test
    void agreesWithTheRegularExpressionOfTheMask() {
        long seed = 1205;
        Random rnd = new Random(seed);
        for (int i = 0; i < 5000; i++) {
            String data = random(rnd, "abc", rnd.nextInt(8));
            String mask = random(rnd, "ab*?", rnd.nextInt(8));
            String regex = mask.chars().mapToObj(c -> c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf((char) c)))
                    .reduce("", String::concat);
            assertThat(WildcardMatch.match(data, mask)).as("seed %d: '%s' ~ '%s'", seed, data, mask)
                    .isEqualTo(Pattern.compile(regex, Pattern.DOTALL).matcher(data).matches());
        }
    }

    /** wildcard_match_icase(), which doveadm user MASK uses: ASCII letters without case, nothing else. */
    @Test
    void theIcaseFormIgnoresAsciiCaseOnly() {
        assertThat(WildcardMatch.matchIcase("Alice@EX.org", "a*@ex.ORG")).isTrue();
        assertThat(WildcardMatch.match("Alice@EX.org", "a*@ex.ORG")).isFalse();
        assertThat(WildcardMatch.matchIcase("bob", "A*")).isFalse();
        assertThat(WildcardMatch.matchIcase("\u00c9ric", "\u00e9*")).isFalse(); // not ASCII: as is
    }

    private static String random(Random rnd, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
