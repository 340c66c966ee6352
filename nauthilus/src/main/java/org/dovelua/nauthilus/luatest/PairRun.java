package org.dovelua.nauthilus.luatest;

import java.nio.file.Path;
import org.dovelua.nauthilus.net.NetworkAccess;

/**
 * One pair of a directory run, run as {@code --test-lua SCRIPT --test-callback KIND --test-mock
 * FIXTURE} would run it (main.go runLuaTest), in the same JVM as the others: its result, or the
 * text main.go would have written to stderr ({@code Error creating test runner: ...},
 * {@code Error running test: ...}), or the pair's problem.
 */
public record PairRun(PluginPair pair, TestResult result, String error, CallTrace trace, long nanos) {
    public boolean passed() {
        return error == null && result != null && result.success;
    }

    /**
     * Runs the pair under {@code version}'s test mode with paths relative to {@code workingDirectory};
     * {@code traceCalls} records the module calls.
     */
    public static PairRun run(PluginPair pair, TestModeModules modules, NauthilusVersion version, NetworkAccess network,
            Path workingDirectory, boolean traceCalls) {
        long start = System.nanoTime();
        if (!pair.runnable()) {
            return new PairRun(pair, null, pair.problem(), null, 0);
        }
        TestRunner runner;
        try {
            runner = TestRunner.create(pair.script(), pair.kind(), pair.fixture(), modules, workingDirectory)
                    .version(version).network(network);
        } catch (RunnerException e) {
            return new PairRun(pair, null, "Error creating test runner: " + e.getMessage(), null,
                    System.nanoTime() - start);
        }
        CallTrace trace = traceCalls ? runner.traceCalls() : null;
        try {
            TestResult result = runner.run();
            return new PairRun(pair, result, null, trace, System.nanoTime() - start);
        } catch (RunnerException e) {
            return new PairRun(pair, null, "Error running test: " + e.getMessage(), trace, System.nanoTime() - start);
        }
    }
}
