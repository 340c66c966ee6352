package org.dovelua.testkit;

import java.util.Optional;

/**
 * One open known divergence as the report lists it: the module whose tests hold it, where its
 * marker is (a test method, a case file, a snippet), why dovelua differs, and, when the real side
 * could not run on this machine, why it was not checked (null when it was).
 */
public record Divergence(String module, String where, String why, String notChecked) {

    public Divergence {
        module = oneLine(module);
        where = oneLine(where);
        why = oneLine(why);
        notChecked = notChecked == null ? null : oneLine(notChecked);
    }

    /** The report line: tab-separated columns, so the aggregate check can read it back. */
    String line() {
        return module + '\t' + where + '\t' + why + (notChecked == null ? "" : "\tnot checked: " + notChecked);
    }

    /** A report line read back; empty for comments and the count line. */
    static Optional<Divergence> parse(String line) {
        if (line.startsWith("#")) {
            return Optional.empty();
        }
        String[] col = line.split("\t", -1);
        if (col.length < 3) {
            return Optional.empty();
        }
        String notChecked = col.length > 3 ? col[3].replaceFirst("^not checked: ", "") : null;
        return Optional.of(new Divergence(col[0], col[1], col[2], notChecked));
    }

    /** Tabs and line breaks would break the one-line-per-divergence format. */
    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\t\r\n]+", " ").trim();
    }
}
