package org.dovelua.nauthilus.luatest;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.dovelua.nauthilus.NauthilusMode;
import org.dovelua.nauthilus.net.NetworkAccess;

/**
 * {@code --mode both}: one script and fixture run in test mode and in production mode; each mode's
 * result block (or its runner error) is printed under a {@code --- mode: ... ---} line, then one
 * summary line saying whether the modes agree. The exit code is 0 iff both pass, so a plugin that
 * passes Nauthilus's test mode but would fail on a server is caught.
 */
public final class ModeComparison {
    /** One mode's outcome: the result, or the runner error (a load or fixture error) when there is none. */
    public record Outcome(NauthilusMode mode, TestResult result, String error) {
        public boolean passed() {
            return result != null && result.success;
        }

        /** The first reason it failed, or "" when it passed. */
        String reason() {
            if (error != null) {
                return error;
            }
            if (result == null || result.success) {
                return "";
            }
            return result.errors.isEmpty() ? "Success: false" : result.errors.get(0);
        }
    }

    private ModeComparison() {
    }

    /** Runs {@code callback} in {@code mode}; a kind the mode lacks is that mode's error. */
    public static Outcome run(NauthilusMode mode, NauthilusVersion version, NetworkAccess network, String script,
            String callback, String mock, Path workingDirectory, PrintWriter out) {
        CallbackKind kind = CallbackKind.of(callback, mode);
        if (kind == null) {
            return new Outcome(mode, null, "invalid callback type '" + callback + "'. Valid types: "
                    + CallbackKind.flags(mode));
        }
        TestRunner runner;
        try {
            runner = TestRunner.create(script, kind, mock, mode, workingDirectory).version(version).network(network);
        } catch (RunnerException e) {
            return new Outcome(mode, null, "Error creating test runner: " + e.getMessage());
        }
        try {
            TestResult r = runner.run();
            runner.printResult(out, r);
            return new Outcome(mode, r, null);
        } catch (RunnerException e) {
            return new Outcome(mode, null, "Error running test: " + e.getMessage());
        }
    }

    /** Both modes, each block under its header; returns the exit code (0 iff both pass). */
    public static int runBoth(NauthilusVersion version, NetworkAccess network, String script, String callback, String mock,
            Path workingDirectory, PrintWriter out) {
        Outcome[] outcomes = new Outcome[2];
        NauthilusMode[] modes = {NauthilusMode.TEST, NauthilusMode.PRODUCTION};
        for (int i = 0; i < 2; i++) {
            out.println("--- mode: " + modes[i].flag + " ---");
            out.flush();
            outcomes[i] = run(modes[i], version, network, script, callback, mock, workingDirectory, out);
            if (outcomes[i].error() != null) {
                out.println(outcomes[i].error());
            }
        }
        out.println(summary(outcomes[0], outcomes[1]));
        out.flush();
        return outcomes[0].passed() && outcomes[1].passed() ? 0 : 1;
    }

    /** The one-line difference. */
    public static String summary(Outcome test, Outcome production) {
        if (test.passed() && production.passed()) {
            return "Modes agree: passes in test mode and in production mode";
        }
        if (!test.passed() && !production.passed()) {
            return "Modes agree: fails in test mode (" + test.reason() + ") and in production mode ("
                    + production.reason() + ")";
        }
        if (test.passed()) {
            return "Modes differ: passes in test mode, fails in production mode: " + production.reason();
        }
        return "Modes differ: fails in test mode (" + test.reason() + "), passes in production mode";
    }
}
