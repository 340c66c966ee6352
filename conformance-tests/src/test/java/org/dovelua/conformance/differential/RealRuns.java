package org.dovelua.conformance.differential;

import java.util.ArrayList;
import java.util.List;

/**
 * A case's runs against real Dovecot: one fresh case directory and one {@link RealDovecot} for all
 * of its runs, each answer normalised as dovelua's is.
 */
public final class RealRuns {
    private final DifferentialCase c;
    private final DovecotRoot root;
    private List<Outcome> outcomes;

    /** Real Dovecot is started lazily, once per case file, for whichever run asks first. */
    public RealRuns(DifferentialCase c, DovecotRoot root) {
        this.c = c;
        this.root = root;
    }

    public synchronized Outcome of(CaseRun run) throws Exception {
        if (outcomes == null) {
            outcomes = run(c, root);
        }
        return outcomes.get(run.number() - 1);
    }

    static List<Outcome> run(DifferentialCase c, DovecotRoot root) throws Exception {
        CaseDir dir = root.newCaseDir(true);
        List<Outcome> res = new ArrayList<>();
        try (CaseFixtures http = CaseWriter.write(dir, c, true);
                DictServerFixture dict = new DictServerFixture(dir.host(), c.dictServer());
                RealDovecot dovecot = RealDovecot.start(root, dir)) {
            for (CaseRun run : c.runs()) {
                long before = dovecot.log().size();
                int wire = dict.mark();
                Command.Result r = dovecot.doveadm(run.args(dir.seen()));
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
