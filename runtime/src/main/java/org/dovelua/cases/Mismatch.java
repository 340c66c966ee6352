package org.dovelua.cases;

/** One expectation a result did not meet: what was checked, expected and found. */
public record Mismatch(String what, String expected, String actual) {
    /** {@code what}, then the expected and actual values, multi-line ones as a line diff. */
    public String render() {
        if (expected.contains("\n") || actual.contains("\n")) {
            return what + " differs (- expected, + actual):\n" + LineDiff.render(expected, actual);
        }
        return what + "\n  expected: " + expected + "\n  actual:   " + actual;
    }
}
