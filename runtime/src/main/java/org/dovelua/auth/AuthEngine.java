package org.dovelua.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovelua.auth.cache.AuthCache;
import org.dovelua.auth.cache.CacheKeys;
import org.dovelua.auth.cache.PassdbCache;
import org.dovelua.auth.cache.UserdbCache;
import org.dovelua.auth.config.AuthSettings;
import org.dovelua.auth.db.AuthDb;
import org.dovelua.auth.db.AuthInitException;
import org.dovelua.auth.db.AuthPassdb;
import org.dovelua.auth.db.AuthUserdb;
import org.dovelua.auth.db.ChainedDb;
import org.dovelua.auth.db.DbRule;
import org.dovelua.auth.db.FieldTemplate;
import org.dovelua.auth.db.PassdbResult;
import org.dovelua.auth.db.UserdbResult;
import org.dovelua.auth.request.AuthFields;
import org.dovelua.auth.request.AuthInput;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestFields;
import org.dovelua.auth.request.AuthUsername;
import org.dovelua.auth.sasl.SaslClient;
import org.dovelua.lib.TabEscape;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.LogLevel;
import org.dovelua.version.Since;

/**
 * The auth process: the passdb and userdb chains of src/auth/auth-request.c
 * ({@code auth_request_handle_passdb_callback}, {@code auth_request_userdb_callback}), the
 * replies of auth-request-handler.c and auth-master-connection.c, and the auth-worker
 * processes that run blocking drivers (a script that kills its worker fails only its request).
 */
public final class AuthEngine implements AutoCloseable {
    /** The auth process itself died (a non-blocking Lua driver crashed it). */
    public static final class AuthProcessDied extends RuntimeException {
        public AuthProcessDied(String message) {
            super(message, null, false, false);
        }
    }

    private final AuthSettings settings;
    private final List<AuthPassdb> passdbs;
    private final List<AuthPassdb> masterdbs;
    private final List<AuthUserdb> userdbs;
    private final DovecotEvent authProcess;
    /** What an auth worker's {@code request [N]} counts. */
    private int workerRequests;
    private final DovecotEvent workerProcess;
    private final Map<String, String> env;
    private final AuthUsername usernames;
    private int requestId;
    private final AuthWorkers workers;
    private final AuthConnections connections;
    /** anvil's failure penalties, kept as long as the engine (auth-penalty.c). */
    private final AuthPenalty penalty;
    /** The other services of the setup (the dict service), stopped with the auth process. */
    private final List<Runnable> services = new java.util.ArrayList<>();
    /** {@code passdb_cache}: null when auth_cache_size or auth_cache_ttl is 0. */
    private final AuthCache cache;
    private final PassdbCache passdbCache;
    private final UserdbCache userdbCache;

    public AuthEngine(AuthSettings settings, List<AuthPassdb> passdbs, List<AuthPassdb> masterdbs,
            List<AuthUserdb> userdbs, DovecotEvent authProcess, DovecotEvent workerProcess, Map<String, String> env) {
        this.settings = settings;
        this.passdbs = passdbs;
        this.masterdbs = masterdbs;
        this.userdbs = userdbs;
        this.authProcess = authProcess;
        this.workerProcess = workerProcess;
        this.env = env;
        this.usernames = new AuthUsername(settings, !masterdbs.isEmpty(), env);
        this.connections = new AuthConnections(settings, authProcess);
        this.penalty = new AuthPenalty(() -> settings.clock.getAsLong());
        this.workers = new AuthWorkers(passdbs, masterdbs, userdbs, authProcess, workerProcess, connections);
        // passdb-cache.c passdb_cache_init()
        this.cache = settings.cacheSize == 0 || settings.cacheTtl == 0 ? null
                : new AuthCache(settings.cacheSize, settings.cacheTtl, settings.cacheNegativeTtl, settings.clock);
        CacheKeys keys = new CacheKeys(env);
        this.passdbCache = cache == null ? null : new PassdbCache(cache, keys);
        this.userdbCache = cache == null ? null : new UserdbCache(cache, keys);
    }

    /**
     * {@code doveadm auth cache flush [USER...]} (auth-master-connection.c
     * {@code master_input_cache_flush}): the number of entries removed, 0 when the cache is off.
     */
    public int cacheFlush(List<String> users) {
        AuthConnections.Connection conn = connections.master("auth-master");
        authProcess.debug("master in: CACHE-FLUSH\t" + (++requestId) + (users.isEmpty() ? "" : "\t"
                + String.join("\t", users.stream().map(TabEscape::escape).toList())));
        int flushed = cache == null ? 0 : users.isEmpty() ? cache.clear() : cache.clearUsers(users);
        conn.close();
        return flushed;
    }

    /** auth-cache.c {@code sig_auth_cache_stats()} (SIGUSR2): its Info lines, logged by the auth process. */
    public void cacheStats() {
        if (cache != null) {
            for (String line : cache.stats()) {
                authProcess.info(line);
            }
        }
    }

    /**
     * A new doveadm connection: request ids start again at 1 (lib-auth's
     * {@code auth_master_next_request_id()} and the auth client's count per connection).
     */
    public void newConnection() {
        requestId = 0;
    }

    /** Whether the auth server offers {@code mech} to clients (auth_mechanisms). */
    public boolean offers(String mech) {
        return AuthMechanisms.offered(settings, mech);
    }

    /**
     * auth-request-handler.c {@code auth_request_handler_auth_begin()}: an AUTH for a mechanism
     * not in {@code auth_mechanisms} is logged and the client's connection dropped. doveadm's
     * auth client says it is pid 0.
     */
    public void refuseUnsupportedMechanism(String mech) {
        authProcess.error("BUG: Authentication client 0 requested unsupported authentication mechanism "
                + AuthRequest.sanitize(mech, MAX_MECH_NAME_LEN));
    }

    /** auth-request-handler.c's {@code MAX_MECH_NAME_LEN}. */
    private static final int MAX_MECH_NAME_LEN = 64;

    /** Whether dovelua runs {@code mech}'s server side (the others are refused before a request is sent). */
    public boolean emulates(String mech) {
        return SaslServerMechanisms.emulated(mech, settings.version);
    }

    public AuthSettings settings() {
        return settings;
    }

    private org.dovelua.auth.oauth2.DbOauth2 oauth2;

    /** The auth process's lib-http clients of C code (db-oauth2's; null: none). */
    private org.dovelua.lua.http.HttpClientLib authHttp;

    /**
     * The auth process's lib-http clients of C code (db-oauth2.c): their requests are not waited
     * for, so a response's callback (the rest of the auth request) runs before its last lines, and
     * their connections take this process's fds.
     */
    public AuthEngine withAuthProcessHttp(org.dovelua.lua.http.HttpClientLib http) {
        this.authHttp = http.callbacksInResponse(connections.socketFds());
        return this;
    }

