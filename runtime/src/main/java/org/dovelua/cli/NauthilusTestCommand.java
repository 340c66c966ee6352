package org.dovelua.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dovelua.nauthilus.luatest.CallbackKind;
import org.dovelua.nauthilus.luatest.RunnerException;
import org.dovelua.nauthilus.luatest.TestModeModules;
import org.dovelua.nauthilus.luatest.TestResult;
import org.dovelua.nauthilus.luatest.NauthilusVersion;
import org.dovelua.nauthilus.luatest.TestRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dovelua nauthilus test}: Nauthilus's {@code --test-lua} mode (server/main.go
 * {@code runLuaTest}) with the same flags, stderr texts, result block and exit codes (0 iff the
 * test succeeded, 1 otherwise). Relative paths are taken from the working directory, as upstream's.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run a Nauthilus Lua plugin once against a fixture, as `nauthilus --test-lua` does.",
        footer = {"", "Prints the result block on stdout; exits 0 if the test succeeded, else 1.",
                "", "Example (in a Nauthilus checkout):",
                "  dovelua nauthilus test \\",
                "      --test-lua testdata/lua/plugins/cache_flush_wrapper.lua \\",
                "      --test-callback cache_flush \\",
                "      --test-mock testdata/lua/plugins/cache_flush_test.json"})
final class NauthilusTestCommand implements Callable<Integer> {
    @ParentCommand
    NauthilusCommand parent;

    @Option(names = "--test-lua", paramLabel = "SCRIPT", description = "The Lua script (plugin or wrapper) to test.")
    String script;

    @Option(names = "--test-callback", paramLabel = "KIND",
            description = "subject, environment, action, backend, hook or cache_flush.")
    String callback;

    @Option(names = "--test-mock", paramLabel = "FIXTURE.json", description = "The mock data (fixture) file.")
    String mock;

    @Option(names = "--nauthilus-version", paramLabel = "VERSION", defaultValue = "3.1",
            converter = VersionConverter.class,
            description = "The Nauthilus release whose test mode to emulate: 3.1 (default), 3.0 or 2 (2.x: FEATURE_*/"
                    + "FILTER_* constants, nauthilus_call_feature/filter, dynamic_loader).")
    NauthilusVersion version;

    @picocli.CommandLine.Mixin
    NauthilusNetworkOptions network;

    /** A bad value is a usage error naming the accepted ones. */
    static final class VersionConverter implements CommandLine.ITypeConverter<NauthilusVersion> {
        @Override
        public NauthilusVersion convert(String value) {
            NauthilusVersion v = NauthilusVersion.parse(value);
            if (v == null) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a Nauthilus version; accepted: "
                        + NauthilusVersion.ACCEPTED);
            }
            return v;
        }
    }

    @Override
    public Integer call() {
        DoveluaCommand root = parent.root;
        // main.go runLuaTest's flag checks, texts and exit code 1
        if (script == null || script.isEmpty()) {
            root.err.println("Error: --test-lua flag requires a script path");
            return 1;
        }
        if (callback == null || callback.isEmpty()) {
            root.err.println("Error: --test-callback flag is required (subject, environment, action, backend, hook, cache_flush)");
            return 1;
        }
        CallbackKind kind = CallbackKind.of(callback);
        if (kind == null) {
            root.err.println("Error: invalid callback type '" + callback
                    + "'. Valid types: subject, environment, action, backend, hook, cache_flush");
            return 1;
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        org.dovelua.api.SandboxNetwork net;
        try {
            net = network.start(root);
        } catch (DoveluaCommand.Exit e) {
            return e.code;
        }
        try (net) {
            return run(root, kind, workingDirectory, new org.dovelua.nauthilus.net.NetworkAccess(net.router(), net.shell()));
        }
    }

    private int run(DoveluaCommand root, CallbackKind kind, Path workingDirectory,
            org.dovelua.nauthilus.net.NetworkAccess access) {
        TestRunner runner;
        try {
            runner = TestRunner.create(script, kind, mock, TestModeModules.standard(), workingDirectory)
                    .version(version).network(access);
        } catch (RunnerException e) {
            root.err.println("Error creating test runner: " + e.getMessage());
            return 1;
        }
        TestResult result;
        try {
            result = runner.run();
        } catch (RunnerException e) {
            root.err.println("Error running test: " + e.getMessage());
            return 1;
        }
        runner.printResult(root.out, result);
        return TestRunner.exitCode(result);
    }
}
