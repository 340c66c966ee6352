package org.dovelua.lib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@code t_strsplit_spaces(str, " ")}: the 2.3 string field form (§6.5). */
class StringFieldsTest {
    @Test
    void onlyTheAsciiSpaceSeparatesAndRunsCollapse() {
        assertThat(StringFields.split("  password=secret   a=b=c\tx  flag  "))
                .containsExactly("password=secret", "a=b=c\tx", "flag");
        assertThat(StringFields.split("")).isEmpty();
        assertThat(StringFields.split("    ")).isEmpty();
    }

    /** Random tokens joined by random runs of spaces split back into the same tokens. */
    @TestFactory
    Stream<DynamicTest> tokensSurviveAnySpacing() {
        return IntStream.range(0, 300).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Random rnd = new Random(seed);
            List<String> tokens = new ArrayList<>();
            StringBuilder sb = new StringBuilder(" ".repeat(rnd.nextInt(3)));
            int n = rnd.nextInt(6);
            for (int i = 0; i < n; i++) {
                StringBuilder t = new StringBuilder();
                int len = 1 + rnd.nextInt(8);
                for (int j = 0; j < len; j++) {
                    String alphabet = "ab=\t\u00e4{}:_\n";
                    t.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                tokens.add(t.toString());
                sb.append(t).append(" ".repeat(1 + rnd.nextInt(3)));
            }
            assertThat(StringFields.split(sb.toString())).as("seed %d: <%s>", seed, sb).isEqualTo(tokens);
        }));
    }
}
