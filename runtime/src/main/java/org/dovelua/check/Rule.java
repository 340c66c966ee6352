package org.dovelua.check;

import java.util.Arrays;
import java.util.List;

/**
 * The rule registry of {@code dovelua check}: every rule's id, severity and one-line summary.
 * {@code docs/check-rules.md} explains each with the Dovecot source it rests on
 * ({@code CheckRulesDocTest} keeps the two in step).
 */
public enum Rule {
    SYNTAX("syntax", Severity.ERROR, "The script does not parse: Dovecot fails to load it"),
    REQUEST_MEMBER("request-member", Severity.WARNING,
            "Reads a request member the chosen Dovecot version does not have (it is nil)"),
    HTTP_CLIENT_IGNORED("http-client-ignored", Severity.WARNING,
            "A dovecot.http.client setting 2.3 does not read (silently ignored)"),
    HTTP_CLIENT_UNKNOWN("http-client-unknown", Severity.ERROR,
            "A dovecot.http.client setting 2.4 refuses as unknown (the client is not created)"),
    HTTP_CLIENT_VALUE("http-client-value", Severity.ERROR,
            "A dovecot.http.client setting value Dovecot refuses (wrong type or form)"),
    RETURN_CODE("return-code", Severity.ERROR,
            "A lookup returns a result code that is not a number Dovecot knows"),
    RETURN_MISSING_VALUE("return-missing-value", Severity.ERROR,
            "A lookup returns no second value where the version requires one"),
    RETURN_VALUE_TYPE("return-value-type", Severity.ERROR,
            "A lookup's second value has a type the version refuses (string vs table)"),
    RETURN_FIELD_KEY("return-field-key", Severity.ERROR,
            "A returned field table has a key Dovecot skips, corrupts or crashes on"),
    RETURN_FIELD_NUMBER("return-field-number", Severity.WARNING,
            "A returned field value is a negative or fractional number Dovecot exports wrongly"),
    PASSWORD_VERIFY_NIL("password-verify-nil", Severity.ERROR,
            "req:password_verify() is given nil (2.3 crashes, 2.4 raises)"),
    PASSWORD_VERIFY_TRUTHY("password-verify-truthy", Severity.ERROR,
            "req:password_verify()'s result used as a condition: it is a number, always true"),
    RESULT_NUMBER_COMPARE("result-number-compare", Severity.WARNING,
            "A dovecot.auth result constant compared with a number literal"),
    RESULT_STRING_COMPARE("result-string-compare", Severity.ERROR,
            "A result constant compared with a string: never equal"),
    GLOBAL_WRITE("global-write", Severity.WARNING,
            "A global written from a request function: shared by every request of the process"),
    BLOCKING_CALL("blocking-call", Severity.WARNING,
            "A blocking call in a passdb/userdb that runs in the auth process (blocking=no)"),
    IO_OPEN_UNCHECKED("io-open-unchecked", Severity.WARNING,
            "io.open()'s result used without a nil check"),
    ITERATE_MISSING("iterate-missing", Severity.ERROR,
            "Users are iterated but the script has no auth_userdb_iterate"),
    PASSDB_UNREACHABLE("passdb-unreachable", Severity.WARNING,
            "A passdb that an earlier passdb's result_* rules never let a request reach"),
    SCHEME_CONTRADICTED("scheme-contradicted", Severity.WARNING,
            "The passdb's scheme= is contradicted by the {SCHEME} of passwords in the script");

    /**
     * Where the rules are explained, relative to the project root (SARIF's helpUri points at each
     * rule's section; the project has no published address to make it absolute).
     */
    public static final String DOCS = "docs/check-rules.md";

    private final String id;
    private final Severity severity;
    private final String summary;

    Rule(String id, Severity severity, String summary) {
        this.id = id;
        this.severity = severity;
        this.summary = summary;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String summary() {
        return summary;
    }

    /** The rule's section of {@code docs/check-rules.md} (GitHub's heading anchor is the id). */
    public String helpUri() {
        return DOCS + "#" + id;
    }

    public static List<Rule> all() {
        return Arrays.asList(values());
    }
}
