package org.dovelua.api;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.dovelua.auth.AuthSetup;
import org.dovelua.lua.dovecot.LogSink;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.lua.sandbox.ExecStub;
import org.dovelua.lua.sandbox.Shell;
import org.dovelua.lua.sandbox.VirtualFileSystem;
import org.dovelua.stubs.ExecStubFile;
import org.dovelua.stubs.StubFileException;
import org.dovelua.stubs.StubFiles;
import org.dovelua.stubs.StubServer;
import org.dovelua.version.DovecotVersion;

/** The setup of a {@link Dovelua}: the global options of the {@code dovelua} command line. */
public final class DoveluaBuilder {
    private java.util.function.LongSupplier clock = () -> System.currentTimeMillis() / 1000;
    private Path script;
    private Path config;
    private DovecotVersion version;
    private final Map<String, Path> mounts = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private boolean allowRealFs;
    private Duration timeout = Duration.ofSeconds(10);
    private org.dovelua.lua.coverage.Coverage coverage;
    private Boolean authDebug;
    private Boolean authVerbose;
    private boolean errorsOnly;
    private final List<StubRoute> stubs = new ArrayList<>();
    private boolean allowNetwork;
    private final Map<String, Path> sql = new LinkedHashMap<>();
    private final org.dovelua.dict.DictFixtures dicts = org.dovelua.dict.DictFixtures.none();
    private long httpMaxPayload = org.dovelua.lua.http.HttpRouter.DEFAULT_MAX_RESPONSE_PAYLOAD;
    private boolean traceHttp;
    private final List<ExecStub> execStubs = new ArrayList<>();
    private boolean allowExec;
    private PrintWriter liveOut;
    private PrintWriter liveErr;

    /** A URL prefix and how to make the stub that answers under it. */
    record StubRoute(String prefix, Supplier<StubServer> server) {
    }

    DoveluaBuilder() {
    }

    /** A single script used as Lua passdb and userdb ({@code --script}). */
    public DoveluaBuilder script(Path file) {
        this.script = file;
        return this;
    }

    /** A dovecot.conf to read ({@code -c}). */
    public DoveluaBuilder config(Path file) {
        this.config = file;
        return this;
    }

    /**
     * The Dovecot release to emulate, e.g. {@code 2.3.19} or {@code 2.4.1}.
     *
     * @throws IllegalArgumentException for a release dovelua does not emulate
     */
    public DoveluaBuilder version(String v) {
        return version(DovecotVersion.parse(v));
    }

    /** The Dovecot release to emulate. */
    public DoveluaBuilder version(DovecotVersion v) {
        this.version = v;
        return this;
    }

    /** Serves {@code absPath} (a file or directory) from {@code local} ({@code --mount}). */
    public DoveluaBuilder mount(String absPath, Path local) {
        mounts.put(absPath, local.toAbsolutePath().normalize());
        return this;
    }

    /**
     * {@code --mount ABS=LOCAL} options as written: a relative LOCAL is resolved against
     * {@code baseDir} and must exist.
     *
     * @throws IllegalArgumentException naming the option and the fix
     */
    public DoveluaBuilder mounts(List<String> specs, Path baseDir) {
        VirtualFileSystem parsed = VirtualFileSystem.parse(specs, baseDir);
        parsed.mounts().forEach(this::mount);
        return this;
    }

    /** An environment variable scripts see with {@code os.getenv} ({@code --env}). */
    public DoveluaBuilder env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Lets scripts read unmounted paths from the real file system ({@code --allow-fs}). */
    public DoveluaBuilder allowRealFs(boolean allow) {
        this.allowRealFs = allow;
        return this;
    }

    /** The time limit for one call into a script ({@code --timeout}, default 10 s). */
    public DoveluaBuilder timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /** Counts the lines the scripts run into {@code run} ({@code dovelua test --coverage}); null: off. */
    public DoveluaBuilder coverage(org.dovelua.lua.coverage.Coverage run) {
        this.coverage = run;
        return this;
    }

    /** Overrides the config's {@code auth_debug}. */
    public DoveluaBuilder authDebug(boolean on) {
        this.authDebug = on;
        return this;
    }

