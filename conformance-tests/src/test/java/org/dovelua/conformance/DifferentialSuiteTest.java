package org.dovelua.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.dovelua.conformance.differential.CaseFiles;
import org.dovelua.conformance.differential.CaseRun;
import org.dovelua.conformance.differential.Comparison;
import org.dovelua.conformance.differential.DifferentialCase;
import org.dovelua.conformance.differential.DifferentialOptions;
import org.dovelua.conformance.differential.DovecotRoot;
import org.dovelua.conformance.differential.LogCoverage;
import org.dovelua.conformance.differential.DoveluaRun;
import org.dovelua.conformance.differential.RealRunPool;
import org.dovelua.conformance.differential.RealRuns;
import org.dovelua.conformance.differential.Recorder;
import org.dovelua.testkit.KnownDivergences;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential suite: every {@code src/test/resources/differential/*.yaml} case holds a script, config and
 * command lines together with what real Dovecot answered (stdout, exit code, normalised auth log). dovelua
 * is always compared against the recorded answer; when real Dovecot can run here it is run too and compared
 * against the recording, so recordings cannot drift from reality. Cases pinning {@code dovecot_version:
 * 2.4.x} run their real side in a chroot (2.4.5: forky, other 2.4: trixie). The harness is in {@code differential}; this class only
 * turns it into JUnit dynamic tests, two per run (see {@link DifferentialOptions} for the properties).
 * The real sides run in a bounded pool ahead of the tests, and a case whose real side agreed with
 * this very case file on this very Dovecot before is reported from the verified-recordings cache
 * instead (docs/differential-testing.md).
 *
 * <p>A {@code divergence:} entry (on a run, or on the case for all its runs) makes the dovelua side a
 * known divergence: it asserts real Dovecot's recorded answer and is expected to fail until dovelua agrees.
 */
class DifferentialSuiteTest {
    private static final LogCoverage LOG_COVERAGE = new LogCoverage();
    private final DifferentialOptions options = DifferentialOptions.fromSystemProperties();
    private int cachedCases;
    private int startedCases;

    @TestFactory
    Stream<DynamicNode> differential() throws Exception {
        List<Path> files = CaseFiles.list(CaseFiles.DIR, options.only());
        if (options.record()) {
            return files.stream().map(f -> DynamicTest.dynamicTest("record " + f.getFileName(), () -> {
                DifferentialCase c = CaseFiles.read(f);
                DovecotRoot root = root(c);
                Assumptions.assumeTrue(realAvailable(root), root.missing());
                Recorder.record(c, root, options.cache());
            }));
        }
        // every case's real side is started now, in file order, in the pool; the tests wait for their case's
        RealRunPool pool = new RealRunPool(options.jobs());
        List<DynamicNode> containers = new ArrayList<>();
        for (Path f : files) {
            containers.add(container(CaseFiles.read(f), pool));
        }
        if (options.real()) {
            System.out.printf("differential: real Dovecot runs %d of %d cases (%d at a time); %d verified from the cache %s%n",
                    startedCases, files.size(), pool.jobs(), cachedCases, options.cache());
        }
        return containers.stream().onClose(pool::shutdown);
    }

    private DynamicNode container(DifferentialCase c, RealRunPool pool) throws Exception {
        DovecotRoot root = root(c);
        Optional<String> cached = realAvailable(root) ? options.cache().verifiedOn(c, root) : Optional.empty();
        RealRuns real = realAvailable(root) && cached.isEmpty() ? new RealRuns(c, root, pool, options.cache()) : null;
        cachedCases += cached.isPresent() ? 1 : 0;
        startedCases += real != null ? 1 : 0;
        java.util.concurrent.atomic.AtomicReference<List<DoveluaRun.Result>> shared = new java.util.concurrent.atomic.AtomicReference<>();
        List<DynamicNode> tests = new ArrayList<>();
        for (CaseRun run : c.runs()) {
            String label = c.name() + " run " + run.number() + " " + run.args();
            tests.add(DynamicTest.dynamicTest(label + " [dovelua]", () -> checkDovelua(run, root, shared)));
            if (cached.isPresent()) {
                // the real side agreed with this very case file on this very Dovecot before: not run again
                tests.add(DynamicTest.dynamicTest(label + " [real dovecot (cached: verified on " + cached.get() + ")]",
                        () -> assertTrue(options.cache().verifiedOn(c, root).isPresent(),
                                run.where() + ": the verified-recordings marker in " + options.cache() + " is gone")));
                continue;
            }
            tests.add(DynamicTest.dynamicTest(label + " [real dovecot]", () -> {
                Assumptions.assumeTrue(realAvailable(root), root.missing());
                String diff = Comparison.differences(run, real.of(run));
                if (diff != null) {
                    fail(run.where() + ": real Dovecot no longer matches the recording"
                            + " (re-record with -Ddifferential.record=true)\n" + diff);
                }
            }));
        }
        return DynamicContainer.dynamicContainer(c.name(), tests);
    }

    private void checkDovelua(CaseRun run, DovecotRoot root,
            java.util.concurrent.atomic.AtomicReference<List<DoveluaRun.Result>> shared) throws Throwable {
        DoveluaRun.Result r;
        if (run.owner().oneAuthProcess()) {
            synchronized (shared) {
                if (shared.get() == null) {
                    shared.set(DoveluaRun.runAll(run.owner(), root)); // all runs, in order, in one auth process
                }
            }
            r = shared.get().get(run.number() - 1);
        } else {
            r = DoveluaRun.run(run, root);
        }
        String diff = Comparison.differences(run, r.outcome());
        LOG_COVERAGE.count(run, r.outcome().log());
        if (run.divergence() != null) {
            KnownDivergences.expectFailure("differential/" + run.where(), run.divergence(), () -> agrees(run, diff, r));
        } else {
            agrees(run, diff, r);
        }
    }

    @AfterAll
    static void printLogCoverage() {
        String summary = LOG_COVERAGE.summary();
        if (summary != null) {
            System.out.println(summary);
        }
    }

    private static void agrees(CaseRun run, String diff, DoveluaRun.Result r) {
        if (diff != null) {
            fail(run.where() + ": dovelua differs from real Dovecot\n" + diff + "\n--- dovelua stderr ---\n" + r.stderr());
        }
    }

    private DovecotRoot root(DifferentialCase c) {
        return DovecotRoot.of(c, options.trixie(), options.forky());
    }

    private boolean realAvailable(DovecotRoot root) {
        return options.real() && root.canRunServer();
    }
}
