package org.dovelua.check;

/**
 * One thing {@code dovelua check} found: where (1-based line and column), which rule, what.
 * A finding from running cases is a duplicate of a static one when file, line and rule agree.
 */
public record Finding(String file, int line, int column, Rule rule, String message) {

    public Severity severity() {
        return rule.severity();
    }

    /** {@code file:line:col: warning: text [rule-id]}, as compilers print. */
    public String text() {
        return file + ":" + line + ":" + column + ": " + severity().word() + ": " + message + " [" + rule.id() + "]";
    }

    /** The line key: a dynamic finding with the same file, line and rule as another is not added. */
    String key() {
        return file + ":" + line + ":" + rule.id();
    }
}