    /** The response callback that went on to answer the client returned: its response's last lines. */
    private void authHttpCallbackReturned() {
        if (authHttp != null) {
            authHttp.callbackReturned();
        }
    }

    /**
     * The auth process's ioloop fires lib-http's 100 ms host idle timers: after doveadm's command is
     * answered and gone, or while a failure is delayed (seen on 2.4.1, case 482).
     */
    private void authHttpTimers() {
        if (authHttp != null) {
            authHttp.ioloopTurn();
        }
    }

    /**
     * auth-worker-server.c {@code auth_worker_handle_token_continue()} for a token the worker's db-oauth2
     * refused (use_worker_with_mech): the FAIL reply goes out, then 2.4.2+ logs the error on the worker's
     * command event; 2.4.0-2.4.1 log it on the request they have just unreferenced, and the worker dies
     * of SIGSEGV (seen on 2.4.1, case 526).
     */
    void oauth2WorkerTokenFailed(boolean internal, String error) {
        if (settings.version.has(Since.OAUTH2_WORKER_TOKEN_FAILURE_LOGGED)) {
            if (internal) {
                workerProcess.error("oauth2 failed: " + error);
            } else {
                workerProcess.info("oauth2 failed: " + error);
            }
            return;
        }
        workers.diedAfterReply(new org.dovelua.lua.ProcessDeath(org.dovelua.lua.ProcessDeath.Kind.SEGFAULT,
                "auth_worker_handle_token_continue() logs on the request it unreferenced"));
    }

    /** 2.4's {@code oauth2 { }} database the OAuth2 mechanisms check tokens with (db-oauth2.c). */
    public AuthEngine withOauth2(org.dovelua.auth.oauth2.DbOauth2 db) {
        this.oauth2 = db;
        return this;
    }

    /** The auth process itself panics inside a request (a C assertion): logged as master sees it, then gone. */
    void authProcessPanics(AuthRequest r, String panic) {
        workers.died(r, false, "", new org.dovelua.lua.ProcessDeath(org.dovelua.lua.ProcessDeath.Kind.PANIC, panic));
    }

    /** The environment templates' {@code %{env:...}} read. */
    Map<String, String> env() {
        return env;
    }

    org.dovelua.auth.oauth2.DbOauth2 oauth2() {
        if (oauth2 == null) {
            throw new IllegalStateException("no oauth2 database: the OAuth2 mechanisms are not offered");
        }
        return oauth2;
    }

    /** Stops {@code stop} when the engine closes: a service started beside the auth process. */
    public AuthEngine withService(Runnable stop) {
        services.add(stop);
        return this;
    }

    private String initFailure;
    private String masterRefusal;

    /** doveconf's refusal when Dovecot starts: no auth process ever answers, nothing is logged. */
    public AuthEngine withMasterRefusal(String doveconfLine) {
        this.masterRefusal = doveconfLine;
        return this;
    }

    /** Why Dovecot's master would not start (doveconf's Fatal line), or null. */
    public String masterRefusal() {
        return masterRefusal;
    }

    /** A fatal error the auth process stops with at its start (a mechanism's settings it refuses). */
    public AuthEngine withInitFailure(String error) {
        this.initFailure = error;
        return this;
    }

    /** Starts every driver ({@code passdb_init}/{@code userdb_init}); a failure is fatal for the process. */
    public void init() throws AuthInitException {
        // main.c main_preinit: the mechanisms are registered before any passdb or userdb starts
        AuthMechanisms.register(settings);
        if (initFailure != null) {
            throw new AuthInitException(initFailure);
        }
        workers.logModules(authProcess);
        for (AuthPassdb p : masterdbs) {
            p.passdb.init();
            p.cacheKey = cacheKey(p, p.passdb.defaultCacheKey());
        }
        for (AuthPassdb p : passdbs) {
            p.passdb.init();
            p.cacheKey = cacheKey(p, p.passdb.defaultCacheKey());
        }
        for (AuthUserdb u : userdbs) {
            u.userdb.init();
            u.cacheKey = cacheKey(u, u.userdb.defaultCacheKey());
        }
        authProcess.debug("Wrote new auth token secret to " + settings.baseDir + "/auth-token-secret.dat");
    }

    /**
     * auth.c auth_passdb_preinit()/auth_userdb_preinit(): the driver's default cache key with the raw
     * {@code default_fields} appended ("make sure any %variables in default_fields exist in
     * cache_key"; 2.3), and only when the db's {@code use_cache} is on (2.4); taken once the driver is
     * up (dovelua's dict driver reads its file at init, 2.4's Lua db runs its get_cache_key function).
     */
    private static String cacheKey(ChainedDb db, String driverKey) {
        return driverKey == null || !db.useCache ? null : driverKey + db.defaultFields;
    }

    /**
     * Drops the process without a shutdown, as the end of a doveadm command leaves a running
     * Dovecot: no {@code script_deinit} runs.
     */
    @Override
    public void close() {
        deinitAll(false);
    }

    /** A clean auth process shutdown ({@code doveadm stop}): {@code script_deinit} runs. */
    public void shutdown() {
        deinitAll(true);
    }

    /** Every driver of the process: master passdbs, passdbs, then userdbs. */
    private void eachDb(java.util.function.Consumer<org.dovelua.auth.db.Passdb> passdb,
            java.util.function.Consumer<org.dovelua.auth.db.Userdb> userdb) {
        masterdbs.forEach(p -> passdb.accept(p.passdb));
        passdbs.forEach(p -> passdb.accept(p.passdb));
        userdbs.forEach(u -> userdb.accept(u.userdb));
    }

    private void deinitAll(boolean scriptDeinit) {
        eachDb(p -> p.deinit(scriptDeinit), u -> u.deinit(scriptDeinit));
        services.forEach(Runnable::run);
    }


    // ----- requests -----

    private AuthRequest newRequest(AuthInput in) {
        AuthRequest r = new AuthRequest(settings);
        r.event = authProcess.child();
        r.event.setProcessLogPrefixCallback(() -> r.processLogPrefix());
        r.event.setMinLevel(settings.verbose ? LogLevel.INFO : LogLevel.WARNING);
        in.applyTo(r);
        return r;
    }

    // ----- passdb chain -----

    /** {@code auth_request_passdb_lookup_begin()}/{@code _userdb_}: the db event and its first line. */
    private void beginDb(AuthRequest r, AuthDb db, Boolean dbVerbose, boolean inWorker, String what) {
        r.currentDb = db;
        r.inWorker = inWorker;
        r.dbEvent = dbEvent(r, inWorker ? workerProcess : authProcess, dbVerbose);
        r.dbEvent.debug("Performing " + what + " lookup");
    }

