package org.dovelua.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovelua.auth.AuthEngine;
import org.dovelua.auth.AuthSetup;
import org.dovelua.auth.config.ConfigException;
import org.dovelua.auth.config.SetupException;
import org.dovelua.auth.db.AuthInitException;
import org.dovelua.auth.request.AuthInput;
import org.dovelua.auth.sasl.OwnClients;
import org.dovelua.auth.sasl.SaslClient;
import org.dovelua.doveadm.Doveadm;
import org.dovelua.doveadm.Exits;
import org.dovelua.lua.dovecot.LogLevel;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.lua.sandbox.RecordingShell;
import org.dovelua.lua.sandbox.Shell;
import org.dovelua.version.Since;

/**
 * An emulated Dovecot auth server: each method sends one request, as the doveadm command named
 * in its documentation would, and returns what doveadm printed and exited with. This is the one
 * place that assembles an auth process (setup, HTTP router, stubs, start-up failure); the
 * {@code dovelua} command line and the case runner both go through it, so they print the same bytes.
 *
 * <p>The auth process (and its Lua states) starts once, when built, and persists across
 * requests as in a running Dovecot; every call is a fresh request. If a script kills the auth
 * process, the next call starts a new one, as Dovecot's master would. Lines logged while the
 * process starts are in {@link #startupLogs()}, not in a request's logs; a process that fails
 * to start is reported by the next request (whose logs carry the failure) and tried again for
 * each request after it. Calls on one instance are serialised; use one instance per thread to
 * run requests in parallel.
 */
public final class Dovelua implements AutoCloseable {
    private final DoveluaBuilder settings;
    private final List<String> startupLogs = new ArrayList<>();
    /** All the start printed on stderr (notes, hints, log lines). */
    private String startupStderr = "";
    private AuthEngine engine;
    private SetupException setupError;
    /** A start that failed before any request: the next request reports it instead of starting again. */
    private Call failedStart;
    /** The request being answered; log lines from the script's call thread go to it. */
    private volatile Call current;
    /** Where the scripts' HTTP requests go; one per instance, kept across auth process restarts. */
    private final HttpRouter router;
    /** The stubs, the router to them and the exec stubs' shell ({@code --stub}, {@code --exec}, ...). */
    private final SandboxNetwork network;
    /** Where the scripts' luasql connections go; kept across auth process restarts, as a server would be. */
    private final org.dovelua.lua.shim.luasql.SqlServers sqlServers;
    /** What the scripts' commands reach: the exec stubs, then real commands or missing programs. */
    private final Shell shell;

    Dovelua(DoveluaBuilder settings) {
        this.settings = settings;
        this.sqlServers = settings.sqlServers();
        this.network = SandboxNetwork.start(settings, line -> stderr("dovelua: hint: " + line));
        this.router = network.router();
        this.shell = new RecordingShell(network.shell(), ex -> {
                    Call c = current;
                    if (c != null) {
                        c.exec.add(ex);
                    }
                });
        router.onExchange(ex -> {
            Call c = current;
            if (c == null) {
                return;
            }
            c.http.add(ex);
            if (settings.traceHttp()) {
                for (String line : ex.trace().split("\n")) {
                    c.errWriter.println("dovelua: http: " + line);
                }
            }
        });
        Call startup = newCall();
        current = startup;
        if (settings.allowExec()) {
            startup.errWriter.println("dovelua: WARNING: --allow-exec: scripts run real commands through /bin/sh"
                    + " with dovelua's own user and privileges, outside any sandbox");
        }
        start(startup);
        startupStderr = startup.stderrText();
        if (engine != null) {
            startupLogs.addAll(startup.logs);
        } else if (setupError == null) {
            failedStart = startup;
        }
        current = null;
    }

    /** Starts describing a setup: {@code Dovelua.builder().config(path).mount(...).build()}. */
    public static DoveluaBuilder builder() {
        return new DoveluaBuilder();
    }

    /** Everything the start printed on stderr: {@code dovelua: note:} lines, hints and its log lines. */
    public String startupStderr() {
        return startupStderr;
    }

    /** Whether the auth process is up: its start neither failed nor met a setup error ({@code dovelua serve} keeps only these). */
    public synchronized boolean started() {
        return engine != null && setupError == null && failedStart == null;
    }

    /** What the auth process (not a worker) logged while it started. */
    public List<String> startupLogs() {
        return List.copyOf(startupLogs);
    }

