package org.dovelua.conformance.differential;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.cli.Main;

/**
 * One run on dovelua, in-process through the CLI ({@code Main.capture}), with the same case
 * directory contents real Dovecot gets and a {@code --mount} of the path Dovecot sees. A case
 * with {@code one_auth_process: true} runs all its runs in one {@link Main.Session}, one auth
 * process as the one real Dovecot that answers them (the auth cache, script globals).
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
        try (CaseFixtures http = CaseWriter.write(dir, c, false);
                DictServerFixture dict = new DictServerFixture(dir.host(), c.dictServer())) {
            return runIn(null, run, dir, http, dict);
        }
    }

    /** Every run of a {@code one_auth_process} case, in order, in one session. */
    public static List<Result> runAll(DifferentialCase c, DovecotRoot root) throws Exception {
        CaseDir dir = root.newCaseDir(false);
        List<Result> results = new ArrayList<>();
        try (CaseFixtures http = CaseWriter.write(dir, c, false);
                DictServerFixture dict = new DictServerFixture(dir.host(), c.dictServer());
                Main.Session session = new Main.Session()) {
            for (CaseRun run : c.runs()) {
                session.advanceClock(run.sleep()); // the real side sleeps
                results.add(runIn(session, run, dir, http, dict));
            }
        }
        return results;
    }

    private static Result runIn(Main.Session session, CaseRun run, CaseDir dir, CaseFixtures http,
            DictServerFixture dict) throws Exception {
        DifferentialCase c = run.owner();
        int wireMark = dict.mark();
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
        argv.addAll(SaslClientRun.is(run.args()) ? SaslClientRun.doveluaArgs(run.args(dir.seen())) : run.args(dir.seen()));
        String[] args = argv.toArray(String[]::new);
        Main.Result r = session == null ? Main.capture(args) : Main.capture(session, args);
        List<String> wire = RealRuns.wireOf(dict.receivedSince(wireMark), dir.seen());
        // dovelua reads the config at its host path; Dovecot (and so its doveconf line) names the seen one
        String stderr = r.stderr().replace(dir.host().toString(), dir.seen());
        Outcome o = new Outcome(r.exitCode(), r.stdout().replace(dir.seen(), "%DIR%"),
                LogNormaliser.dovelua(stderr, dir.seen(), c.debug()), wire);
        return new Result(o, r.stderr());
    }
}
