package org.dovelua.conformance.differential;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.cli.Main;

/**
 * One run on dovelua, in-process through the CLI ({@code Main.capture}), with the same case
 * directory contents real Dovecot gets and a {@code --mount} of the path Dovecot sees.
 */
public final class DoveluaRun {

    /** The normalised outcome, and dovelua's raw stderr for a failure message. */
    public record Result(Outcome outcome, String stderr) {
    }

    private DoveluaRun() {
    }

    public static Result run(CaseRun run, DovecotRoot root) throws Exception {
        DifferentialCase c = run.owner();
        CaseDir dir = root.newCaseDir(false);
        Main.Result r;
        int wireMark;
        List<String> wire;
        try (CaseFixtures http = CaseWriter.write(dir, c, false);
                DictServerFixture dict = new DictServerFixture(dir.host(), c.dictServer())) {
            wireMark = dict.mark();
            List<String> argv = new ArrayList<>(List.of("-c", dir.conf().toString(),
                    "--mount", dir.seen() + "=" + dir.host()));
            if (c.isVersion24()) {
                argv.addAll(List.of("--dovecot-version", c.version()));
            }
            if (http.http.active()) {
                argv.add("--allow-network"); // the case's server is a real loopback server, as for Dovecot
            }
            argv.addAll(http.redis.doveluaArgs()); // the case's Redis data, served offline
            for (String e : CaseWriter.envArgs(c, dir.seen(), http)) {
                argv.addAll(List.of("--env", e));
            }
            if (c.allowExec()) {
                argv.add("--allow-exec");
            }
            argv.addAll(run.args(dir.seen()));
            r = Main.capture(argv.toArray(String[]::new));
            wire = RealRuns.wireOf(dict.receivedSince(wireMark), dir.seen());
        }
        // dovelua reads the config at its host path; Dovecot (and so its doveconf line) names the seen one
        String stderr = r.stderr().replace(dir.host().toString(), dir.seen());
        Outcome o = new Outcome(r.exitCode(), r.stdout().replace(dir.seen(), "%DIR%"),
                LogNormaliser.dovelua(stderr, dir.seen(), c.debug()), wire);
        return new Result(o, r.stderr());
    }
}