    /** {@code doveadm auth test -x k=v... USER PASSWORD}. */
    public Result authTest(String user, String password) {
        return authTest(user, password, Map.of());
    }

    /** {@code doveadm auth test -x k=v... USER PASSWORD}, {@code info} as the {@code -x} pairs. */
    public Result authTest(String user, String password, Map<String, String> info) {
        return run(new Command.AuthTest(user, password, pairs(info)));
    }

    /**
     * {@code auth test} with the SASL mechanism {@code mech}, dovelua being the client: PLAIN,
     * LOGIN, CRAM-MD5, DIGEST-MD5, SCRAM-SHA-1, SCRAM-SHA-256 (and their -PLUS), ANONYMOUS, EXTERNAL,
     * on 2.3 as on 2.4; the mechanism must be in {@code auth_mechanisms}.
     */
    public Result authTest(String user, String password, Map<String, String> info, String mech) {
        return run(new Command.AuthTest(user, password, pairs(info), mech, null, true));
    }

    /** {@code doveadm auth lookup USER}: a passdb lookup without a password. */
    public Result authLookup(String user) {
        return authLookup(user, Map.of());
    }

    /** {@code doveadm auth lookup -x k=v... USER}. */
    public Result authLookup(String user, Map<String, String> info) {
        return run(new Command.AuthLookup(List.of(user), pairs(info), null));
    }

    /** {@code doveadm user USER}: a userdb lookup, printed as the mail user's field table. */
    public Result userLookup(String user) {
        return userLookup(user, Map.of());
    }

    /** {@code doveadm user -x k=v... USER}. */
    public Result userLookup(String user, Map<String, String> info) {
        return run(new Command.User(List.of(user), pairs(info), null, false));
    }

    /** {@code doveadm user '*'}: the userdbs' iteration. */
    public Result iterate() {
        return run(new Command.User(List.of("*"), List.of(), null, false));
    }

    /**
     * Runs one doveadm command. With several users, each is a request of its own, printed as
     * doveadm prints them; the result's name and fields are the last user's, the exit code the worst.
     *
     * @throws BadRequestException for a malformed {@code -x} pair, as doveadm refuses it
     */
    public synchronized Result run(Command command) {
        if (command instanceof Command.AuthTest t) {
            return authTest(t);
        }
        if (command instanceof Command.AuthLookup l) {
            return authLookup(l);
        }
        if (command instanceof Command.AuthLogin l) {
            return authLogin(l);
        }
        if (command instanceof Command.CacheFlush f) {
            return cacheFlush(f);
        }
        Command.User u = (Command.User) command;
        return u.listing() ? list(u) : user(u);
    }

    private Result authTest(Command.AuthTest t) {
        if (t.mech() != null || t.masterUser() != null) {
            return request("auth test " + t.user(), t.info(), (e, d, in) -> sasl(e, d, "auth test", t.user(), t.password(),
                    t.mech(), t.masterUser(), t.ownClient(), in, client -> {
                        AuthEngine.AuthReply r = e.authTest(in, client);
                        return Outcome.of(d.authTest(t.user(), r), r.result(), r.args());
                    }), (d, mid) -> Outcome.of(d.authTestDown(t.user(), mid), "internal_failure",
                    mid ? List.of("temp") : List.of()));
        }
        return request("auth test " + t.user(), t.info(), (e, d, in) -> {
            if (!e.offers("PLAIN")) {
                return plainNotOffered(e, d, t.user());
            }
            AuthEngine.AuthReply r = e.authTest(in, t.user(), t.password());
            return Outcome.of(d.authTest(t.user(), r), r.result(), r.args());
        }, (d, mid) -> Outcome.of(d.authTestDown(t.user(), mid), "internal_failure",
                mid ? List.of("temp") : List.of()));
    }

    /**
     * {@code doveadm auth login USER PASSWORD} (doveadm-auth.c cmd_auth_login): the result is the
     * passdb's ({@code ok}, {@code password_mismatch}, ...) unless the userdb then fails the login
     * ({@code userdb_not_found}, {@code userdb_failed}); the fields are the userdb reply's after a
     * login, the passdb reply's otherwise.
     */
    public Result authLogin(String user, String password, Map<String, String> info) {
        return run(new Command.AuthLogin(user, password, pairs(info)));
    }

    /** {@code auth login} with the SASL mechanism {@code mech}, dovelua being the client (as {@link #authTest(String, String, Map, String)}). */
    public Result authLogin(String user, String password, Map<String, String> info, String mech) {
        return run(new Command.AuthLogin(user, password, pairs(info), mech, null, true));
    }

