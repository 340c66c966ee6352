package org.dovelua.nauthilus.luatest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dovelua.lua.gopher.GopherState;
import org.dovelua.nauthilus.NauthilusMode;
import org.dovelua.nauthilus.RequestContext;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.ResourceFinder;

/**
 * Nauthilus's {@code --test-lua} runner ({@code server/testing/luatest/runner.go} {@code TestRunner.Run}):
 * prepare the state (package.path, mocks, globals), run the script once, call the entry function of
 * the kind with the test request table, check its return values, validate every block's
 * {@code expected_calls}, then {@code expected_output}. Relative paths (the script, the fixture,
 * {@code server/lua-plugins.d/share}, {@code dofile}) resolve against {@code workingDirectory}, which
 * stands for the process's working directory.
 *
 * <p>In {@link NauthilusMode#PRODUCTION} the same run emulates a Nauthilus 3.1 server instead:
 * {@link ProductionModules}, {@link RequestTable#production}, {@link BuiltinTable#forKind}, no
 * {@code __test_context}, the {@code nauthilus_backend_result} global only where production binds it,
 * the production-only backend kinds, and backend return values read as backend/lua.go
 * {@code handleReturnTypes} reads them.
 */
public final class TestRunner {
    /** The runner.go validation order (runtimeExpectationValidators). */
    static final List<String> VALIDATION_ORDER = List.of("db", "context", "redis", "policy", "i18n", "ldap",
            "backend", "backend_result", "http_request", "http_response", "http_client", "dns", "opentelemetry",
            "brute_force", "psnet", "prometheus", "util", "cache", "misc", "password", "soft_whitelist", "mail");

    private final String scriptPath;
    private final CallbackKind kind;
    private final MockData data;
    private final TestModeModules modules;
    private final Path workingDirectory;
    private final NauthilusMode mode;
    private final MockLogger logger = new MockLogger();
    private NauthilusVersion version = NauthilusVersion.DEFAULT;
    private java.util.Map<String, String> environment = System.getenv();
    /** Why a network or command module could not be answered (the default router's hints), in order. */
    private final List<String> hints = new ArrayList<>();
    /** Where glua_http, tcp and cmd go: offline by default (no stubs, no commands). */
    private org.dovelua.nauthilus.net.NetworkAccess network = org.dovelua.nauthilus.net.NetworkAccess.offline(hints::add);
    /** What production would log as warnings (dynamic_loader calls), in order. */
    private final List<String> warnings = new ArrayList<>();
    private RequestContext context;
    private java.util.function.Consumer<RunEnd> atEnd;

    private org.dovelua.lua.coverage.Coverage coverage;

    public TestRunner(String scriptPath, CallbackKind kind, MockData data, TestModeModules modules, Path workingDirectory) {
        this(scriptPath, kind, data, modules, workingDirectory, NauthilusMode.TEST);
    }

    /** A run in {@code mode} with the given modules (normally {@link TestModeModules#standard(NauthilusMode)}). */
    public TestRunner(String scriptPath, CallbackKind kind, MockData data, TestModeModules modules, Path workingDirectory,
            NauthilusMode mode) {
        if (kind.productionOnly && mode != NauthilusMode.PRODUCTION) {
            throw new IllegalArgumentException("test mode has no callback kind " + kind.flag);
        }
        this.scriptPath = scriptPath;
        this.kind = kind;
        this.data = data;
        this.modules = modules;
        this.workingDirectory = workingDirectory;
        this.mode = mode;
    }

    /** {@link #create(String, CallbackKind, String, TestModeModules, Path)} with {@code mode}'s standard modules. */
    public static TestRunner create(String scriptPath, CallbackKind kind, String mockDataPath, NauthilusMode mode,
            Path workingDirectory) throws RunnerException {
        return new TestRunner(scriptPath, kind, loadMockData(mockDataPath, workingDirectory),
                TestModeModules.standard(mode), workingDirectory, mode);
    }

    public NauthilusMode mode() {
        return mode;
    }

    /** runner.go NewTestRunner: the fixture is read now (errors: {@code failed to load mock data: ...}). */
    public static TestRunner create(String scriptPath, CallbackKind kind, String mockDataPath, TestModeModules modules,
            Path workingDirectory) throws RunnerException {
        return new TestRunner(scriptPath, kind, loadMockData(mockDataPath, workingDirectory), modules, workingDirectory);
    }

    private static MockData loadMockData(String mockDataPath, Path workingDirectory) throws RunnerException {
        if (mockDataPath == null || mockDataPath.isEmpty()) {
            return MockData.empty();
        }
        try {
            return MockData.load(workingDirectory.resolve(mockDataPath), mockDataPath);
        } catch (RunnerException e) {
            throw new RunnerException("failed to load mock data: " + e.getMessage());
        }
    }

