package org.dovelua.testkit;

/**
 * Thrown when a known divergence's test passes: dovelua now behaves as the real thing does, so the
 * marker (annotation, {@code divergence:} entry) must be removed and the README's count lowered.
 * Mirrors jackson-core's {@code JacksonTestShouldFailException}.
 */
public final class KnownDivergenceFixed extends AssertionError {
    private static final long serialVersionUID = 1L;

    KnownDivergenceFixed(String where, String why) {
        super(where + ": known divergence is fixed, this now behaves as the real one does; remove its marker"
                + " and lower the README's count of open divergences (it was: " + why + ")");
    }
}