    private Result authLogin(Command.AuthLogin l) {
        return request("auth login " + l.user(), l.info(), (e, d, in) -> {
            if (l.mech() != null || l.masterUser() != null) {
                return sasl(e, d, "auth login", l.user(), l.password(), l.mech(), l.masterUser(), l.ownClient(),
                        in, client -> loginOutcome(d, l.user(), e.authLogin(in, client)));
            }
            if (!e.offers("PLAIN")) {
                return plainNotOffered(e, d, l.user());
            }
            return loginOutcome(d, l.user(), e.authLogin(in, l.user(), l.password()));
        }, (d, mid) -> Outcome.of(d.authTestDown(l.user(), mid), "internal_failure",
                mid ? List.of("temp") : List.of()));
    }

    /**
     * doveadm's PLAIN request when {@code auth_mechanisms} lacks PLAIN: 2.4's doveadm refuses it
     * itself ({@code auth_connected}: not supported by server); 2.3's sends it, and the auth
     * process drops the connection, failing the pending request with {@code temp} (cases 398/399).
     */
    private static Outcome plainNotOffered(AuthEngine e, Doveadm d, String user) {
        if (e.settings().version.has(Since.DOVEADM_AUTH_SASL_MECH)) {
            return Outcome.of(d.saslMechUnsupported("PLAIN", "server"), "failed", List.of());
        }
        e.refuseUnsupportedMechanism("PLAIN");
        return Outcome.of(d.authTestDown(user, true), "internal_failure", List.of("temp"));
    }

    /** What a login printed and answered: the passdb's result, or the userdb's after a login. */
    private static Outcome loginOutcome(Doveadm d, String user, AuthEngine.LoginReply r) {
        int code = d.authLogin(user, r);
        if (r.userdb() == null) {
            return Outcome.of(code, r.passdb().result(), r.passdb().args());
        }
        String status = r.userdb().status();
        return Outcome.of(code, status.equals("USER") ? "ok" : status.equals("NOTFOUND") ? "userdb_not_found"
                : "userdb_failed", r.userdb().fields());
    }

    /** doveadm 2.3's usage lines of the commands that have no {@code -A}. */
    private static final Map<String, String> USAGE_23 = Map.of(
            "auth test", "[-a <auth socket path>] [-x <auth info>] [-M <master user>] <user> [<password>]",
            "auth login", "[-a <auth-login socket path>] [-m <auth-master socket path>] [-x <auth info>]"
                    + " [-M <master user>] <user> [<password>]");

    /**
     * {@code auth test}/{@code auth login} with {@code -A} or {@code -M} (doveadm-auth.c
     * cmd_auth_init_sasl_client, auth_connected): 2.3's doveadm has no {@code -A}; the client
     * mechanism must exist in lib-sasl, then in the server's list; the master user is the
     * authentication identity and the user the authorization one.
     */
    private static Outcome sasl(AuthEngine e, Doveadm d, String command, String user, String password, String mech,
            String master, boolean ownClient, AuthInput in, java.util.function.Function<SaslClient, Outcome> exchange) {
        String service = in.service();
        if (mech != null && !ownClient && !e.settings().version.has(Since.DOVEADM_AUTH_SASL_MECH)) {
            return Outcome.of(d.unknownOption(command, 'A', USAGE_23.get(command)), "failed", List.of());
        }
        String authid = master == null ? user : master;
        String authzid = master == null ? null : user;
        String name = mech == null ? "PLAIN" : mech;
        SaslClient client = ownClient ? OwnClients.find(name, authid, authzid, password, service, SaslRandom.INSTANCE)
                : SaslClient.find(name, authid, authzid, password, SaslRandom.INSTANCE);
        if (client == null && !ownClient && e.settings().version.has(Since.DOVEADM_SASL_CRAM_DIGEST)) {
            client = org.dovelua.auth.sasl.LibSaslMd5Clients.find(name, authid, authzid, password,
                    in.sentProtocol(e.settings().version), SaslRandom.INSTANCE);
        }
        if (client == null) {
            return Outcome.of(d.saslMechUnsupported(mech, "client"), "failed", List.of());
        }
        if (e.settings().version.has(Since.DOVEADM_SASL_HOST)) {
            Map<String, String> info = in.info();
            String host = info.get("local_name") != null ? info.get("local_name")
                    : info.get("lip") != null ? info.get("lip") : "localhost";
            client.hostAndPort(host, info.get("lport") == null ? 0 : Integer.parseInt(info.get("lport")));
        }
        if (!e.offers(client.name())) {
            return Outcome.of(d.saslMechUnsupported(client.name(), "server"), "failed", List.of());
        }
        if (!e.emulates(client.name())) {
            return Outcome.of(d.saslMechNotEmulated(client.name()), "failed", List.of());
        }
        return exchange.apply(client);
    }