    /** The release whose test mode this run emulates ({@code --nauthilus-version}). */
    public TestRunner version(NauthilusVersion v) {
        this.version = v;
        return this;
    }

    /** The variables os.getenv sees (default: the process's). */
    public TestRunner environment(java.util.Map<String, String> env) {
        this.environment = java.util.Map.copyOf(env);
        return this;
    }

    /**
     * The router ({@code --stub}, {@code --allow-network}) and shell ({@code --exec},
     * {@code --allow-exec}) the network and command modules reach; hints go to the router's sink.
     */
    public TestRunner network(org.dovelua.nauthilus.net.NetworkAccess access) {
        this.network = access;
        return this;
    }

    /** The hints of the default (offline) network access, in order. */
    public List<String> hints() {
        return List.copyOf(hints);
    }

    /** The warnings of the last run (2.x: one per dynamic_loader call). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public String scriptPath() {
        return scriptPath;
    }

    public CallbackKind kind() {
        return kind;
    }

    /** --trace-calls: the module calls of the next run are recorded into the returned trace. */
    public CallTrace traceCalls() {
        CallTrace trace = new CallTrace();
        data.traceInto(trace);
        return trace;
    }

    /**
     * Shows {@code inspector} what the run left (context, modules) after validation and before the
     * modules close; a dovelua extension for the YAML cases' checks, not part of runner.go.
     */
    public TestRunner atEnd(java.util.function.Consumer<RunEnd> inspector) {
        this.atEnd = inspector;
        return this;
    }

    /** What the run's modules hold open (nauthilus_redis's server), closed when the run ends. */
    private final List<AutoCloseable> opened = new ArrayList<>();

