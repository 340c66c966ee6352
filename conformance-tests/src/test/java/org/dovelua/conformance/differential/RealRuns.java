package org.dovelua.conformance.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * A case's runs against real Dovecot: one fresh case directory and one {@link RealDovecot} for all
 * of its runs, each answer normalised as dovelua's is.
 */
public final class RealRuns {
    private final Future<List<Outcome>> outcomes;

    /**
     * Starts the case's real side in {@code pool}, once per case file; when every run agrees with the
     * recording, {@code verified} gets a marker for the case.
     */
    public RealRuns(DifferentialCase c, DovecotRoot root, RealRunPool pool, VerifiedRecordings verified) {
        this.outcomes = pool.submit(() -> {
            List<Outcome> got = run(c, root);
            if (agree(c, got)) {
                verified.markVerified(c, root);
            }
            return got;
        });
    }

    /** Real Dovecot's answer to {@code run}, waiting for the case's real side if it is still running. */
    public Outcome of(CaseRun run) throws Exception {
        return RealRunPool.await(outcomes).get(run.number() - 1);
    }

    /** Whether every run's answer agrees with its recording, as the suite's real-side tests check. */
    static boolean agree(DifferentialCase c, List<Outcome> got) {
        return c.runs().stream().allMatch(r -> Comparison.differences(r, got.get(r.number() - 1)) == null);
    }

    static List<Outcome> run(DifferentialCase c, DovecotRoot root) throws Exception {
        CaseDir dir = root.newCaseDir(true);
        List<Outcome> res = new ArrayList<>();
        try (CaseFixtures http = CaseWriter.write(dir, c, true);
                DictServerFixture dict = new DictServerFixture(dir.host(), c.dictServer());
                RealDovecot dovecot = RealDovecot.start(root, dir)) {
            for (CaseRun run : c.runs()) {
                Thread.sleep(run.sleep() * 1000L);
                long before = dovecot.log().size();
                int wire = dict.mark();
                Command.Result r = SaslClientRun.is(run.args()) ? SaslClientRun.real(dir.host().resolve("run"),
                        run.args(dir.seen()), c.version(), c.debug()) : dovecot.doveadm(run.args(dir.seen()));
                // without a running Dovecot, doveadm's stderr (doveconf's Fatal line) is what there is to compare
                String fresh = dovecot.running() ? dovecot.log().settledSince(before, run.log().size()) : r.stderr();
                res.add(new Outcome(r.exitCode(), r.stdout().replace(dir.seen(), "%DIR%"),
                        LogNormaliser.real(fresh, dir.seen(), c.debug()), wireOf(dict.receivedSince(wire), dir.seen())));
            }
        }
        return res;
    }

    /** The case directory in wire lines (socket paths, keys) as {@code %DIR%}, as in stdout and the log. */
    static List<String> wireOf(List<String> lines, String dir) {
        return lines.stream().map(l -> l.replace(dir, "%DIR%")).toList();
    }
}
