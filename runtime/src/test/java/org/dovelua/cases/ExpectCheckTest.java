package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.dovelua.api.Result;
import org.junit.jupiter.api.Test;

/** Every expectation kind, met and unmet, and how a mismatch reads. */
class ExpectCheckTest {
    private static final Result R = new Result("auth test alice", 77, "passdb: alice auth failed\nextra fields:\n  user=alice\n",
            "", "password_mismatch", Map.of("user", "alice"), List.of("user=alice"), List.of(),
            List.of("auth-worker: Info: lua(alice): Password mismatch"));

    private static Expect expect(String result, Integer exit, Map<String, String> fields, Map<String, String> subset,
            List<String> absent, List<String> contain, List<Pattern> match, String stdout, List<String> users) {
        return new Expect(result, exit, fields, subset, absent, contain, match, stdout, users);
    }

    @Test
    void metExpectationsGiveNoMismatch() {
        assertThat(ExpectCheck.check(expect("password_mismatch", 77, Map.of("user", "alice"), Map.of("user", "alice"),
                List.of("code"), List.of("Password mismatch"), List.of(Pattern.compile("lua\\(alice\\)")), R.stdout(),
                null), R)).isEmpty();
        assertThat(ExpectCheck.check(expect(null, null, null, null, null, null, null, null, null), R)).isEmpty();
    }

    @Test
    void eachUnmetExpectationIsOneMismatch() {
        List<Mismatch> m = ExpectCheck.check(expect("ok", 0, Map.of("user", "bob"), Map.of("quota", "1G"),
                List.of("user"), List.of("found alice"), List.of(Pattern.compile("^x")), "passdb: alice auth succeeded\n",
                List.of("alice")), R);
        assertThat(m).extracting(Mismatch::what).containsExactly("result", "exit code", "fields", "field quota",
                "field user", "logs", "logs", "stdout", "users");
        assertThat(m.get(0).render()).isEqualTo("result\n  expected: ok\n  actual:   password_mismatch");
        assertThat(m.get(3).actual()).isEqualTo("(no such field)");
        assertThat(m.get(5).render()).isEqualTo("logs\n  expected: a line containing: found alice\n  actual:\n"
                + "    auth-worker: Info: lua(alice): Password mismatch\n");
        assertThat(m.get(6).expected()).isEqualTo("a line matching: ^x");
        assertThat(m.get(4).expected()).isEqualTo("(absent)");
        assertThat(m.get(7).render()).isEqualTo("stdout differs (- expected, + actual):\n"
                + "  - passdb: alice auth succeeded\n  + passdb: alice auth failed\n  + extra fields:\n  +   user=alice\n");
    }

    @Test
    void fieldOrderIsNotCompared() {
        Result r = new Result("user a", 0, "", "", "found", new java.util.LinkedHashMap<>(Map.of("uid", "1")),
                List.of(), List.of(), List.of());
        assertThat(ExpectCheck.check(expect(null, null, Map.of("uid", "1"), null, null, null, null, null, null), r))
                .isEmpty();
    }

    @Test
    void theLineDiffShowsTabsAndAMissingFinalNewline() {
        assertThat(LineDiff.render("a\tb\nc\n", "a\tb\nc")).isEqualTo("    a\\tb\n  - c\n  + c (no newline at end)\n");
    }
}