    /**
     * Runs {@code lookup} as the configured driver would: in the auth process, or in an auth worker
     * on an exported copy of the request whose reply the auth process then applies.
     */
    private long inProcess(AuthRequest r, AuthDb db, Boolean dbVerbose, boolean blocking, String what,
            String requestType, java.util.function.ToLongFunction<AuthRequest> lookup,
            java.util.function.ObjLongConsumer<AuthRequest> importReply) {
        if (!blocking) {
            long result = workers.call(r, false, requestType, () -> lookup.applyAsLong(r));
            ioloopTurn(false);
            return result;
        }
        AuthRequest w = AuthWorkerRequest.export(r);
        w.mechPassword = requestType.equals("PASSV") ? r.mechPassword : null;
        w.event = workerProcess.child();
        w.workerRequest = ++workerRequests;
        w.event.setProcessLogPrefixCallback(() -> w.processLogPrefix());
        boolean[] done = new boolean[1];
        long result = workers.call(r, true, requestType, () -> {
            workers.ensure();
            workerProcess.debug("Handling " + requestType + " request");
            beginDb(w, db, dbVerbose, true, what);
            long code = lookup.applyAsLong(w);
            done[0] = true;
            return code;
        });
        if (done[0] && workers.running()) {
            w.dbEvent.debug("Finished " + what + " lookup");
            workers.finished(requestType, result);
            ioloopTurn(true);
        }
        try {
            importReply.accept(w, result);
        } catch (ProcessDeath d) {
            return workers.died(r, false, requestType, d); // the auth process reading the reply dies
        }
        return result;
    }

    /** The auth worker's (or auth process's) ioloop turns once a request is answered: every db's timers. */
    private void ioloopTurn(boolean worker) {
        eachDb(p -> p.ioloopTurn(worker), u -> u.ioloopTurn(worker));
    }

    /** {@code passdb_result_to_string()} in {@code auth_request_passdb_lookup_end()}: {@code i_unreached()}. */
    private static ProcessDeath unreachedResult() {
        return new ProcessDeath(ProcessDeath.Kind.PANIC, "file passdb.c: line 298: unreached");
    }

    private DovecotEvent dbEvent(AuthRequest r, DovecotEvent process, Boolean dbVerbose) {
        DovecotEvent e = process.child();
        // 2.4's request prefix before the level (the db event is the process's child, not the request's)
        e.setProcessLogPrefixCallback(() -> r.processLogPrefix());
        e.setDebug(settings.debug);
        e.setLogPrefixCallback(r::dbLogPrefix);
        boolean verbose = dbVerbose != null ? dbVerbose : settings.verbose;
        e.setMinLevel(verbose ? LogLevel.INFO : LogLevel.WARNING);
        return e;
    }

    /** {@code auth_request_*_lookup_end()}: later lines go to the request event, without a db prefix. */
    private void endDb(AuthRequest r, String what) {
        r.dbEvent.debug("Finished " + what + " lookup");
        r.dbEvent = null;
    }

    /**
     * The result of {@code doveadm auth test}: success, the reply's args, and the passdb chain's
     * result as {@code passdb_result_to_string()} names it ({@code ok}, {@code password_mismatch}, ...).
     */
    public record AuthReply(boolean success, List<String> args, String result, String clientError) {
        public AuthReply(boolean success, List<String> args, String result) {
            this(success, args, result, null);
        }

        public AuthReply(boolean success, List<String> args) {
            this(success, args, success ? "ok" : "internal_failure");
        }

        /**
         * doveadm's client mechanism refused the server's data ({@code dsasl_client_input()} failed):
         * doveadm aborts the request (auth_client_request_abort), whose callback gets no fields
         * before 2.4.3 and {@code code=temp_fail} since (lib-auth-client call_callback).
         */
        static AuthReply aborted(org.dovelua.version.DovecotVersion version, String clientError) {
            return new AuthReply(false, version.has(Since.DOVEADM_AUTH_FAILURE_REASON) ? List.of("code=temp_fail")
                    : List.of(), PassdbResult.INTERNAL_FAILURE.label(), clientError);
        }

        /** Whether doveadm aborted the request itself ({@link #aborted}). */
        public boolean clientAborted() {
            return clientError != null;
        }
    }

