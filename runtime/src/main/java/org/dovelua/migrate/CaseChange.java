package org.dovelua.migrate;

import java.util.List;
import org.dovelua.cases.Case;

/**
 * How one case's answer changed between the two releases.
 *
 * @param testCase the case
 * @param skipped whether the case file skips it (then nothing was compared)
 * @param passedFrom whether its expectations held under the old release
 * @param passedTo whether they hold under the new one
 * @param changes the aspects that differ, each with its cause
 * @param unstable aspects that differed between two runs under the same release (not compared)
 */
public record CaseChange(Case testCase, boolean skipped, boolean passedFrom, boolean passedTo,
        List<AspectChange> changes, List<Aspect> unstable) {
    public CaseChange {
        changes = List.copyOf(changes);
        unstable = List.copyOf(unstable);
    }

    /** Whether the new release answers this case otherwise. */
    public boolean changed() {
        return !changes.isEmpty();
    }

    /**
     * One aspect that differs: the old release's lines, the new one's and the rows that cause it.
     */
    public record AspectChange(Aspect aspect, List<String> from, List<String> to, Attribution attribution) {
        public AspectChange {
            from = List.copyOf(from);
            to = List.copyOf(to);
        }
    }
}
