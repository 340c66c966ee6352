package org.dovelua.conformance.differential;

import java.util.List;

/**
 * What one command answered on either side, after normalisation: exit code, stdout, auth log lines,
 * and the lines a case's dict server received ({@code wire}, empty without one).
 */
public record Outcome(int exit, String stdout, List<String> log, List<String> wire) {
    public Outcome(int exit, String stdout, List<String> log) {
        this(exit, stdout, log, List.of());
    }
}
