package org.dovelua.migrate;

import java.util.List;
import org.dovelua.version.Since;

/**
 * Which rows of the version table cause one difference, found by running the case again under
 * the new release with rows answered as the old release answers them.
 *
 * @param kind how sure: one row (reverting it alone restores the old answer), several together
 *     (only reverting them all does), or none of the table's rows
 * @param rows the rows, in table order (for {@link Kind#SINGLE} each restores the old answer alone)
 */
public record Attribution(Kind kind, List<Since> rows) {
    public enum Kind {
        /** Reverting any one of {@code rows} alone restores the old answer. */
        SINGLE,
        /** No single revert restores it; reverting {@code rows} together does. */
        TOGETHER,
        /** Reverting every consulted row that differs does not restore it: not caused by the table. */
        NONE
    }

    public Attribution {
        rows = List.copyOf(rows);
    }

    /** The report's wording. */
    public String describe() {
        switch (kind) {
            case SINGLE:
                return rows.size() == 1 ? "caused by " + rows.get(0)
                        : "caused by each of " + names() + " (reverting any one restores the old answer)";
            case TOGETHER:
                return "caused by several rules together: " + names();
            default:
                return "not attributed: reverting the rules this case consulted does not restore the old answer";
        }
    }

    private String names() {
        return String.join(", ", rows.stream().map(Since::name).toList());
    }
}