    /** Overrides the config's {@code auth_verbose}. */
    public DoveluaBuilder authVerbose(boolean on) {
        this.authVerbose = on;
        return this;
    }

    /**
     * The clock (seconds) the auth cache ages entries by ({@code auth_cache_ttl},
     * {@code auth_cache_negative_ttl}); by default the system's. A test advances its own instead of sleeping.
     */
    public DoveluaBuilder clock(java.util.function.LongSupplier seconds) {
        this.clock = java.util.Objects.requireNonNull(seconds);
        return this;
    }

    /**
     * {@code --log-level}: {@code debug} (auth_debug and auth_verbose), {@code info} (auth_verbose),
     * {@code warning} (neither) or {@code error} (neither, and only errors and worse are shown).
     *
     * @throws IllegalArgumentException for another level
     */
    public DoveluaBuilder logLevel(String level) {
        switch (level) {
            case "debug" -> logging(true, true, false);
            case "info" -> logging(false, true, false);
            case "warning" -> logging(false, false, false);
            case "error" -> logging(false, false, true);
            default -> throw new IllegalArgumentException("use debug, info, warning or error");
        }
        return this;
    }

    private void logging(boolean debug, boolean verbose, boolean onlyErrors) {
        this.authDebug = debug;
        this.authVerbose = verbose;
        this.errorsOnly = onlyErrors;
    }

