package org.dovelua.lua.shim.luasql;

import org.postgresql.util.ServerErrorMessage;

/**
 * A server's ErrorResponse as libpq 15 writes it into PQerrorMessage at the default verbosity
 * (fe-protocol3.c pqBuildErrorMessage3): {@code SEVERITY:  message}, the statement's line with a
 * caret under the error position, then {@code DETAIL:  }, {@code HINT:  } and {@code CONTEXT:  }.
 */
final class LibpqErrors {
    /** reportErrorPosition's screen width: longer lines are cut, which is not done here. */
    private static final int DISPLAY_SIZE = 60;

    private LibpqErrors() {
    }

    /** The text of {@code e}; {@code query} is the statement sent, null at connection time. */
    static String format(ServerErrorMessage e, String query) {
        StringBuilder b = new StringBuilder();
        b.append(e.getSeverity()).append(":  ").append(e.getMessage()).append('\n');
        if (query != null && e.getPosition() > 0) {
            position(b, query, e.getPosition());
        }
        field(b, "DETAIL", e.getDetail());
        field(b, "HINT", e.getHint());
        field(b, "CONTEXT", e.getWhere());
        return b.toString();
    }

    private static void field(StringBuilder b, String label, String value) {
        if (value != null) {
            b.append(label).append(":  ").append(value).append('\n');
        }
    }

    /**
     * reportErrorPosition for a one-line ASCII statement that fits the screen: {@code LINE 1: } and the
     * statement, and a caret under character {@code position} (1-based); other statements get no
     * position lines (a known gap).
     */
    private static void position(StringBuilder b, String query, int position) {
        if (query.indexOf('\n') >= 0 || query.indexOf('\r') >= 0 || query.indexOf('\t') >= 0
                || query.length() > DISPLAY_SIZE || !query.chars().allMatch(c -> c < 128)
                || position > query.length() + 1) {
            return;
        }
        String prefix = "LINE 1: ";
        b.append(prefix).append(query).append('\n');
        b.append(" ".repeat(prefix.length() + position - 1)).append("^\n");
    }
}