    /** The client's {@code resp=}: hidden unless auth_debug_passwords (auth-request-handler.c). */
    private String clientResp(String username, String password) {
        if (!settings.debugPasswords) {
            return "<hidden>";
        }
        String plain = username + "\0" + username + "\0" + (password == null ? "" : password);
        return java.util.Base64.getEncoder().encodeToString(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + " (previous base64 data may contain sensitive data)";
    }

    /** SASL PLAIN authentication as {@code doveadm auth test} performs it. */
    public AuthReply authTest(AuthInput in, String username, String password) {
        AuthConnections.Connection conn = connections.client("auth-client");
        Authenticated a = clientAuth(conn, in, username, password);
        a.sasl().destroy();
        conn.close();
        authHttpTimers();
        return a.reply();
    }

    /**
     * An authentication's client request id, its request (kept for a login's userdb lookup), its
     * reply and its lib-sasl request (destroyed once the request is done with).
     */
    record Authenticated(int id, AuthRequest request, AuthReply reply, SaslServerRequest sasl) {
    }

    /** A client's {@code AUTH ... PLAIN} through the passdbs, with the auth process's client lines. */
    private Authenticated clientAuth(AuthConnections.Connection conn, AuthInput in, String username, String password) {
        int id = ++requestId;
        // the client lines are built only when logged: every request passes here
        boolean debug = authProcess.wantsDebug();
        if (debug) {
            if (id == 1) {
                authProcess.debug(conn.prefix() + "auth client connected (pid=0)");
            }
            authProcess.debug(conn.prefix() + "client in: AUTH\t" + id + "\tPLAIN" + in.clientParams(settings.version,
                    settings.debug) + "\tresp=" + clientResp(username, password));
        }
        Authenticated a = authenticate(id, in, username, password, conn.authOnly());
        if (debug) {
            authProcess.debug(conn.prefix() + "client passdb out: " + hidePass((a.reply().success() ? "OK" : "FAIL")
                    + "\t" + id + TabEscape.fields(a.reply().args())));
        }
        authHttpCallbackReturned();
        return a;
    }

    /**
     * {@code doveadm auth test -A MECH} (2.4): the SASL exchange of {@code client} (lib-sasl) with
     * the auth process's server mechanism ({@link SaslServerMechanisms}).
     */
    public AuthReply authTest(AuthInput in, SaslClient client) {
        AuthConnections.Connection conn = connections.client("auth-client");
        Authenticated a = clientAuth(conn, in, client);
        a.sasl().destroy();
        conn.close();
        authHttpTimers();
        return a.reply();
    }

    /**
     * The request's start after the client's AUTH (auth-request-handler.c
     * {@code auth_request_handler_auth_begin}): lib-sasl's request, then the penalty lookup before the
     * mechanism sees the initial response ({@code initial} null: none). Returns the penalty.
     */
    private int begin(AuthRequest r, SaslServerRequest sasl, byte[] initial) {
        sasl.create();
        int last = penalty.lookup(r);
        sasl.initial(initial);
        return last;
    }

    /**
     * What follows a verdict (auth-request-handler.c {@code auth_request_handler_reply}): lib-sasl's
     * outcome line, "Auth request finished" ({@code logFinished}), and for a failure whether it is
     * delayed; a delayed failure raises the penalty, a success after one resets it.
     */
    private void verdict(AuthRequest r, SaslServerRequest sasl, AuthReply reply, int lastPenalty,
            SaslServerRequest.Failure how, int finalData, Runnable logFinished) {
        boolean internal = reply.result().equals(PassdbResult.INTERNAL_FAILURE.label());
        if (reply.success()) {
            sasl.succeeded(finalData);
        } else {
            sasl.failed(how != null ? how : internal ? SaslServerRequest.Failure.INTERNAL
                    : SaslServerRequest.Failure.FAILURE, finalData);
        }
        logFinished.run();
        if (reply.success()) {
            if (lastPenalty != 0) {
                penalty.update(r, 0);
            }
            return;
        }
        String delay = failureDelay(r, internal);
        if (settings.version.has(Since.FAILURE_DELAY_LOGGED)) {
            r.event.debug(delay);
        }
        if (delay.equals(DELAYED)) {
            penalty.update(r, lastPenalty + 1);
            // the reply waits for the delay's timer: the callback returns, lib-http's timers fire first
            authHttpCallbackReturned();
            authHttpTimers();
        }
    }

    /** {@code doveadm auth login -A MECH}: the SASL exchange, then the master's userdb lookup. */
    public LoginReply authLogin(AuthInput in, SaslClient client) {
        AuthConnections.Connection conn = connections.client("auth-login");
        LoginReply reply = login(clientAuth(conn, in, client));
        conn.close();
        authHttpTimers();
        return reply;
    }

    /**
     * auth-client-connection.c {@code reply_line_hide_pass()} (2.3.19 and 2.4): unless
     * auth_debug_passwords, a field whose name holds "pass" shows {@code <hidden>}, and then every
     * field is followed by a tab (seen on 2.4.1, case 431: {@code passdb_seen=<hidden>}).
     */
    String hidePass(String line) {
        if (settings.debugPasswords || !line.contains("pass")) {
            return line;
        }
        StringBuilder out = new StringBuilder();
        for (String field : TabEscape.split(line)) {
            int p = field.indexOf("pass");
            int eq = field.indexOf('=');
            if (p < 0 || eq < 0 || eq < p) {
                out.append(TabEscape.escape(field));
            } else {
                out.append(field, 0, eq + 1).append("<hidden>");
            }
            out.append('\t');
        }
        return out.toString();
    }

    /** A client's {@code AUTH ... MECH} and its {@code CONT}s, with the auth process's client lines. */
    private Authenticated clientAuth(AuthConnections.Connection conn, AuthInput in, SaslClient client) {
        int id = ++requestId;
        if (id == 1) {
            authProcess.debug(conn.prefix() + "auth client connected (pid=0)");
        }
        SaslServerMechanisms.Exchange x = new SaslServerMechanisms.Exchange(id, client, authProcess,
                settings.debugPasswords, conn.prefix(), this::logFinished);
        byte[] initial = x.initial();
        authProcess.debug(conn.prefix() + "client in: AUTH\t" + id + "\t" + client.name()
                + in.clientParams(settings.version, settings.debug)
                + (client.initialResponse() ? "\tresp=" + x.hidden(initial) : ""));
        AuthRequest r = newRequest(in);
        r.authOnly = conn.authOnly();
        r.mechName = client.name();
        r.saslExchange = true;
        SaslServerRequest sasl = new SaslServerRequest(r);
        x.sasl = sasl;
        int lastPenalty = begin(r, sasl, client.initialResponse() ? initial : null);
        AuthReply reply = new SaslServerMechanisms(this, settings, usernames, x).run(r, initial);
        if (x.failure() == null) {
            verdict(r, sasl, reply, lastPenalty, x.failureKind, x.finalData, () -> x.finished(r));
        }
        authProcess.debug(conn.prefix() + "client passdb out: " + hidePass((reply.success() ? "OK" : "FAIL") + "\t" + id
                + TabEscape.fields(reply.args())));
        authHttpCallbackReturned();
        if (x.failureData != null) {
            // the FAIL's resp= goes to doveadm's client mechanism, which refuses it: doveadm CANCELs the request
            sasl.destroy();
            String refused = x.clientRefuses(x.failureData);
            if (refused != null) {
                authProcess.debug(conn.prefix() + "client in: " + id); // auth-client-connection.c logs CANCEL's id
                if (settings.version.has(Since.AUTH_CLIENT_CANCELLED_REPLY)) {
                    authProcess.debug(conn.prefix() + "client passdb out: CANCELLED\t" + id);
                }
                reply = AuthReply.aborted(settings.version, refused);
            }
        }
        return new Authenticated(id, r, reply, sasl);
    }

    /** {@code auth_request_verify_plain()} over the passdbs (the master passdbs for a master user's login). */
    long verifyPlain(AuthRequest r, String password) {
        r.mechPassword = password;
        return runPassdbChain(r, r.requestedLoginUser != null ? masterdbs : passdbs, true);
    }

    /** {@code auth_request_lookup_credentials()} for {@code scheme} over the passdbs. */
    long lookupCredentials(AuthRequest r, String scheme) {
        r.wantedCredentialsScheme = scheme;
        return runPassdbChain(r, r.requestedLoginUser != null ? masterdbs : passdbs, false);
    }

    /** lib-master's login requests carry a tag of their own (real runs show large numbers) and a cookie. */
    private static final long MASTER_LOGIN_TAG = 1_048_444_928L;
    private static final String LOGIN_COOKIE = "0123456789abcdef0123456789abcdef";

    /**
     * What {@code doveadm auth login} gets: the passdb's reply, then (after a success) the userdb's to
     * the master request tagged {@code tag}.
     */
    public record LoginReply(AuthReply passdb, UserReply userdb, long tag) {
    }

    /**
     * {@code doveadm auth login}: SASL PLAIN on the auth-login socket, then the master's
     * {@code REQUEST} for the same request (auth-request-handler.c
     * {@code auth_request_handler_master_request}): the userdb lookup continues the request the
     * passdbs answered (their {@code userdb_*} fields are its start), and the reply adds
     * {@code master_user}, {@code auth_mech}, {@code anonymous} and {@code auth_user}
     * ({@code auth_str_append_userdb_extra_fields}). The userdb reply is null after a failed login.
     */
    public LoginReply authLogin(AuthInput in, String username, String password) {
        // closed after a reply only: a dying auth process logs no disconnection
        AuthConnections.Connection conn = connections.client("auth-login");
        LoginReply reply = login(clientAuth(conn, in, username, password));
        conn.close();
        authHttpTimers();
        return reply;
    }

    private LoginReply login(Authenticated a) {
        if (!a.reply().success()) {
            a.sasl().destroy();
            return new LoginReply(a.reply(), null, 0);
        }
        AuthConnections.Connection master = connections.master("auth-master");
        // lib-master's login client: REQUEST <tag> <client pid> <client id> <cookie> session_pid=<pid>; the tag
        // and cookie are its own (master-login-auth.c), doveadm is the client and the mail process
        long tag = MASTER_LOGIN_TAG + a.id();
        authProcess.debug("master in: REQUEST\t" + tag + "\t0\t" + a.id() + "\t" + LOGIN_COOKIE + "\tsession_pid=0");
        AuthRequest r = a.request();
        if (r.extraFields.exists("nologin") || r.extraFields.exists("proxy")) {
            // auth_request_handler_reply_success_finish() answered the login without keeping the request for a
            // master (nologin, proxy): master_input_request() finds none (seen on 2.3.19, 2.4.1, 2.4.5: cases 495-497)
            a.sasl().destroy();
            master.error("Master request 0." + a.id() + " not found");
            master.close();
            return new LoginReply(a.reply(), new UserReply("NOTFOUND", r.user, List.of()), tag);
        }
        // auth_request_lookup_user(): the request becomes a userdb lookup, user_changed_by_lookup reset
        r.userdbLookup = true;
        r.loginUserdbLookup = true;
        long result = runUserdbChain(r);
        List<String> extra = new ArrayList<>();
        // auth_str_append_userdb_extra_fields(), after the lookup
        if (r.masterUser != null && r.userdbReply != null && r.userdbReply.find("master_user") == null) {
            extra.add("master_user=" + r.masterUser);
        }
        extra.add("auth_mech=" + r.mechName);
        if (!settings.anonymousUsername.isEmpty() && settings.anonymousUsername.equals(r.user)) {
            extra.add("anonymous"); // an anonymous login, by mechanism or by name
        }
        if (r.masterUser != null) {
            extra.add("auth_user=" + r.masterUser);
        } else if (r.originalUsername != null && !r.originalUsername.equals(r.user)) {
            extra.add("auth_user=" + r.originalUsername);
        }
        UserReply reply = userdbReply(r, result, extra);
        authProcess.debug("master userdb out: " + userdbOut(reply, tag));
        a.sasl().destroy(); // the master request was the auth request's last reference
        master.close();
        return new LoginReply(a.reply(), reply, tag);
    }

    private Authenticated authenticate(int id, AuthInput in, String username, String password, boolean authOnly) {
        AuthRequest r = newRequest(in);
        r.authOnly = authOnly;
        r.mechName = "PLAIN";
        boolean libSasl = settings.version.has(Since.LIB_SASL_REQUEST_LOG);
        r.saslExchange = libSasl; // lib-sasl's lines carry the (user,sasl:plain) prefix from the start
        SaslServerRequest sasl = new SaslServerRequest(r);
        // doveadm's PLAIN client: "" NUL user NUL password (dsasl-client-mech-plain.c)
        int lastPenalty = begin(r, sasl, ("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8));
        r.mechPassword = password;
        String error = usernames.set(r, username);
        if (error != null) {
            if (libSasl) {
                r.event.info(error); // auth-sasl.c auth_sasl_request_set_authid()
            } else {
                r.event.setLogPrefixCallback(() -> "plain(" + r.logIdentifier() + "): ");
                r.event.info(error);
            }
            sasl.authid(username, error);
            AuthReply reply = AuthReplies.failure(r, PassdbResult.USER_UNKNOWN.code(), false);
            if (libSasl) {
                verdict(r, sasl, reply, lastPenalty, null, 0, () -> logFinished(r));
            }
            return new Authenticated(id, r, reply, sasl);
        }
        sasl.authid(username, null);
        if (password.indexOf('\001') >= 0 || password.indexOf('\t') >= 0 || password.indexOf('\r') >= 0
                || password.indexOf('\n') >= 0) {
            return new Authenticated(id, r, AuthReplies.failure(r, PassdbResult.USER_UNKNOWN.code(), false), sasl);
        }
        List<AuthPassdb> chain = r.requestedLoginUser != null ? masterdbs : passdbs;
        sasl.verifyPlain();
        long result = runPassdbChain(r, chain, true);
        sasl.verifiedPlain(result);
        boolean internal = result == PassdbResult.INTERNAL_FAILURE.code();
        AuthReply reply = result == PassdbResult.OK.code() ? AuthReplies.success(r)
                : AuthReplies.failure(r, result, internal);
        verdict(r, sasl, reply, lastPenalty, null, 0, () -> logFinished(r));
        return new Authenticated(id, r, reply, sasl);
    }

    /** {@code auth_request_log_finished()}: 2.4 logs it with the request's own prefix. */
    void logFinished(AuthRequest r) {
        if (settings.version.has(Since.LOG_PREFIX_24)) {
            r.event.debug("Auth request finished");
        } else if (authProcess.wantsDebug()) {
            authProcess.debug("auth(" + r.logIdentifier() + "): Auth request finished");
        }
    }

    /** auth-request-handler.c {@code auth_request_want_failure_delay()}: why a failure is (not) delayed. */
    private static final String DELAYED = "delaying auth failure";

    private String failureDelay(AuthRequest r, boolean internal) {
        if (r.failureNodelay) {
            return "immediate auth failure due to nodelay"; // passdb specifically requested not to delay
        } else if (internal) {
            return "immediate auth failure due to internal failure";
        } else if (settings.failureDelay == 0) {
            return "immediate auth failure due to auth_failure_delay=0";
        }
        return DELAYED;
    }

    /**
     * {@code auth_request_verify_plain}/{@code lookup_credentials} over a chain, with the
     * result rules of {@code auth_request_handle_passdb_callback}.
     */
    private long runPassdbChain(AuthRequest r, List<AuthPassdb> chain, boolean verify) {
        boolean passdbSuccess = false;
        int idx = nextPassdb(r, chain, 0);
        if (idx < 0) {
            r.event.error("All password databases were skipped");
            return PassdbResult.INTERNAL_FAILURE.code();
        }
        while (true) {
            AuthPassdb db = chain.get(idx);
            beginDb(r, db, db.verbose, false, "passdb");
            // auth-request.c: the cache is asked after auth_request_passdb_lookup_begin(), before
            // default_fields; a hit goes straight to auth_request_*_callback_finish()
            Long cached = passdbCache == null ? null
                    : verify ? passdbCache.verifyPlain(r, db, r.mechPassword, false)
                    : passdbCache.lookupCredentials(r, db, false);
            long result = cached != null ? cached : lookupPassdb(r, db, verify);
            if (PassdbResult.of(result) == null) {
                return workers.died(r, false, "PASSL", unreachedResult());
            }
            applyTemplate(r, db.overrideFields, false);
            endDb(r, "passdb");
            workers.restartAfterRefusal();
            if (db.deny && result != PassdbResult.USER_UNKNOWN.code()) {
                if (result != PassdbResult.INTERNAL_FAILURE.code()) {
                    r.dbEvent().info("User found from deny passdb");
                    result = PassdbResult.USER_DISABLED.code();
                }
                return result;
            }
            if (r.failed) {
                if (result == PassdbResult.OK.code()) {
                    result = PassdbResult.USER_UNKNOWN.code();
                }
                r.failed = false;
            }
            DbRule rule;
            if (result == PassdbResult.USER_DISABLED.code()) {
                return result;
            } else if (result == PassdbResult.PASS_EXPIRED.code()) {
                AuthRequestFields.setField(r, "reason", "Password expired", null);
                return result;
            } else if (result == PassdbResult.OK.code()) {
                rule = db.resultSuccess;
            } else if (result == PassdbResult.INTERNAL_FAILURE.code()) {
                rule = db.resultInternalfail;
            } else if (result == PassdbResult.NEXT.code()) {
                r.event.debug("Not performing authentication (noauthenticate set)");
                rule = DbRule.CONTINUE;
            } else {
                rule = db.resultFailure;
            }
            boolean cont = false;
            switch (rule) {
                case RETURN_OK:
                    passdbSuccess = true;
                    break;
                case RETURN_FAIL:
                    passdbSuccess = false;
                    break;
                case CONTINUE:
                    cont = true;
                    if (result == PassdbResult.OK.code()) {
                        r.skipPasswordCheck = true;
                    }
                    break;
                case CONTINUE_OK:
                    cont = true;
                    passdbSuccess = true;
                    r.skipPasswordCheck = true;
                    break;
                case CONTINUE_FAIL:
                    cont = true;
                    passdbSuccess = false;
                    break;
                default:
                    break;
            }
            r.extraFields.remove("nopassword");
            r.extraFields.remove("noauthenticate");
            List<AuthPassdb> nextChain = chain;
            int next;
            if (r.requestedLoginUser != null && result == PassdbResult.OK.code()) {
                masterUserLoginFinish(r);
                nextChain = passdbs;
                next = nextPassdb(r, nextChain, 0);
            } else {
                next = nextPassdb(r, chain, idx + 1);
            }
            if (result == PassdbResult.OK.code() || result == PassdbResult.NEXT.code()) {
                r.extraFields.snapshot();
                if (r.userdbReply != null) {
                    r.userdbReply.snapshot();
                }
            } else {
                r.extraFields.rollback();
                if (r.userdbReply != null) {
                    r.userdbReply.rollback();
                }
            }
            if (cont && next >= 0) {
                r.passdbPassword = null;
                if (result == PassdbResult.USER_UNKNOWN.code()) {
                    r.passdbsSeenUserUnknown = true;
                } else if (result == PassdbResult.INTERNAL_FAILURE.code()) {
                    r.passdbsSeenInternalFailure = true;
                }
                chain = nextChain;
                idx = next;
                continue;
            }
            if (result == PassdbResult.NEXT.code()) {
                r.event.error(r.dbLogPrefix() + "Last passdb had noauthenticate field, cannot authenticate user");
                return PassdbResult.INTERNAL_FAILURE.code();
            }
            if (passdbSuccess) {
                return PassdbResult.OK.code();
            }
            if (r.passdbsSeenInternalFailure) {
                return PassdbResult.INTERNAL_FAILURE.code();
            }
            return result;
        }
    }

    private int nextPassdb(AuthRequest r, List<AuthPassdb> chain, int from) {
        for (int i = from; i < chain.size(); i++) {
            AuthPassdb.Skip skip = chain.get(i).skip;
            boolean authenticated = r.skipPasswordCheck;
            if (skip == AuthPassdb.Skip.NEVER || (skip == AuthPassdb.Skip.AUTHENTICATED && !authenticated)
                    || (skip == AuthPassdb.Skip.UNAUTHENTICATED && authenticated)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * One passdb's lookup on a cache miss: default_fields, the driver (in the auth process or a
     * worker), then {@code auth_request_verify_plain_callback()}/{@code _lookup_credentials_callback()}:
     * noauthenticate, and {@code auth_request_save_cache()}, or for an internal failure the expired
     * cache entry ("Falling back to expired data from cache"). A code outside the enum is returned as is.
     */
    private long lookupPassdb(AuthRequest r, AuthPassdb db, boolean verify) {
        applyTemplate(r, db.defaultFields, false);
        if (!verify && db.passdb.blocking() && masterdbs.contains(db)) {
            // auth_worker_handle_passl() looks for the passdb id among the passdbs only (PASSV and
            // PASSW also try the masterdbs): a master passdb's credentials lookup (SASL SCRAM, CRAM-MD5,
            // ... with a master user) in a worker is refused (auth-worker-server.c@2.4.1,
            // auth-worker-client.c@2.3.19.1; seen on 2.4.1 and 2.4.5, cases 443/444)
            return workers.refused(r, "PASSL", "BUG: PASSL had invalid passdb ID");
        }
        long result = inProcess(r, db, db.verbose, db.passdb.blocking(), "passdb", verify ? "PASSV" : "PASSL",
                q -> {
                    long code = verify ? db.passdb.verifyPlain(q, q.mechPassword) : db.passdb.lookupCredentials(q);
                    if (PassdbResult.of(code) == null) {
                        if (verify || !q.inWorker) {
                            throw unreachedResult();
                        }
                        // lookup_credentials_callback() replies before passdb_result_to_string()
                        // panics, so the auth process receives the code and panics too
                        workers.diedAfterReply(unreachedResult());
                        return code;
                    }
                    if (q.inWorker && q.failed && code == PassdbResult.OK.code()) {
                        // auth-worker-client.c verify_plain_callback()/lookup_credentials_callback()
                        code = PassdbResult.PASSWORD_MISMATCH.code();
                    }
                    return code;
                }, (w, code) -> AuthWorkerRequest.importPassdbReply(r, w, code, verify));
        if (PassdbResult.of(result) == null) {
            return result;
        }
        if (result == PassdbResult.OK.code() && r.extraFields.exists("noauthenticate")) {
            result = PassdbResult.NEXT.code();
        }
        if (passdbCache == null) {
            return result;
        }
        if (result != PassdbResult.INTERNAL_FAILURE.code()) {
            passdbCache.save(r, db, result);
        } else {
            Long expired = verify ? passdbCache.verifyPlain(r, db, r.mechPassword, true)
                    : passdbCache.lookupCredentials(r, db, true);
            if (expired != null) {
                r.dbEvent().info("Falling back to expired data from cache");
                result = expired;
            }
        }
        return result;
    }

    /** {@code auth_request_master_user_login_finish()}. */
    private void masterUserLoginFinish(AuthRequest r) {
        if (r.failed) {
            return;
        }
        r.dbEvent().info("Master user logging in as " + r.requestedLoginUser);
        r.masterUser = r.user;
        r.user = r.requestedLoginUser;
        r.translatedUsername = r.requestedLoginUser;
        r.requestedLoginUser = null;
    }

    /** {@code default_fields}/{@code override_fields}: space-separated, values var-expanded. */
    private void applyTemplate(AuthRequest r, String template, boolean userdb) {
        List<String[]> fields;
        try {
            fields = FieldTemplate.expand(template, r, env);
        } catch (FieldTemplate.FieldException e) {
            r.dbEvent().error("Failed to expand " + (userdb ? "userdb" : "passdb") + " fields: " + e.getMessage());
            return;
        }
        for (String[] f : fields) {
            if (userdb) {
                AuthRequestFields.setUserdbField(r, f[0], f[1]);
            } else {
                AuthRequestFields.setField(r, f[0], f[1], "PLAIN");
            }
        }
    }

    // ----- replies -----

    /** The auth master's answer to {@code PASS} ({@code doveadm auth lookup}). */
    public record LookupReply(String status, List<String> fields) {
    }

    /** {@code master_input_pass} → {@code pass_callback_finish()}. */
    public LookupReply passLookup(AuthInput in, String username) {
        AuthConnections.Connection conn = connections.master("auth-userdb");
        int id = ++requestId;
        boolean debug = authProcess.wantsDebug();
        if (debug) {
            authProcess.debug("master in: PASS\t" + id + "\t" + username
                    + in.masterParams(settings.version, settings.debug));
        }
        LookupReply reply = passLookup0(in, username);
        if (debug) {
            authProcess.debug("passdb out: " + reply.status() + "\t" + id + TabEscape.fields(reply.fields()));
        }
        conn.close();
        return reply;
    }

    private LookupReply passLookup0(AuthInput in, String username) {
        AuthRequest r = newRequest(in);
        String error = usernames.set(r, username);
        if (error != null) {
            r.event.info(error);
            return new LookupReply("FAIL", List.of());
        }
        r.authOnly = false; // a master request
        long result = runPassdbChain(r, passdbs, false);
        boolean passdbSuccess = result == PassdbResult.OK.code();
        if (result == PassdbResult.OK.code()) {
            if (r.failed || !passdbSuccess) {
                return new LookupReply("FAIL", List.of());
            }
            // auth-master-connection.c pass_callback(): a proxy failure is PASSDB_RESULT_INTERNAL_FAILURE
            if (AuthProxy.finish(r) != AuthProxy.Outcome.PROCEED) {
                return new LookupReply("FAIL", List.of());
            }
            List<String> fields = new ArrayList<>();
            fields.add("user=" + r.user);
            AuthReplies.appendVisible(r.extraFields, fields, settings.version);
            return new LookupReply("PASS", fields);
        }
        if (result == PassdbResult.USER_UNKNOWN.code() || result == PassdbResult.USER_DISABLED.code()
                || result == PassdbResult.PASS_EXPIRED.code()) {
            return new LookupReply("NOTFOUND", List.of());
        }
        if (result == PassdbResult.SCHEME_NOT_AVAILABLE.code()) {
            return new LookupReply("FAIL", List.of("reason=Configured passdbs don't support credentials lookups"));
        }
        return new LookupReply("FAIL", List.of());
    }

    /** The auth master's answer to {@code USER}: status, the (possibly changed) user, fields. */
    public record UserReply(String status, String user, List<String> fields) {
    }

    /** {@code master_input_user} → {@code auth_request_lookup_user} → {@code user_callback()}. */
    public UserReply userLookup(AuthInput in, String username) {
        AuthConnections.Connection conn = connections.master("auth-userdb");
        int id = ++requestId;
        boolean debug = authProcess.wantsDebug();
        if (debug) {
            authProcess.debug("master in: USER\t" + id + "\t" + username
                    + in.masterParams(settings.version, settings.debug));
        }
        UserReply reply = userLookup0(in, username);
        if (debug) {
            authProcess.debug("userdb out: " + userdbOut(reply, id));
        }
        conn.close();
        return reply;
    }

    private UserReply userLookup0(AuthInput in, String username) {
        AuthRequest r = newRequest(in);
        r.userdbLookup = true;
        String error = usernames.set(r, username);
        if (error != null) {
            r.event.info(error);
            return new UserReply("FAIL", null, List.of());
        }
        return userdbReply(r, runUserdbChain(r), List.of());
    }

    /**
     * {@code user_callback()}/{@code userdb_callback()}: the master's answer to a userdb lookup that ended
     * with {@code result}: FAIL (with the tempfail's reason), NOTFOUND, or USER with the reply's visible
     * fields and {@code extra} after them.
     */
    private static UserReply userdbReply(AuthRequest r, long result, List<String> extra) {
        if (r.userdbLookupTempfailed || result == UserdbResult.INTERNAL_FAILURE.code()) {
            List<String> f = new ArrayList<>();
            if (r.userdbLookupTempfailed && r.userdbReply != null && r.userdbReply.find("reason") != null) {
                f.add("reason=" + r.userdbReply.find("reason"));
            }
            return new UserReply("FAIL", null, f);
        }
        if (result == UserdbResult.OK.code()) {
            List<String> fields = new ArrayList<>();
            for (AuthFields.Field f : r.userdbReply().visible()) {
                fields.add(f.render());
            }
            fields.addAll(extra);
            return new UserReply("USER", r.user, fields);
        }
        return new UserReply("NOTFOUND", null, List.of());
    }

    /** The master's reply line as the auth process logs it ({@code userdb out:}). */
    private static String userdbOut(UserReply reply, long id) {
        return reply.status() + "\t" + id + (reply.status().equals("USER") ? "\t" + TabEscape.escape(reply.user()) + "\t"
                + String.join("\t", reply.fields().stream().map(TabEscape::escape).toList())
                : TabEscape.fields(reply.fields()));
    }

    private long runUserdbChain(AuthRequest r) {
        boolean userdbSuccess = false;
        int idx = 0;
        long result = UserdbResult.USER_UNKNOWN.code();
        while (idx < userdbs.size()) {
            AuthUserdb db = userdbs.get(idx);
            beginDb(r, db, db.verbose, false, "userdb");
            r.userdbReply();
            applyTemplate(r, db.defaultFields, true);
            // auth_request_lookup_user(): the cache after auth_request_userdb_lookup_begin()
            Long cached = userdbCache == null ? null : userdbCache.lookup(r, db, false);
            if (cached != null) {
                result = cached;
            } else if (db.userdb.checksUserExists(r)) {
                long passdbResult = userExistsLookup(r);
                result = inProcess(r, db, db.verbose, db.userdb.blocking(), "userdb", "USER",
                        q -> db.userdb.lookupAfterPassdb(q, passdbResult),
                        (w, code) -> AuthWorkerRequest.importUserdbReply(r, w, code));
            } else {
                result = inProcess(r, db, db.verbose, db.userdb.blocking(), "userdb", "USER",
                        q -> db.userdb.lookup(q), (w, code) -> AuthWorkerRequest.importUserdbReply(r, w, code));
            }
            endDb(r, "userdb");
            workers.restartAfterRefusal(); // a worker that died on the lookup is replaced once its callback ran
            DbRule rule = result == UserdbResult.OK.code() ? db.resultSuccess
                    : result == UserdbResult.INTERNAL_FAILURE.code() ? db.resultInternalfail : db.resultFailure;
            boolean cont = false;
            switch (rule) {
                case RETURN_OK:
                    userdbSuccess = true;
                    break;
                case RETURN_FAIL:
                    userdbSuccess = false;
                    break;
                case CONTINUE:
                    cont = true;
                    break;
                case CONTINUE_OK:
                    cont = true;
                    userdbSuccess = true;
                    break;
                case CONTINUE_FAIL:
                    cont = true;
                    userdbSuccess = false;
                    break;
                default:
                    break;
            }
            int next = idx + 1;
            while (next < userdbs.size() && skipUserdb(userdbs.get(next), userdbSuccess)) {
                next++;
            }
            if (cont && next < userdbs.size()) {
                if (result == UserdbResult.INTERNAL_FAILURE.code()) {
                    r.userdbsSeenInternalFailure = true;
                }
                if (result == UserdbResult.OK.code()) {
                    applyTemplate(r, db.overrideFields, true);
                    r.userdbReply().snapshot();
                } else {
                    r.userdbReply().rollback();
                }
                idx = next;
                continue;
            }
            long end;
            if (userdbSuccess) {
                applyTemplate(r, db.overrideFields, true);
                end = UserdbResult.OK.code();
            } else if (r.userdbsSeenInternalFailure || result == UserdbResult.INTERNAL_FAILURE.code()) {
                end = UserdbResult.INTERNAL_FAILURE.code();
            } else {
                if (r.loginUserdbLookup) {
                    // auth_request_userdb_callback(): "this was an actual login attempt, the user should have been found"
                    if (r.settings.version.has(Since.USERDB_NOT_FOUND_NAMES_NO_DB)) {
                        r.event.error("user not found from any userdbs");
                    } else if (userdbs.size() == 1) {
                        r.event.error(r.dbLogPrefix() + "user not found from userdb");
                    } else {
                        r.event.error("user not found from any userdbs"); // 2.3 logs it on the mech event
                    }
                }
                end = UserdbResult.USER_UNKNOWN.code();
            }
            return userdbCacheResult(r, db, end, cached != null);
        }
        return result;
    }

    /**
     * The end of {@code auth_request_userdb_callback()}: the last userdb's answer is cached (unless
     * it came from the cache or the lookup tempfailed); an internal failure falls back to an expired entry.
     */
    private long userdbCacheResult(AuthRequest r, AuthUserdb db, long result, boolean hit) {
        if (userdbCache == null || r.userdbLookupTempfailed) {
            return result; // no caching
        }
        if (result != UserdbResult.INTERNAL_FAILURE.code()) {
            if (!hit) {
                userdbCache.save(r, db, result);
            }
            return result;
        }
        if (db.cacheKey != null) {
            Long expired = userdbCache.lookup(r, db, true);
            if (expired != null) {
                r.event.info(r.dbLogPrefix() + "Falling back to expired data from cache");
                return expired;
            }
        }
        return result;
    }

    /**
     * userdb-static.c {@code static_lookup()}: a credentials lookup over the passdb chain, inside the
     * userdb lookup, to learn whether the user exists. Its kludge: the request is briefly not a
     * userdb lookup (so passdb fields stay passdb fields); the userdb's db event comes back after.
     */
    private long userExistsLookup(AuthRequest r) {
        AuthDb userdb = r.currentDb;
        DovecotEvent userdbEvent = r.dbEvent;
        boolean inWorker = r.inWorker;
        r.userdbLookup = false;
        long result = runPassdbChain(r, passdbs, false);
        r.userdbLookup = true;
        r.currentDb = userdb;
        r.dbEvent = userdbEvent;
        r.inWorker = inWorker;
        return result;
    }

    private static boolean skipUserdb(AuthUserdb db, boolean success) {
        switch (db.skip) {
            case FOUND:
                return success;
            case NOTFOUND:
                return !success;
            default:
                return false;
        }
    }

    /** User iteration ({@code doveadm user '*'}): every userdb's list, or null when one failed. */
    public List<String> iterate(AuthInput in) {
        return iterate(in, "*");
    }

    /**
     * The master {@code LIST} with {@code user=mask}: doveadm-auth.c cmd_user_list() sends its one
     * mask (several masks: {@code *}), and userdbs see it as the request's user (e.g. a dict
     * server's {@code I} command carries it, case 276).
     */
    public List<String> iterate(AuthInput in, String mask) {
        AuthConnections.Connection conn = connections.master("auth-userdb");
        List<String> users = iterate(in, mask, ++requestId);
        conn.close();
        return users;
    }

    private List<String> iterate(AuthInput in, String mask, int id) {
        authProcess.debug("master in: LIST\t" + id + "\tuser=" + mask
                + in.masterParams(settings.version, settings.debug));
        List<String> all = new ArrayList<>();
        boolean failed = false;
        for (AuthUserdb db : userdbs) {
            AuthRequest r = newRequest(in);
            r.userdbLookup = true;
            r.user = mask;
            // the iteration always runs in an auth worker, even with blocking=no (seen on 2.3.19)
            beginDb(r, db, db.verbose, true, "userdb");
            @SuppressWarnings("unchecked")
            List<String>[] out = new List[1];
            long ok = workers.call(r, true, "LIST", () -> {
                workers.ensure();
                out[0] = db.userdb.iterate(r);
                return 0;
            });
            if (ok != 0 || out[0] == null) {
                failed = true;
                continue;
            }
            all.addAll(out[0]);
        }
        return failed ? null : all;
    }
}
