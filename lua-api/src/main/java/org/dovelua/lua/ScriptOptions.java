package org.dovelua.lua;

import java.time.Duration;
import java.util.function.Consumer;
import org.dovelua.lua.http.HttpRouter;
import org.luaj.vm2.Globals;

/**
 * How a script state is set up: the per-call time budget and the sandbox installer that
 * replaces file and process access in the fresh globals (the virtual file system).
 */
public final class ScriptOptions {
    /** The default budget for one call into a script. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private Consumer<Globals> sandbox = g -> { };
    private Consumer<String> stdout = line -> { };
    private HttpRouter http = HttpRouter.offline();
    private org.dovelua.lua.coverage.Coverage coverage;
    private java.util.function.Function<String, java.util.Optional<java.nio.file.Path>> coverageFiles =
            name -> java.util.Optional.empty();
    private java.time.Clock clock = java.time.Clock.systemDefaultZone();
    private MemoryBudget memoryBudget = new MemoryBudget(MemoryBudget.DEFAULT_VSZ_LIMIT, "default_vsz_limit");

    public Duration callTimeout() {
        return callTimeout;
    }

    public ScriptOptions callTimeout(Duration timeout) {
        this.callTimeout = timeout;
        return this;
    }

    /**
     * Where lines a script writes to stdout ({@code print}, {@code io.write}) go. Dovecot's auth
     * processes have stdout on /dev/null (seen on 2.3.19), so the default drops them.
     */
    public Consumer<String> stdout() {
        return stdout;
    }

    public ScriptOptions stdout(Consumer<String> lines) {
        this.stdout = lines;
        return this;
    }

    /** Where {@code dovecot.http} requests go (stubs, recording); offline by default. */
    public HttpRouter http() {
        return http;
    }

    public ScriptOptions http(HttpRouter router) {
        this.http = router;
        return this;
    }

    /** How much the state may hold; the auth service's {@code vsz_limit} (256 MB) by default. */
    public MemoryBudget memoryBudget() {
        return memoryBudget;
    }

    public ScriptOptions memoryBudget(MemoryBudget budget) {
        this.memoryBudget = budget;
        return this;
    }

    /** The process's wall clock, which {@code os.time()} and {@code os.date()} read (default: the system's). */
    public java.time.Clock clock() {
        return clock;
    }

    public ScriptOptions clock(java.time.Clock processClock) {
        this.clock = java.util.Objects.requireNonNull(processClock);
        return this;
    }

    /** A copy, so one db's budget does not change another's options. */
    public ScriptOptions copy() {
        return new ScriptOptions().callTimeout(callTimeout).stdout(stdout).http(http).sandbox(sandbox)
                .memoryBudget(memoryBudget).coverage(coverage, coverageFiles).clock(clock);
    }

    /** The run's coverage each new state counts its lines into; null (the default): none counted. */
    public org.dovelua.lua.coverage.Coverage coverage() {
        return coverage;
    }

    /** Where a path the script sees is on this machine, for the main script's coverage record. */
    public java.util.function.Function<String, java.util.Optional<java.nio.file.Path>> coverageFiles() {
        return coverageFiles;
    }

    /**
     * Counts the lines of new states' file chunks into {@code run} ({@code --coverage});
     * {@code files} finds the main script's file through the state's file system.
     */
    public ScriptOptions coverage(org.dovelua.lua.coverage.Coverage run,
            java.util.function.Function<String, java.util.Optional<java.nio.file.Path>> files) {
        this.coverage = run;
        this.coverageFiles = files;
        return this;
    }

    public Consumer<Globals> sandbox() {
        return sandbox;
    }

    public ScriptOptions sandbox(Consumer<Globals> installer) {
        this.sandbox = installer;
        return this;
    }
}
