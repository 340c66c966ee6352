package org.dovelua.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/**
 * The one known-divergence mechanism, after jackson-core's {@code tofix} tests: a divergence is a
 * check of the real behaviour that is expected to fail. {@link #expectFailure} is the programmatic
 * form for data-driven dynamic tests (differential cases, Lua snippets); {@link KnownDivergence}
 * the annotation for plain test methods. Every divergence still open is kept in this JVM's registry,
 * which {@link KnownDivergencesSessionListener} writes to {@code target/known-divergences.txt}.
 */
public final class KnownDivergences {
    /** Keyed by where, so a retried test counts once; insertion order is the order the tests ran. */
    private static final Map<String, Divergence> OPEN = new LinkedHashMap<>();

    private KnownDivergences() {
    }

    /**
     * Runs {@code realBehaviour}, assertions of what real Dovecot or Lua does. While they fail, the
     * divergence is recorded as open and this returns normally; once they pass, this throws
     * {@link KnownDivergenceFixed}. Other exceptions (an aborted assumption, an error in the test)
     * propagate unchanged: only a failed assertion shows the divergence is still there.
     */
    public static void expectFailure(String where, String why, Executable realBehaviour) throws Throwable {
        try {
            realBehaviour.execute();
        } catch (AssertionError stillDiffers) {
            record(new Divergence(module(), where, why, null));
            return;
        }
        throw new KnownDivergenceFixed(where, why);
    }

    /**
     * Records a divergence whose real side cannot run on this machine (say lua5.4 is missing): it
     * is still declared, so it still counts, with the reason it was not checked.
     */
    public static void unchecked(String where, String why, String reason) {
        record(new Divergence(module(), where, why, reason));
    }

    /** Adds divergences other modules reported, so this JVM's report becomes their aggregate. */
    public static synchronized void include(Collection<Divergence> fromOtherModules) {
        fromOtherModules.forEach(d -> OPEN.putIfAbsent(d.module() + '\t' + d.where(), d));
    }

    /** Every divergence recorded in this JVM so far. */
    public static synchronized List<Divergence> open() {
        return new ArrayList<>(OPEN.values());
    }

    private static synchronized void record(Divergence d) {
        OPEN.put(d.module() + '\t' + d.where(), d);
    }

    /** For testkit's own tests, which record sample divergences that must not reach the report. */
    static synchronized void forget(String where) {
        OPEN.values().removeIf(d -> d.where().equals(where));
    }

    /**
     * The module whose tests run in this JVM: Surefire runs them in the module's directory, so its
     * name is the module's ({@code lua-api}, {@code runtime}, {@code conformance-tests}).
     */
    static String module() {
        Path dir = Path.of("").toAbsolutePath().getFileName();
        return dir == null ? "" : dir.toString();
    }
}