    private void closeModules() {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                // the run is over; a module that fails to close leaves nothing a later run sees
            }
        }
        opened.clear();
    }

    /** Counts the plugin's lines (and its {@code require}d files') into {@code run} ({@code dovelua test --coverage}). */
    public TestRunner coverage(org.dovelua.lua.coverage.Coverage run) {
        this.coverage = run;
        return this;
    }

    /** runner.go Run. A load error of the script is thrown ({@code failed to load Lua script: ...}). */
    public TestResult run() throws RunnerException {
        org.dovelua.lua.coverage.LineHook lines = coverage == null ? null : coverage.newState(name -> {
            Path p = workingDirectory.resolve(name);
            return Files.isRegularFile(p) ? java.util.Optional.of(p) : java.util.Optional.empty();
        });
        try (GopherState state = GopherState.create(lines)) {
            Globals g = state.globals();
            return state.call(() -> runIn(state, g));
        } catch (RunnerLoadError e) {
            throw new RunnerException(e.getMessage());
        } finally {
            closeModules();
        }
    }

    /** Carries the load error out of the state's thread. */
    private static final class RunnerLoadError extends RuntimeException {
        RunnerLoadError(String message) {
            super(message, null, false, false);
        }
    }

    private TestResult runIn(GopherState state, Globals g) {
        prepare(g);
        TestResult result;
        try {
            result = execute(state, g);
        } catch (CallbackError e) {
            // executeLuaScript: a callback error replaces whatever the callback produced
            result = new TestResult();
            result.errors.add(e.getMessage());
        }
        result.logs = logger.logs;
        result.statusMessages = logger.statusMessages;
        captureBackendSelection(result);
        validateRuntimeExpectations(result);
        if (data.has("expected_output")) {
            ExpectedOutput.validate(result, data.block("expected_output"));
        }
        if (atEnd != null) {
            List<Object> made = new ArrayList<>(opened);
            atEnd.accept(new RunEnd(context, made));
        }
        return result;
    }

    /** A callback failure (runner.go executeCallback's error). */
    static final class CallbackError extends Exception {
        CallbackError(String message) {
            super(message, null, false, false);
        }
    }

    // ---- prepareLuaState / SetupMockModules

    private void prepare(Globals g) {
        g.finder = new WorkingDirectoryFinder(workingDirectory);
        configurePackagePath(g);
        if (g.get("os").istable()) {
            g.get("os").set("getenv", new OsGetenv(environment));
        }
        LuaTable preload = (LuaTable) g.get("package").get("preload");
        for (String name : TestModeModules.NOT_EMULATED) {
            if (!modules.provides(name)) {
                preload.rawset(name, TestModeModules.notEmulatedLoader(name));
            }
        }
        // setupLuaTestRequestEnvironment: __NAUTH_REQ_ENV with the request context, fixture fields copied in
        LuaTable reqEnv = new LuaTable();
        g.set(RequestContext.REQ_ENV, reqEnv);
        RequestContext ctx = new RequestContext();
        context = ctx;
        if (data.has("context")) {
            populateContext(ctx, data.block("context"));
        }
        reqEnv.rawset(RequestContext.ENV_KEY, new LuaUserdata(ctx));
        for (String name : modules.names()) {
            if (version.absentModules.contains(name)) {
                continue;
            }
            preload.rawset(name, modules.loader(name, data, g, opened, network));
        }
        // test mode: preloadBackendResultMockModule makes the module a global in every kind; production
        // only in backend scripts (backend/lua.go bindBackendResultModule) and subject sources (subject.go)
        boolean backendResultGlobal = mode == NauthilusMode.TEST || kind.isBackendCommand()
                || kind == CallbackKind.SUBJECT;
        if (backendResultGlobal && modules.provides("nauthilus_backend_result")) {
            g.set("nauthilus_backend_result", preload.get("nauthilus_backend_result")
                    .call(LuaValue.valueOf("nauthilus_backend_result"), g));
        }
        LuaTable builtin = mode == NauthilusMode.TEST ? BuiltinTable.create(logger, version.constants)
                : BuiltinTable.forKind(kind, logger, version.constants);
        if (builtin != null) {
            g.set("nauthilus_builtin", builtin);
        }
        if (version.dynamicLoader) {
            g.set("dynamic_loader", new DynamicLoader(warnings::add));
        }
        if (mode == NauthilusMode.PRODUCTION) {
            ProductionUtilCalls.bindEnvironment(g, data.block("util"));
            ProductionUtilCalls.recordOnLoad(g, data.calls("util"));
        }
        if (mode == NauthilusMode.TEST && data.has("context")) {
            // setupLuaTestContextGlobal: convert.GoToLuaValue(context.Background()) is its %v text
            g.set("__test_context", LuaValue.valueOf("context.Background"));
        }
    }

    /** mocks.go populateLuaTestContext: the production key names (client_hostname, brute_force_counter). */
    private static void populateContext(RequestContext ctx, JsonNode c) {
        for (String k : new String[] {"username", "password", "client_ip", "client_port"}) {
            ctx.set(k, c.path(k).asText(""));
        }
        ctx.set("client_hostname", c.path("client_host").asText(""));
        for (String k : new String[] {"client_id", "local_ip", "local_port", "service", "protocol", "user_agent",
                "session"}) {
            ctx.set(k, c.path(k).asText(""));
        }
        for (String k : new String[] {"debug", "no_auth", "authenticated", "user_found"}) {
            ctx.set(k, c.path(k).asBoolean(false));
        }
        for (String k : new String[] {"account", "unique_user_id", "display_name", "status_message"}) {
            ctx.set(k, c.path(k).asText(""));
        }
        // a Go int, which GoToLuaValue turns into its %v text
        ctx.set("brute_force_counter", new GoInt(c.path("brute_force_count").asLong(0)));
        c.path("attributes").fields().forEachRemaining(e -> ctx.set(e.getKey(), e.getValue().asText("")));
    }

    /** A Go {@code int}: not one of GoToLuaValue's scalar cases, so it reaches Lua as {@code fmt.Sprintf("%v")}. */
    record GoInt(long value) {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** runner.go configureLuaPackagePath (nothing added when the script's directory is "." or empty). */
    private void configurePackagePath(Globals g) {
        String dir = goDir(scriptPath);
        if (dir.equals(".") || dir.isEmpty()) {
            return;
        }
        LuaValue pkg = g.get("package");
        if (!pkg.istable()) {
            return;
        }
        String current = pkg.get("path").isstring() ? pkg.get("path").tojstring() : "";
        List<String> extra = new ArrayList<>(List.of(goClean(dir + "/?.lua"), goClean(dir + "/?/init.lua"),
                goClean(dir + "/lib/?.lua"), goClean(dir + "/lib/?/init.lua")));
        for (String e : version.scriptShareEntries) {
            extra.add(goClean(dir + "/" + e));
        }
        extra.addAll(version.workingShareEntries);
        String path = String.join(";", extra);
        if (!current.isEmpty()) {
            path = path + ";" + current;
        }
        pkg.set("path", path);
    }

    /** Go filepath.Dir. */
    static String goDir(String p) {
        int i = p.lastIndexOf('/');
        return goClean(i < 0 ? "" : p.substring(0, i + 1));
    }

    /** Go filepath.Clean (Unix). */
    static String goClean(String p) {
        if (p.isEmpty()) {
            return ".";
        }
        boolean rooted = p.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                } else if (!rooted) {
                    out.add("..");
                }
            } else {
                out.add(part);
            }
        }
        String s = String.join("/", out);
        if (rooted) {
            return "/" + s;
        }
        return s.isEmpty() ? "." : s;
    }

    // ---- executeLuaScript

    private TestResult execute(GopherState state, Globals g) throws CallbackError {
        Path file = workingDirectory.resolve(scriptPath);
        byte[] source;
        try {
            source = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RunnerLoadError("failed to load Lua script: open " + scriptPath + ": no such file or directory");
        } catch (IOException e) {
            throw new RunnerLoadError("failed to load Lua script: open " + scriptPath + ": " + e.getMessage());
        }
        try {
            if (GopherState.lineHook(g) != null) {
                GopherState.lineHook(g).fileChunk("@" + scriptPath, file);
            }
            LuaFunction chunk = state.load("@" + scriptPath, source);
            chunk.invoke();

        } catch (LuaError e) {
            throw new RunnerLoadError("failed to load Lua script: " + errorText(e));
        }
        return executeCallback(g);
    }

    /** gopher-lua's ApiError text of a protected call without handler: the error value's text, no traceback. */
    static String errorText(LuaError e) {
        LuaValue v = e.getMessageObject();
        String text = v != null && !v.isnil() ? v.tojstring() : String.valueOf(e.getMessage());
        int tb = text.indexOf("\nstack traceback:"); // LuaJ appends one when the debug library is loaded
        return tb >= 0 ? text.substring(0, tb) : text;
    }

    private LuaValue resolve(Globals g) {
        if (kind.requestEnvFirst) {
            LuaValue env = g.get(RequestContext.REQ_ENV);
            if (env.istable()) {
                LuaValue fn = env.get(version.entry(kind));
                if (!fn.isnil()) {
                    return fn;
                }
            }
        }
        return g.get(version.entry(kind));
    }

    private TestResult executeCallback(Globals g) throws CallbackError {
        TestResult result = new TestResult();
        LuaValue fn = resolve(g);
        if (!fn.isfunction()) {
            throw new CallbackError(version.entry(kind) + " function not found in script");
        }
        LuaTable request = mode == NauthilusMode.TEST ? RequestTable.create(data) : RequestTable.production(data);
        Varargs ret;
        try {
            ret = fn.invoke(request);
        } catch (LuaError e) {
            throw new CallbackError(failedPrefix() + " failed: " + errorText(e));
        } catch (StackOverflowError e) {
            throw new CallbackError(failedPrefix() + " failed: stack overflow");
        }
        if (mode == NauthilusMode.PRODUCTION && kind.isBackendCommand()) {
            ProductionBackendReturn.read(kind, result, ret);
            return result;
        }
        switch (kind) {
            case SUBJECT -> CallbackReturns.subject(result, ret, version.errorLabel(kind));
            case ENVIRONMENT -> CallbackReturns.environment(result, ret, version.errorLabel(kind));
            case ACTION -> CallbackReturns.action(result, ret.arg1());
            case BACKEND -> CallbackReturns.backend(result, ret);
            case HOOK -> CallbackReturns.hook(result, ret.arg1());
            case CACHE_FLUSH -> CallbackReturns.cacheFlush(result, ret);
            default -> throw new IllegalStateException();
        }
        return result;
    }

    private String failedPrefix() {
        return version.errorLabel(kind) + " execution";
    }

    // ---- after the callback

    private void captureBackendSelection(TestResult r) {
        JsonNode b = data.block("backend");
        String host = b.path("runtime_selected_host").asText("");
        if (!host.isEmpty()) {
            r.usedBackendAddress = host;
        }
        if (b.path("runtime_selected_port").isNumber()) {
            r.usedBackendPort = b.path("runtime_selected_port").asLong();
        }
    }

    private void validateRuntimeExpectations(TestResult r) {
        for (String block : version.validationOrder) {
            String err = data.calls(block).validateComplete();
            if (err != null) {
                r.fail(err);
            }
        }
    }

    /** runner.go PrintResult. */
    public void printResult(PrintWriter out, TestResult r) {
        ResultBlock.print(out, scriptPath, kind.flag, r);
    }

    /** GetExitCode: 0 iff success. */
    public static int exitCode(TestResult r) {
        return r.success ? 0 : 1;
    }

    /** Relative resource names (package.path entries, dofile, loadfile) resolve against the working directory. */
    private static final class WorkingDirectoryFinder implements ResourceFinder {
        private final Path dir;

        WorkingDirectoryFinder(Path dir) {
            this.dir = dir;
        }

        @Override
        public InputStream findResource(String filename) {
            Path p = dir.resolve(filename);
            if (Files.isRegularFile(p)) {
                try {
                    return Files.newInputStream(p);
                } catch (IOException e) {
                    return null;
                }
            }
            return null;
        }
    }
}
