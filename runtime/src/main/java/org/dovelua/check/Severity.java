package org.dovelua.check;

import java.util.Locale;

/** How bad a finding is: {@code error} when real Dovecot fails, panics or refuses; {@code warning} otherwise. */
public enum Severity {
    WARNING, ERROR;

    /** The word in {@code file:line:col: warning: ...} and SARIF's {@code level}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