    /** The SASL clients' nonces, made on first use: seeding the JVM's SecureRandom costs every cold start ~10 ms. */
    private static final class SaslRandom {
        static final java.security.SecureRandom INSTANCE = new java.security.SecureRandom();
    }

    /** {@code doveadm auth cache flush [USER...]}: doveadm-auth.c cmd_auth_cache_flush(). */
    public Result cacheFlush(List<String> users) {
        return run(new Command.CacheFlush(users));
    }

    private Result cacheFlush(Command.CacheFlush f) {
        return request("auth cache flush" + (f.users().isEmpty() ? "" : " " + String.join(" ", f.users())), List.of(),
                (e, d, in) -> Outcome.of(d.cacheFlush(e.cacheFlush(f.users())), "ok", List.of()),
                (d, mid) -> Outcome.of(d.cacheFlushFailed(), "failed", List.of()));
    }

    /**
     * The auth process's SIGUSR2 ({@code kill -USR2}): auth-cache.c logs its cache statistics as
     * three Info lines, in the result's log, and starts counting again. Nothing is logged when the
     * cache is off (no handler is installed).
     */
    public Result cacheStats() {
        return request("kill -USR2 auth", List.of(), (e, d, in) -> {
            e.cacheStats();
            return Outcome.of(0, "ok", List.of());
        }, (d, mid) -> Outcome.of(0, "failed", List.of()));
    }

    private Result authLookup(Command.AuthLookup l) {
        return request("auth lookup " + String.join(" ", l.users()), l.info(), (e, d, in) -> {
            Outcome o = null;
            int code = Exits.OK;
            for (String u : l.users()) {
                if (o != null) {
                    d.separator();
                }
                AuthEngine.LookupReply r = e.passLookup(in, u);
                code = Math.max(code, d.passLookup(u, r, l.field()));
                o = Outcome.of(code, Outcome.lookupResult(r.status()), r.fields());
            }
            return o;
        }, (d, mid) -> Outcome.of(d.masterDown("passdb lookup", l.users().get(0)), "failed", List.of()));
    }

    private Result user(Command.User u) {
        return request("user " + String.join(" ", u.masks()), u.info(), (e, d, in) -> {
            if (!u.userdbOnly() && u.field() == null) {
                d.mailUserHeader();
            }
            Outcome o = null;
            int code = Exits.OK;
            for (String name : u.masks()) {
                if (o != null) {
                    d.separator();
                }
                AuthEngine.UserReply r = e.userLookup(in, name);
                code = Math.max(code, u.userdbOnly() ? d.userdbLookup(name, r, u.field())
                        : d.mailUser(name, r, u.field()));
                o = Outcome.of(code, Outcome.lookupResult(r.status()), r.fields());
            }
            return o;
        }, (d, mid) -> Outcome.of(u.userdbOnly() ? d.masterDown("userdb lookup", u.masks().get(0))
                : d.mailUserDown(u.masks().get(0), u.field(), mid), "failed", List.of()));
    }

    private Result list(Command.User u) {
        return request("user " + String.join(" ", u.masks()), u.info(), (e, d, in) -> {
            List<String> users = e.iterate(in, u.masks().size() == 1 ? u.masks().get(0) : "*");
            int code = d.list(users, u.masks());
            // the users doveadm lists: those a mask matches (cmd_user_list)
            List<String> listed = users == null ? List.of() : users.stream()
                    .filter(n -> u.masks().stream().anyMatch(m -> org.dovelua.lib.WildcardMatch.matchIcase(n, m)))
                    .toList();
            return new Outcome(code, users == null ? "failed" : "ok", List.of(), listed);
        }, (d, mid) -> Outcome.of(d.listDown(), "failed", List.of()));
    }

    /**
     * What {@code dovelua bench} measures: {@code n} requests ({@code auth test}, or userdb lookups)
     * after {@code warmup} unmeasured ones, against this auth process, without printing. Returns
     * each measured request's time in nanoseconds, sorted, and the total; null (with the reason on
     * stderr of the command line) when the auth process is not there to answer. The requests' log
     * lines are written live as any call's are.
     */
    public Bench bench(String user, String password, List<String> info, boolean userdb, int warmup, int n) {
        return bench(user, password, info, userdb, warmup, n, true);
    }