    /**
     * Answers requests under {@code urlPrefix} ({@code scheme://host[:port][/path]}) with a stub
     * of {@code kind} ({@code static}, {@code nauthilus}, {@code nextcloud}) read from {@code file}
     * ({@code --stub URL=KIND:FILE}). The file is read here, so a malformed one fails at once.
     *
     * @throws IllegalArgumentException for a bad prefix, an unknown kind or a malformed file
     *     (the message names the file, line and column)
     */
    public DoveluaBuilder stub(String urlPrefix, String kind, Path file) {
        checkPrefix(urlPrefix);
        try {
            StubFiles.load(kind, file); // validates now; each build() starts its own server
        } catch (StubFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        stubs.add(new StubRoute(urlPrefix, () -> {
            try {
                return StubFiles.load(kind, file);
            } catch (StubFileException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }));
        return this;
    }

    /**
     * Answers requests under {@code urlPrefix} with a stub made by {@code server} (called once per
     * {@link #build()}); the {@link Dovelua} closes it.
     */
    public DoveluaBuilder stub(String urlPrefix, Supplier<StubServer> server) {
        checkPrefix(urlPrefix);
        stubs.add(new StubRoute(urlPrefix, server));
        return this;
    }

    private static void checkPrefix(String urlPrefix) {
        if (okhttp3.HttpUrl.parse(urlPrefix) == null) {
            throw new IllegalArgumentException("not an http(s) URL prefix: " + urlPrefix
                    + " (expected scheme://host[:port][/path])");
        }
    }

    /**
     * Answers commands that {@code io.popen}/{@code os.execute} run and {@code pattern} matches (a
     * glob over the whole command line: {@code *} any text, {@code ?} one character) with the stub
     * in {@code file} ({@code --exec 'PATTERN'=FILE}); the first matching stub answers. The file is
     * read here, so a malformed one fails at once.
     *
     * @throws IllegalArgumentException for a malformed file (the message names file, line and column)
     */
    public DoveluaBuilder exec(String pattern, Path file) {
        try {
            return exec(ExecStubFile.load(pattern, file));
        } catch (StubFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Answers the commands {@code stub}'s pattern matches with it. */
    public DoveluaBuilder exec(ExecStub stub) {
        execStubs.add(stub);
        return this;
    }

    /**
     * Runs commands no exec stub answers for real, through {@code /bin/sh -c}, with dovelua's
     * privileges ({@code --allow-exec}); without it they fail as missing programs do.
     */
    public DoveluaBuilder allowExec(boolean allow) {
        this.allowExec = allow;
        return this;
    }

    /**
     * Answers luasql connections to {@code url} ({@code mysql://HOST[:PORT]/DB} or
     * {@code postgres://...}) from an in-memory database loaded from {@code fixture}, a .sql file
     * with the schema and data ({@code --sql URL=FILE}).
     *
     * @throws IllegalArgumentException naming what is wrong with the url or the file
     */
    public DoveluaBuilder sql(String url, Path fixture) {
        org.dovelua.lua.shim.luasql.SqlServers.offline().route(url, fixture); // validates now
        sql.put(url, fixture);
        return this;
    }

    /**
     * Answers a dict driver's {@code redis:} or {@code proxy:} dictionary from {@code data} instead
     * of a server ({@code --dict URI=FILE}): {@code redis:host=H:port=P} (an in-process Redis seeded
     * from the file) or {@code proxy::NAME} (a built-in dict server answering from it).
     *
     * @throws IllegalArgumentException naming what is wrong with the uri or the file
     */
    public DoveluaBuilder dict(String uri, Path data) {
        dicts.add(uri, data); // validates now
        return this;
    }

    /** Lets requests to URLs without a stub reach the real network ({@code --allow-network}). */
    public DoveluaBuilder allowNetwork(boolean allow) {
        this.allowNetwork = allow;
        return this;
    }

    /**
     * The most bytes of one HTTP response payload a script gets ({@code --http-max-payload});
     * real Dovecot has no such ceiling (see {@code HttpRouter#maxResponsePayload}).
     */
    public DoveluaBuilder httpMaxPayload(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a payload ceiling cannot be negative: " + bytes);
        }
        this.httpMaxPayload = bytes;
        return this;
    }

    /** Writes every HTTP exchange to stderr as {@code dovelua: http: ...} lines ({@code --trace-http}). */
    public DoveluaBuilder traceHttp(boolean trace) {
        this.traceHttp = trace;
        return this;
    }

    /**
     * Also writes what each request prints, as it prints it, to these writers: the command line's
     * stdout and stderr. Results still carry their own copy.
     */
    public DoveluaBuilder output(PrintWriter out, PrintWriter err) {
        this.liveOut = out;
        this.liveErr = err;
        return this;
    }

    /** Starts the emulated auth process. */
    public Dovelua build() {
        if ((script == null) == (config == null)) {
            throw new IllegalStateException("give exactly one of config(dovecot.conf) or script(file.lua)");
        }
        return new Dovelua(this);
    }

    Path script() {
        return script;
    }

    Path config() {
        return config;
    }

    List<StubRoute> stubs() {
        return List.copyOf(stubs);
    }

    boolean allowNetwork() {
        return allowNetwork;
    }

    /** The database servers scripts reach through luasql: one per instance, reset before each case. */
    org.dovelua.lua.shim.luasql.SqlServers sqlServers() {
        org.dovelua.lua.shim.luasql.SqlServers servers = org.dovelua.lua.shim.luasql.SqlServers.offline()
                .allowNetwork(allowNetwork);
        sql.forEach(servers::route);
        return servers;
    }

    /** The offline dictionaries given with {@link #dict}. */
    org.dovelua.dict.DictFixtures dicts() {
        return dicts;
    }

    long httpMaxPayload() {
        return httpMaxPayload;
    }

    boolean traceHttp() {
        return traceHttp;
    }

    List<ExecStub> execStubs() {
        return List.copyOf(execStubs);
    }

    boolean allowExec() {
        return allowExec;
    }

    boolean errorsOnly() {
        return errorsOnly;
    }

    PrintWriter liveOut() {
        return liveOut;
    }

    PrintWriter liveErr() {
        return liveErr;
    }

    AuthSetup setup(LogSink sink, Consumer<String> hints, Consumer<String> scriptStdout, HttpRouter http,
            Shell shell, org.dovelua.lua.shim.luasql.SqlServers sqlServers) {
        VirtualFileSystem vfs = new VirtualFileSystem();
        mounts.forEach(vfs::mount);
        vfs.allowRealFs(allowRealFs);
        AuthSetup setup = new AuthSetup().vfs(vfs).http(http).sql(sqlServers).dicts(dicts).env(new LinkedHashMap<>(env)).hints(hints)
                .scriptStdout(scriptStdout).callTimeout(timeout).logging(authDebug, authVerbose).sink(sink)
                .shell(shell).clock(clock).coverage(coverage);
        if (version != null) {
            setup.version(version);
        }
        return setup;
    }
}
