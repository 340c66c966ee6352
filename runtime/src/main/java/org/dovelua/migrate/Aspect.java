package org.dovelua.migrate;

/** One part of a case's answer that {@code dovelua migrate} compares between two releases. */
public enum Aspect {
    /** doveadm's exit code and the outcome's name (or why the case could not run). */
    RESULT("result"),
    /** The reply's fields as the auth server sent them. */
    FIELDS("fields"),
    /** What doveadm printed on stdout. */
    STDOUT("stdout"),
    /** The request's auth log lines. */
    LOGS("log"),
    /** The HTTP exchanges the scripts made ({@code HttpExchange}s, as {@code --trace-http} prints them). */
    HTTP("http"),
    /** The commands the scripts started ({@code ExecCall}s). */
    EXEC("exec");

    private final String label;

    Aspect(String label) {
        this.label = label;
    }

    /** The aspect's name in the report and in {@code --json}. */
    public String label() {
        return label;
    }
}