    /**
     * As {@link #bench(String, String, List, boolean, int, int)}; without {@code showLogs} the
     * requests' log lines are only counted (start-up lines are still written), so a bench of a
     * script that logs measures the script, not the terminal.
     */
    public synchronized Bench bench(String user, String password, List<String> info, boolean userdb, int warmup,
            int n, boolean showLogs) {
        return bench(user, password, info, userdb, warmup, n, showLogs, null, () -> { });
    }

    /**
     * As {@link #bench(String, String, List, boolean, int, int, boolean)}; with a {@code duration}
     * the measured run lasts that long instead of {@code n} requests, and {@code measureStart} runs
     * between the warm-up and the measured run (where concurrent benches line up).
     */
    public synchronized Bench bench(String user, String password, List<String> info, boolean userdb, int warmup,
            int n, boolean showLogs, java.time.Duration duration, Runnable measureStart) {
        Call call = newCall();
        current = call;
        try {
            if (!up(call)) {
                return null;
            }
            Call run = showLogs ? call : new Call(null, null);
            current = run;
            AuthInput in = input(info);
            try {
                BenchCounts counts = new BenchCounts();
                for (int i = 0; i < warmup; i++) {
                    once(in, user, password, userdb);
                    counts.take(run);
                }
                measureStart.run();
                counts.httpExchanges = 0; // per measured request only
                long[] nanos = new long[duration == null ? n : 1024];
                int done = 0;
                long start = System.nanoTime();
                long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
                while (duration == null ? done < n : System.nanoTime() < end) {
                    long t = System.nanoTime();
                    once(in, user, password, userdb);
                    if (done == nanos.length) {
                        nanos = Arrays.copyOf(nanos, nanos.length * 2);
                    }
                    nanos[done++] = System.nanoTime() - t;
                    counts.take(run);
                }
                long total = System.nanoTime() - start;
                nanos = Arrays.copyOf(nanos, done);
                Arrays.sort(nanos);
                return new Bench(nanos, total, counts.logLines, counts.firstLogLine, counts.httpExchanges);
            } catch (AuthEngine.AuthProcessDied e) {
                died(call, e);
                return null;
            }
        } finally {
            current = null;
        }
    }

    /**
     * Measured request times (sorted, nanoseconds), the measured run's total time, the log lines
     * the requests (warm-up included) wrote: how many, and the first (null when none), and the HTTP
     * exchanges the measured requests made.
     */
    public record Bench(long[] sortedNanos, long totalNanos, int logLines, String firstLogLine, long httpExchanges) {
        /** The latency at quantile {@code q} (0..1), in nanoseconds. */
        public long percentile(double q) {
            return sortedNanos[Math.min(sortedNanos.length - 1, (int) (sortedNanos.length * q))];
        }
    }

    /** What a bench's requests left in its call, counted and dropped after each (a long run keeps nothing). */
    private static final class BenchCounts {
        int logLines;
        String firstLogLine;
        long httpExchanges;

        void take(Call run) {
            if (firstLogLine == null && !run.logs.isEmpty()) {
                firstLogLine = run.logs.get(0);
            }
            logLines += run.logs.size();
            run.logs.clear();
            httpExchanges += run.http.size();
            run.http.clear();
        }
    }

    private void once(AuthInput in, String user, String password, boolean userdb) {
        if (userdb) {
            engine.userLookup(in, user);
        } else {
            engine.authTest(in, user, password);
        }
    }

