package org.dovelua.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dovelua.nauthilus.NauthilusMode;
import org.dovelua.nauthilus.luatest.CallTrace;
import org.dovelua.nauthilus.luatest.CallbackKind;
import org.dovelua.nauthilus.luatest.ModeComparison;
import org.dovelua.nauthilus.luatest.NauthilusVersion;
import org.dovelua.nauthilus.luatest.RunnerException;
import org.dovelua.nauthilus.luatest.TestResult;
import org.dovelua.nauthilus.luatest.TestRunner;
import org.dovelua.nauthilus.net.NetworkAccess;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dovelua nauthilus test}: Nauthilus's {@code --test-lua} mode (server/main.go
 * {@code runLuaTest}) with the same flags, stderr texts, result block and exit codes (0 iff the
 * test succeeded, 1 otherwise). Relative paths are taken from the working directory, as upstream's.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run a Nauthilus Lua plugin once against a fixture, as `nauthilus --test-lua` does.",
        footer = {"", "Prints the result block on stdout; exits 0 if the test succeeded, else 1.",
                "With DIR: each <name>_wrapper.lua / <name>_test.json pair below DIR, its kind",
                "from the name's prefix (subject_, environment_, action_, backend_, hook_,",
                "cache_flush), all in one JVM: a line per pair, each failure's result block,",
                "then `N passed, N failed`; exits 0 iff all pass.",
                "", "Example (in a Nauthilus checkout):",
                "  dovelua nauthilus test \\",
                "      --test-lua testdata/lua/plugins/cache_flush_wrapper.lua \\",
                "      --test-callback cache_flush \\",
                "      --test-mock testdata/lua/plugins/cache_flush_test.json",
                "", "--mode production runs the plugin as a Nauthilus 3.1 server would (production module",
                "names and functions, the full request table, nauthilus_util from its Lua file on",
                "package.path) and adds the backend kinds backend_list_accounts, backend_add_totp,",
                "backend_delete_totp, backend_add_totp_recovery_codes, backend_delete_totp_recovery_codes,",
                "backend_get_webauthn_credentials, backend_save_webauthn_credential,",
                "backend_delete_webauthn_credential and backend_update_webauthn_credential.",
                "--mode both runs test then production mode, prints both blocks and one summary line;",
                "it exits 0 only if both pass."})
final class NauthilusTestCommand implements Callable<Integer> {
    @ParentCommand
    NauthilusCommand parent;

    @Option(names = "--test-lua", paramLabel = "SCRIPT", description = "The Lua script (plugin or wrapper) to test.")
    String script;

    @Option(names = "--test-callback", paramLabel = "KIND",
            description = "subject, environment, action, backend, hook or cache_flush; in production mode also the"
                    + " backend_* kinds listed below.")
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

    @Parameters(paramLabel = "DIR", arity = "0..*",
            description = "Run every <name>_wrapper.lua/<name>_test.json pair below DIR (instead of --test-lua).")
    List<String> directories = List.of();

    @Option(names = "--junit-xml", paramLabel = "PATH", description = "With DIR: also write a Surefire-style JUnit XML report.")
    Path junitXml;

    @Option(names = "--trace-calls",
            description = "Also print each module call the plugin made, as the fixture's expected_calls JSON (dovelua extra).")
    boolean traceCalls;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "test",
            description = "test (default: Nauthilus's --test-lua), production, or both.")
    String mode;

    @Override
    public Integer call() {
        DoveluaCommand root = parent.root;
        if (!directories.isEmpty()) {
            if (script != null || callback != null || mock != null) {
                root.err.println("Error: give either DIR or --test-lua/--test-callback/--test-mock, not both");
                return 1;
            }
            if (!"test".equals(mode)) {
                // the pairs are --test-lua fixtures: upstream runs them in test mode only
                root.err.println("Error: --mode " + mode + " needs --test-lua; a DIR of pairs runs in test mode");
                return 1;
            }
            return withNetwork(root, access -> new NauthilusPairsRun(root, version, access, traceCalls, junitXml)
                    .run(directories));
        }
        if (junitXml != null) {
            root.err.println("Error: --junit-xml needs a DIR of pairs");
            return 1;
        }
        // main.go runLuaTest's flag checks, texts and exit code 1
        if (script == null || script.isEmpty()) {
            root.err.println("Error: --test-lua flag requires a script path");
            return 1;
        }
        boolean both = "both".equals(mode);
        NauthilusMode runMode = both ? NauthilusMode.PRODUCTION : NauthilusMode.of(mode);
        if (runMode == null) {
            root.err.println("Error: invalid mode '" + mode + "'. Valid modes: test, production, both");
            return 1;
        }
        if (callback == null || callback.isEmpty()) {
            root.err.println("Error: --test-callback flag is required (subject, environment, action, backend, hook, cache_flush)");
            return 1;
        }
        CallbackKind kind = CallbackKind.of(callback, runMode);
        if (kind == null) {
            root.err.println("Error: invalid callback type '" + callback + "'. Valid types: "
                    + CallbackKind.flags(runMode));
            return 1;
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        return withNetwork(root, access -> both
                ? ModeComparison.runBoth(version, access, script, callback, mock, workingDirectory, root.out)
                : run(root, kind, runMode, workingDirectory, access));
    }

    /** Starts the stubs and the shell of --stub/--exec for {@code work}, and stops them after it. */
    private int withNetwork(DoveluaCommand root, java.util.function.ToIntFunction<NetworkAccess> work) {
        org.dovelua.api.SandboxNetwork net;
        try {
            net = network.start(root);
        } catch (DoveluaCommand.Exit e) {
            return e.code;
        }
        try (net) {
            return work.applyAsInt(new NetworkAccess(net.router(), net.shell()));
        }
    }

    private int run(DoveluaCommand root, CallbackKind kind, NauthilusMode runMode, Path workingDirectory,
            NetworkAccess access) {
        TestRunner runner;
        try {
            runner = TestRunner.create(script, kind, mock, runMode, workingDirectory).version(version).network(access);
        } catch (RunnerException e) {
            root.err.println("Error creating test runner: " + e.getMessage());
            return 1;
        }
        CallTrace trace = traceCalls ? runner.traceCalls() : null;
        TestResult result;
        try {
            result = runner.run();
        } catch (RunnerException e) {
            root.err.println("Error running test: " + e.getMessage());
            return 1;
        }
        runner.printResult(root.out, result);
        if (trace != null) {
            root.out.print(trace.json()); // after the block, so the block stays byte-identical to upstream's
            root.out.flush();
        }
        return TestRunner.exitCode(result);
    }
}
