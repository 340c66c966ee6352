package org.dovelua.check;

/**
 * One thing {@code dovelua check} found: where (1-based line and column), which rule, what.
 * Findings are equal for de-duplication when file, line and rule agree.
 */
public record Finding(String file, int line, int column, Rule rule, String message) {

    public Severity severity() {
        return rule.severity();
    }

    /** {@code file:line:col: warning: text [rule-id]}, as compilers print. */
    public String text() {
        return file + ":" + line + ":" + column + ": " + severity().word() + ": " + message + " [" + rule.id() + "]";
    }

    /** The de-duplication key: the same rule on the same line of the same file is one finding. */
    String key() {
        return file + ":" + line + ":" + rule.id();
    }
}