    private static List<String> pairs(Map<String, String> info) {
        List<String> out = new ArrayList<>();
        new LinkedHashMap<>(info).forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** doveadm's {@code -x} pairs as the request's input ({@code auth_user_info_parse}). */
    private static AuthInput input(List<String> info) {
        AuthInput in = new AuthInput();
        for (String pair : info) {
            String error = in.add(pair);
            if (error != null) {
                throw new BadRequestException("-x " + pair + ": " + error);
            }
        }
        return in;
    }

    /** One request against the running engine (or its stand-in when the auth process is down). */
    private interface Request {
        Outcome send(AuthEngine engine, Doveadm doveadm, AuthInput in);
    }

    private interface Down {
        Outcome print(Doveadm doveadm, boolean midRequest);
    }

    private Result request(String command, List<String> info, Request request, Down down) {
        Call call = newCall();
        current = call;
        try {
            if (!up(call)) {
                return call.result(command, setupError != null ? Outcome.of(setupExit(), "failed", List.of())
                        : down.print(call.doveadm, false));
            }
            AuthInput in = input(info);
            engine.newConnection(); // each doveadm command connects anew
            try {
                return call.result(command, request.send(engine, call.doveadm.version(engine.settings().version), in));
            } catch (AuthEngine.AuthProcessDied e) {
                died(call, e);
                return call.result(command, down.print(call.doveadm, true));
            }
        } finally {
            current = null;
        }
    }

    /**
     * Whether the auth process is there to answer: started now if it is not (Dovecot's master
     * starts it again for the connection), or reported down by a start that already failed.
     */
    private boolean up(Call call) {
        if (setupError != null) {
            reportSetupError(call);
            return false;
        }
        if (failedStart != null) {
            call.adopt(failedStart);
            failedStart = null;
            return false;
        }
        if (engine == null) {
            start(call);
        }
        if (setupError != null) {
            reportSetupError(call);
            return false;
        }
        return engine != null;
    }

    /**
     * A config doveconf refuses stops doveadm before the command, as doveconf's own Fatal line
     * (then dovelua's hint); any other is dovelua's located setup error.
     */
    private void reportSetupError(Call call) {
        ConfigException refused = setupError.doveconf();
        if (refused == null) {
            call.errWriter.println("dovelua: " + setupError.getMessage());
            return;
        }
        call.errWriter.println("doveconf: Fatal: " + refused.doveconfError());
        if (refused.hint() != null) {
            call.errWriter.println("dovelua: hint: " + refused.hint());
        }
    }

    /** doveadm's exit for a setup error: 89 when doveconf refused the config (lib/failures.h FATAL_DEFAULT). */
    private int setupExit() {
        return setupError.doveconf() != null ? Exits.DOVECONF_FATAL : Exits.CONFIG;
    }

    private void died(Call call, AuthEngine.AuthProcessDied e) {
        call.errWriter.println(e.getMessage().startsWith("dovelua:") ? e.getMessage() : "dovelua: " + e.getMessage());
        engine.close();
        engine = null;
    }

    private Call newCall() {
        return new Call(settings.liveOut(), settings.liveErr());
    }

    /** Builds and starts the auth process; on failure logs as Dovecot's master does and leaves it down. */
    private void start(Call call) {
        boolean errorsOnly = settings.errorsOnly();
        AuthSetup setup = settings.setup((process, level, message) -> {
            Call c = current;
            if (c != null && (!errorsOnly || level.compareTo(LogLevel.ERROR) >= 0)) {
                c.log(process, level, message);
            }
        }, line -> stderr("dovelua: hint: " + line),
                line -> stderr("dovelua: stdout (real Dovecot discards it): " + line), router, shell, sqlServers);
        setup.notes(line -> stderr("dovelua: note: " + line));
        AuthEngine e;
        try {
            e = settings.config() != null ? setup.fromConfig(settings.config()) : setup.fromScript(settings.script());
        } catch (SetupException ex) {
            setupError = ex;
            return;
        }
        if (e.masterRefusal() != null) {
            // `dovecot` itself refused the config: no auth socket for doveadm, no log
            stderr("dovelua: Dovecot would not start: " + e.masterRefusal());
            e.close();
            return;
        }
        try {
            e.init();
        } catch (AuthInitException ex) {
            // i_fatal() at auth process start: the service never answers
            call.log("auth", LogLevel.FATAL, ex.getMessage());
            call.log("master", LogLevel.ERROR, "service(auth): command startup failed, throttling for 2.000 secs");
            e.close();
            return;
        }
        engine = e;
    }

    private void stderr(String line) {
        Call c = current;
        if (c != null) {
            c.errWriter.println(line);
        }
    }

    /**
     * Rewinds the stubs (a static stub's ordered responses start again, a Nauthilus stub forgets
     * failed logins and restarts its session ids) and the {@code --sql} databases, so a request sees the same stubs whatever ran
     * before it. The case runner calls this before each case.
     */
    public synchronized void resetStubs() {
        network.reset();
        sqlServers.reset(); // the next connection loads each --sql fixture afresh
    }

    /**
     * Drops the auth process as the end of a doveadm command leaves it (no {@code script_deinit})
     * and stops the stubs.
     */
    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
        network.close();
        sqlServers.close();
    }
}
