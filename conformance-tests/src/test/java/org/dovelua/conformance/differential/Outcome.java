package org.dovelua.conformance.differential;

import java.util.List;

/** What one command answered on either side, after normalisation: exit code, stdout, auth log lines. */
public record Outcome(int exit, String stdout, List<String> log) {
}
