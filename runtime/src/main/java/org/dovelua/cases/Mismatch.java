package org.dovelua.cases;

/** One expectation a result did not meet: what was checked, expected and found. */
public record Mismatch(String what, String expected, String actual) {
    /**
     * {@code what}, then the expected and actual values: two multi-line values as a line diff, a
     * single expectation against several lines (a log search) as the expectation and the lines.
     */
    public String render() {
        if (expected.contains("\n")) {
            return what + " differs (- expected, + actual):\n" + LineDiff.render(expected, actual);
        }
        if (actual.contains("\n")) {
            return what + "\n  expected: " + expected + "\n  actual:\n    "
                    + actual.stripTrailing().replace("\n", "\n    ") + "\n";
        }
        return what + "\n  expected: " + expected + "\n  actual:   " + actual;
    }
}
