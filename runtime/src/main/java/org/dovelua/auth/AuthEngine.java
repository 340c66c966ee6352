package org.dovelua.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.dovelua.lua.DovecotEvent;
import org.dovelua.lua.LogLevel;
import org.dovelua.lua.LogSink;
import org.dovelua.lua.ProcessDeath;

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

    /** doveadm authenticates without a later master login, so its requests are {@code auth_only}. */
    private static final boolean AUTH_ONLY_CLIENT = true;

    private final AuthSettings settings;
    private final List<AuthPassdb> passdbs;
    private final List<AuthPassdb> masterdbs;
    private final List<AuthUserdb> userdbs;
    private final DovecotEvent authProcess;
    private final DovecotEvent workerProcess;
    private final Map<String, String> env;
    private int requestId;
    private boolean workerRunning;
    /** What the log shows as the auth process's pid in master lines (this JVM's). */
    private static final long PID = ProcessHandle.current().pid();
    private static final String MODULE_DIR = "/usr/lib/dovecot/modules/auth";

    public AuthEngine(AuthSettings settings, List<AuthPassdb> passdbs, List<AuthPassdb> masterdbs,
            List<AuthUserdb> userdbs, DovecotEvent authProcess, DovecotEvent workerProcess, Map<String, String> env) {
        this.settings = settings;
        this.passdbs = passdbs;
        this.masterdbs = masterdbs;
        this.userdbs = userdbs;
        this.authProcess = authProcess;
        this.workerProcess = workerProcess;
        this.env = env;
    }

    /** The process events a configuration's drivers log under. */
    public static DovecotEvent processEvent(String process, LogSink sink, AuthSettings s) {
        return DovecotEvent.root(process, sink, s.debug);
    }

    public AuthSettings settings() {
        return settings;
    }

    /** Starts every driver ({@code passdb_init}/{@code userdb_init}); a failure is fatal for the process. */
    public void init() throws AuthInitException {
        logModules(authProcess);
        for (AuthPassdb p : masterdbs) {
            p.passdb.init();
        }
        for (AuthPassdb p : passdbs) {
            p.passdb.init();
        }
        for (AuthUserdb u : userdbs) {
            u.userdb.init();
        }
        authProcess.debug("Wrote new auth token secret to " + settings.baseDir + "/auth-token-secret.dat");
    }

    /** The module loading a process logs at start with auth_debug (seen on 2.3.19). */
    private void logModules(DovecotEvent process) {
        process.debug("Loading modules from directory: " + MODULE_DIR);
        process.debug("Module loaded: " + MODULE_DIR + "/lib20_auth_var_expand_crypt.so");
        if (usesLua()) {
            process.debug("Loading modules from directory: " + MODULE_DIR);
            process.debug("Module loaded: " + MODULE_DIR + "/libauthdb_lua.so");
        }
    }

    private boolean usesLua() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.concat(masterdbs.stream(), passdbs.stream())
                .map(p -> p.passdb.driver()), userdbs.stream().map(u -> u.userdb.driver())).anyMatch("lua"::equals);
    }

    /**
     * An auth worker starts when the first request needs one: it loads the modules and
     * initialises every passdb and userdb (so Lua scripts run their body and script_init there),
     * then accepts the auth process's connection. A failing init is a fatal worker death.
     */
    private void ensureWorker() {
        if (workerRunning) {
            return;
        }
        logModules(workerProcess);
        try {
            for (AuthPassdb p : masterdbs) {
                p.passdb.startWorker();
            }
            for (AuthPassdb p : passdbs) {
                p.passdb.startWorker();
            }
            for (AuthUserdb u : userdbs) {
                u.userdb.startWorker();
            }
        } catch (AuthInitException e) {
            allWorkerDied();
            throw new ProcessDeath(ProcessDeath.Kind.FATAL, e.getMessage());
        }
        String conn = "conn unix:auth-worker (pid=" + PID + ",uid=" + SystemUsers.dovecotUid() + "): ";
        workerProcess.debug(conn + "Server accepted connection (fd=13)");
        workerProcess.debug(conn + "Sending version handshake");
        workerRunning = true;
    }

    private void allWorkerDied() {
        workerRunning = false;
        for (AuthPassdb p : masterdbs) {
            p.passdb.workerDied();
        }
        for (AuthPassdb p : passdbs) {
            p.passdb.workerDied();
        }
        for (AuthUserdb u : userdbs) {
            u.userdb.workerDied();
        }
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

    private void deinitAll(boolean scriptDeinit) {
        for (AuthPassdb p : masterdbs) {
            p.passdb.deinit(scriptDeinit);
        }
        for (AuthPassdb p : passdbs) {
            p.passdb.deinit(scriptDeinit);
        }
        for (AuthUserdb u : userdbs) {
            u.userdb.deinit(scriptDeinit);
        }
    }


    // ----- requests -----

    private AuthRequest newRequest(AuthInput in) {
        AuthRequest r = new AuthRequest(settings);
        r.event = authProcess.child();
        r.event.setMinLevel(settings.verbose ? LogLevel.INFO : LogLevel.WARNING);
        in.applyTo(r);
        return r;
    }

    /** {@code auth_request_set_username()}: master user split, translation, chars, format. */
    private String setUsername(AuthRequest r, String username) {
        String login = null;
        if (!settings.masterUserSeparator.isEmpty() && !r.userdbLookup) {
            int p = username.indexOf(settings.masterUserSeparator.charAt(0));
            if (p >= 0) {
                login = username.substring(0, p);
                username = username.substring(p + 1);
            }
        }
        if (r.originalUsername == null) {
            r.originalUsername = username;
        }
        String[] error = new String[1];
        String fixed = fixUsername(r, username, error);
        if (fixed == null) {
            r.user = null;
            return error[0];
        }
        r.user = fixed;
        if (r.translatedUsername == null) {
            r.translatedUsername = fixed;
        }
        if (login != null) {
            if (login.isEmpty()) {
                return "Master user login attempted to use empty login username";
            }
            if (!login.equals(r.user)) {
                if (masterdbs.isEmpty()) {
                    return "Master user login attempted without master passdbs";
                }
                String fixedLogin = fixUsername(r, login, error);
                if (fixedLogin == null) {
                    return error[0];
                }
                r.requestedLoginUser = fixedLogin;
            }
        }
        return null;
    }

    /** {@code auth_request_fix_username()}. */
    private String fixUsername(AuthRequest r, String username, String[] error) {
        String user = username;
        if (!settings.defaultRealm.isEmpty() && user.indexOf('@') < 0) {
            user = user + "@" + settings.defaultRealm;
        }
        StringBuilder sb = new StringBuilder();
        String tr = settings.usernameTranslation;
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            for (int t = 0; t + 1 < tr.length(); t += 2) {
                if (tr.charAt(t) == c) {
                    c = tr.charAt(t + 1);
                    break;
                }
            }
            if (!settings.usernameChars.isEmpty() && settings.usernameChars.indexOf(c) < 0) {
                error[0] = String.format("Username character disallowed by auth_username_chars: 0x%02x (username: %s)",
                        (int) c & 0xff, AuthRequest.sanitize(username, 128));
                return null;
            }
            sb.append(c);
        }
        user = sb.toString();
        if (!settings.usernameFormat.isEmpty()) {
            try {
                user = VarExpand.expand(settings.usernameFormat, r, AuthRequestVars.table(r, user), env);
            } catch (VarExpand.VarExpandException e) {
                error[0] = "Failed to expand username_format=" + settings.usernameFormat + ": " + e.getMessage();
                return null;
            }
        }
        if (user.isEmpty()) {
            error[0] = "Empty username";
            return null;
        }
        return user;
    }

    // ----- passdb chain -----

    private DovecotEvent processFor(boolean blocking) {
        return blocking ? workerProcess : authProcess;
    }

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
            return callDriver(r, false, requestType, () -> lookup.applyAsLong(r));
        }
        AuthRequest w = AuthWorkerRequest.export(r);
        w.mechPassword = requestType.equals("PASSV") ? r.mechPassword : null;
        w.event = workerProcess.child();
        boolean[] done = new boolean[1];
        long result = callDriver(r, true, requestType, () -> {
            ensureWorker();
            workerProcess.debug("Handling " + requestType + " request");
            beginDb(w, db, dbVerbose, true, what);
            long code = lookup.applyAsLong(w);
            done[0] = true;
            return code;
        });
        if (done[0] && workerRunning) {
            w.dbEvent.debug("Finished " + what + " lookup");
            workerFinished(requestType, result);
        }
        importReply.accept(w, result);
        return result;
    }

    /** {@code passdb_result_to_string()} in {@code auth_request_passdb_lookup_end()}: {@code i_unreached()}. */
    private static ProcessDeath unreachedResult() {
        return new ProcessDeath(ProcessDeath.Kind.PANIC, "file passdb.c: line 298: unreached");
    }

    /** A worker that sent its reply and then crashed: the request goes on, the worker is gone. */
    private void workerDiedAfterReply(ProcessDeath d) {
        workerProcess.logPlain(LogLevel.PANIC, d.getMessage());
        workerProcess.logPlain(LogLevel.ERROR, "Raw backtrace: (dovelua has no native backtrace)");
        workerProcess.logPlain(LogLevel.FATAL, "master: service(auth-worker): child " + PID
                + " killed with signal 6 (core dumps disabled - https://dovecot.org/bugreport.html#coredumps)");
        allWorkerDied();
    }

    /** {@code auth_worker_request_finished()}: {@code Finished} or {@code Finished: <result>}. */
    private void workerFinished(String requestType, long result) {
        String error = null;
        if (requestType.equals("USER")) {
            if (result != UserdbResult.OK.code()) {
                error = result == UserdbResult.USER_UNKNOWN.code() ? "user_unknown" : "internal_failure";
            }
        } else if (requestType.equals("PASSV") && result != PassdbResult.OK.code()) {
            PassdbResult pr = PassdbResult.of(result);
            error = pr == null ? null : pr.name().toLowerCase(java.util.Locale.ROOT);
        }
        workerProcess.debug(error == null ? "Finished" : "Finished: " + error);
    }

    private DovecotEvent dbEvent(AuthRequest r, DovecotEvent process, Boolean dbVerbose) {
        DovecotEvent e = process.child();
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
     * Runs one driver call as the process that hosts it would. A blocking driver runs in an auth
     * worker: if the script kills the worker, the auth process logs the aborted request and the
     * request fails internally; the next request gets a fresh worker. A non-blocking driver runs
     * in the auth process itself, whose death ends the client's connection.
     */
    private long callDriver(AuthRequest r, boolean blocking, String requestType, LongSupplier call) {
        try {
            return call.getAsLong();
        } catch (ProcessDeath d) {
            return processDied(r, blocking, requestType, d);
        } catch (AuthRequestFields.AssertionFailure a) {
            return processDied(r, blocking, requestType, new ProcessDeath(ProcessDeath.Kind.PANIC, a.getMessage()));
        }
    }

    private long processDied(AuthRequest r, boolean blocking, String requestType, ProcessDeath d) {
        DovecotEvent proc = processFor(blocking);
        String process = blocking ? "auth-worker" : "auth";
        String killed = "master: service(" + process + "): child " + PID + " killed with signal 6 "
                + "(core dumps disabled - https://dovecot.org/bugreport.html#coredumps)";
        switch (d.kind()) {
            case PANIC:
                proc.logPlain(LogLevel.PANIC, d.getMessage());
                proc.logPlain(LogLevel.ERROR, "Raw backtrace: (dovelua has no native backtrace)");
                break;
            case FATAL:
                proc.logPlain(LogLevel.FATAL, d.getMessage());
                // exit 89 is DEFAULT-FATAL: the log process drops master's "returned error 89"
                // line when the child already logged its Fatal (service-process.c; seen on 2.3.19)
                killed = null;
                break;
            case EXIT:
                // lib's atexit handler: an exit() outside Dovecot's own shutdown
                proc.logPlain(LogLevel.ERROR, "Unexpected exit - converting to abort");
                break;
            case TIMEOUT:
                if (!blocking) {
                    throw new AuthProcessDied("dovelua: " + d.getMessage()
                            + " (the auth process would hang; the client would time out)");
                }
                proc.logPlain(LogLevel.ERROR, "dovelua: " + d.getMessage()
                        + "; real Dovecot aborts a worker request after 60 s");
                break;
            default:
                break;
        }
        if (!blocking) {
            if (killed != null) {
                proc.logPlain(LogLevel.FATAL, killed);
            }
            throw new AuthProcessDied(process + " died: " + d.getMessage());
        }
        // the auth process drops the worker either way; a timed-out one is left spinning
        allWorkerDied();
        boolean timeout = d.kind() == ProcessDeath.Kind.TIMEOUT;
        authProcess.logPlain(LogLevel.ERROR, "auth-worker: Aborted " + requestType + " request for "
                + r.user + ": " + (timeout ? "Lookup timed out" : "Worker process died unexpectedly"));
        if (!timeout && killed != null) {
            proc.logPlain(LogLevel.FATAL, killed);
        }
        return PassdbResult.INTERNAL_FAILURE.code();
    }

    /** The result of {@code doveadm auth test}: success and the reply's args. */
    public record AuthReply(boolean success, List<String> args) {
    }

    /**
     * The initial response as auth_request_handler logs it: hidden, unless auth_debug_passwords
     * shows doveadm's PLAIN response {@code user\0user\0password} (doveadm-auth.c) in base64.
     */
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
        int id = ++requestId;
        if (id == 1) {
            authProcess.debug("auth client connected (pid=0)");
        }
        authProcess.debug("client in: AUTH\t" + id + "\tPLAIN" + in.clientParams(settings.debug) + "\tresp="
                + clientResp(username, password));
        AuthReply reply = authTest0(in, username, password);
        authProcess.debug("client passdb out: " + (reply.success() ? "OK" : "FAIL") + "\t" + id
                + TabEscape.fields(reply.args()));
        return reply;
    }

    private AuthReply authTest0(AuthInput in, String username, String password) {
        AuthRequest r = newRequest(in);
        r.mechName = "PLAIN";
        r.mechPassword = password;
        String error = setUsername(r, username);
        if (error != null) {
            r.event.setLogPrefixCallback(() -> "plain(" + r.logIdentifier() + "): ");
            r.event.info(error);
            return failureReply(r, PassdbResult.USER_UNKNOWN.code(), false);
        }
        if (password.indexOf('\001') >= 0 || password.indexOf('\t') >= 0 || password.indexOf('\r') >= 0
                || password.indexOf('\n') >= 0) {
            return failureReply(r, PassdbResult.USER_UNKNOWN.code(), false);
        }
        List<AuthPassdb> chain = r.requestedLoginUser != null ? masterdbs : passdbs;
        long result = runPassdbChain(r, chain, true);
        AuthReply reply = result == PassdbResult.OK.code() ? successReply(r)
                : failureReply(r, result, result == PassdbResult.INTERNAL_FAILURE.code());
        // auth_request_log_finished()
        authProcess.debug("auth(" + r.logIdentifier() + "): Auth request finished");
        return reply;
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
            applyTemplate(r, db.defaultFields, false);
            long result = inProcess(r, db, db.verbose, db.passdb.blocking(), "passdb", verify ? "PASSV" : "PASSL",
                    q -> {
                        long code = verify ? db.passdb.verifyPlain(q, q.mechPassword) : db.passdb.lookupCredentials(q);
                        if (PassdbResult.of(code) == null) {
                            if (verify || !q.inWorker) {
                                throw unreachedResult();
                            }
                            // lookup_credentials_callback() replies before passdb_result_to_string()
                            // panics, so the auth process receives the code and panics too
                            workerDiedAfterReply(unreachedResult());
                            return code;
                        }
                        if (q.inWorker && q.failed && code == PassdbResult.OK.code()) {
                            // auth-worker-client.c verify_plain_callback()/lookup_credentials_callback()
                            code = PassdbResult.PASSWORD_MISMATCH.code();
                        }
                        return code;
                    }, (w, code) -> AuthWorkerRequest.importPassdbReply(r, w, code, verify));
            if (PassdbResult.of(result) == null) {
                return processDied(r, false, "PASSL", unreachedResult());
            }
            if (result == PassdbResult.OK.code() && r.extraFields.exists("noauthenticate")) {
                result = PassdbResult.NEXT.code();
            }
            applyTemplate(r, db.overrideFields, false);
            endDb(r, "passdb");
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
        } catch (VarExpand.VarExpandException e) {
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

    // ----- password checks used by drivers -----

    /** {@code auth_request_password_missing()}. */
    static long passwordMissing(AuthRequest r) {
        if (r.skipPasswordCheck) {
            return PassdbResult.OK.code();
        }
        r.dbEvent().info("No password returned (and no nopassword)");
        return PassdbResult.PASSWORD_MISMATCH.code();
    }

    /** {@code auth_request_log_password_mismatch()} (info; more with auth_verbose_passwords). */
    static void logPasswordMismatch(AuthRequest r) {
        logLoginFailure(r, "Password mismatch");
    }

    private static void logLoginFailure(AuthRequest r, String message) {
        String vp = r.settings.verbosePasswords;
        if (vp.equals("no") || r.mechPassword == null) {
            r.dbEvent().info(message);
            return;
        }
        String type = vp;
        int max = Integer.MAX_VALUE;
        int colon = vp.indexOf(':');
        if (colon >= 0) {
            type = vp.substring(0, colon);
            max = Integer.parseInt(vp.substring(colon + 1));
        }
        String shown;
        if (type.equals("sha1")) {
            shown = "(SHA1 of given password: " + cut(sha1Hex(r.mechPassword), max) + ")";
        } else {
            shown = "(given password: " + cut(r.mechPassword, max) + ")";
        }
        DovecotEvent e = r.dbEvent();
        // "make sure this gets logged": the level gate is lifted to INFO for this line
        e.setMinLevel(LogLevel.INFO);
        e.info(message + " " + shown);
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static String sha1Hex(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-1")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code auth_request_password_verify()}: 1 ok, 0 mismatch, -1 error (logged); in 2.4 an
     * unknown scheme is -2 (SCHEME_NOT_AVAILABLE).
     */
    static int passwordVerify(AuthRequest r, String plain, String crypted, String scheme) {
        if (r.skipPasswordCheck) {
            return 1;
        }
        if (r.extraFields.exists("nopassword")) {
            r.dbEvent().debug("Allowing any password");
            return 1;
        }
        DovecotVersion v = r.settings.version;
        PasswordSchemes.Decoded d = PasswordSchemes.decode(crypted, scheme, v);
        if (d.ret() <= 0) {
            if (d.ret() < 0) {
                r.dbEvent().error("Password data is not valid for scheme " + scheme + ": " + d.error());
            } else {
                r.dbEvent().error("Unknown scheme " + scheme);
                // 2.4 returns PASSDB_RESULT_SCHEME_NOT_AVAILABLE here (auth-request.c@2.4.1)
                return v.is24() ? (int) PassdbResult.SCHEME_NOT_AVAILABLE.code() : -1;
            }
            return -1;
        }
        String[] error = new String[1];
        // 2.3.19 returns -1 for an unknown scheme too (2.3.21 returns SCHEME_NOT_AVAILABLE)
        // gen_params.user = original_username (auth-request.c auth_request_password_verify_log)
        byte[] plainBytes = plain == null ? new byte[0] : plain.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        PasswordScheme.Params params = new PasswordScheme.Params(r.originalUsername, 0);
        int ret = PasswordSchemes.verify(plainBytes, scheme, d.raw(), params, v, r.settings.allowWeakSchemes, error);
        if (ret < 0) {
            String shown = r.settings.debugPasswords ? " '" + crypted + "'" : "";
            r.dbEvent().error("Invalid password" + shown + " in passdb: " + error[0]);
        } else if (ret == 0) {
            logPasswordMismatch(r);
        }
        if (ret <= 0 && r.settings.debugPasswords) {
            // log_password_failure(): the static scheme_ok is never set, so detection always runs
            String working = PasswordSchemes.detect(plainBytes, crypted, params, v, r.settings.allowWeakSchemes);
            r.dbEvent().debug(scheme + "(" + plain + ") != '" + crypted + "'"
                    + (working == null ? "" : ", try " + working + " scheme instead"));
        }
        return ret;
    }

    // ----- replies -----

    /** {@code auth_request_handler_reply_success_finish()}: {@code OK user=... <extra fields>}. */
    private AuthReply successReply(AuthRequest r) {
        r.extraFields.booleanize("nologin");
        r.extraFields.booleanize("proxy");
        List<String> args = new ArrayList<>();
        args.add("user=" + r.user);
        appendExtraFields(r, args);
        return new AuthReply(true, args);
    }

    /** {@code auth_request_handler_reply_failure_finish()}. */
    private AuthReply failureReply(AuthRequest r, long result, boolean internal) {
        r.extraFields.remove("nologin");
        List<String> args = new ArrayList<>();
        if (r.user != null) {
            args.add("user=" + r.user);
        } else if (r.originalUsername != null) {
            args.add("user=" + r.originalUsername);
        }
        String code = null;
        if (internal) {
            code = "temp_fail";
        } else if (r.masterUser != null) {
            code = "authz_fail";
        } else if (result == PassdbResult.USER_DISABLED.code()) {
            code = "user_disabled";
        } else if (result == PassdbResult.PASS_EXPIRED.code()) {
            code = "pass_expired";
        }
        if (r.extraFields.exists("nodelay")) {
            args.add("nodelay");
        }
        if (code != null) {
            args.add("code=" + code);
        }
        appendExtraFields(r, args);
        return new AuthReply(false, args);
    }

    /** {@code auth_str_append_extra_fields()}. */
    private void appendExtraFields(AuthRequest r, List<String> args) {
        appendVisible(r.extraFields, args);
        if (r.originalUsername != null && !r.originalUsername.equals(r.user) && !r.extraFields.exists("original_user")) {
            args.add("original_user=" + r.originalUsername);
        }
        if (r.masterUser != null && !r.extraFields.exists("auth_user")) {
            args.add("auth_user=" + r.masterUser);
        }
        // !request->auth_only: doveadm's requests are auth-only (no pass= added for proxies, seen on 2.3.19)
        if (!AUTH_ONLY_CLIENT && r.extraFields.exists("proxy")) {
            if (!r.extraFields.exists("pass") && r.mechPassword != null) {
                args.add("pass=" + r.mechPassword);
            }
            if (r.masterUser != null && !r.extraFields.exists("master") && !r.masterUser.isEmpty()) {
                args.add("master=" + r.masterUser);
            }
        }
    }

    /**
     * {@code '\t'} + {@code auth_fields_append(..., HIDDEN, 0)}: a non-empty field list whose
     * fields are all hidden still adds the separator, so the client sees one empty field
     * (seen on 2.3.19 after a passdb rewrote the user).
     */
    private static void appendVisible(AuthFields fields, List<String> args) {
        if (fields.isEmpty()) {
            return;
        }
        List<AuthFields.Field> visible = fields.visible();
        if (visible.isEmpty()) {
            args.add("");
        }
        for (AuthFields.Field f : visible) {
            args.add(f.render());
        }
    }

    /** The auth master's answer to {@code PASS} ({@code doveadm auth lookup}). */
    public record LookupReply(String status, List<String> fields) {
    }

    /** {@code master_input_pass} → {@code pass_callback_finish()}. */
    public LookupReply passLookup(AuthInput in, String username) {
        int id = ++requestId;
        authProcess.debug("master in: PASS\t" + id + "\t" + username + in.masterParams(settings.debug));
        LookupReply reply = passLookup0(in, username);
        authProcess.debug("passdb out: " + reply.status() + "\t" + id + TabEscape.fields(reply.fields()));
        return reply;
    }

    private LookupReply passLookup0(AuthInput in, String username) {
        AuthRequest r = newRequest(in);
        String error = setUsername(r, username);
        if (error != null) {
            r.event.info(error);
            return new LookupReply("FAIL", List.of());
        }
        long result = runPassdbChain(r, passdbs, false);
        boolean passdbSuccess = result == PassdbResult.OK.code();
        if (result == PassdbResult.OK.code()) {
            if (r.failed || !passdbSuccess) {
                return new LookupReply("FAIL", List.of());
            }
            List<String> fields = new ArrayList<>();
            fields.add("user=" + r.user);
            appendVisible(r.extraFields, fields);
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
        int id = ++requestId;
        authProcess.debug("master in: USER\t" + id + "\t" + username + in.masterParams(settings.debug));
        UserReply reply = userLookup0(in, username);
        String out = reply.status() + "\t" + id
                + (reply.status().equals("USER") ? "\t" + TabEscape.escape(reply.user()) + "\t"
                        + String.join("\t", reply.fields().stream().map(TabEscape::escape).toList())
                        : TabEscape.fields(reply.fields()));
        authProcess.debug("userdb out: " + out);
        return reply;
    }

    private UserReply userLookup0(AuthInput in, String username) {
        AuthRequest r = newRequest(in);
        r.userdbLookup = true;
        String error = setUsername(r, username);
        if (error != null) {
            r.event.info(error);
            return new UserReply("FAIL", null, List.of());
        }
        long result = runUserdbChain(r);
        if (r.userdbLookupTempfailed) {
            result = UserdbResult.INTERNAL_FAILURE.code();
        }
        if (result == UserdbResult.INTERNAL_FAILURE.code()) {
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
            return new UserReply("USER", r.user, fields);
        }
        return new UserReply("NOTFOUND", null, List.of());
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
            result = inProcess(r, db, db.verbose, db.userdb.blocking(), "userdb", "USER",
                    q -> db.userdb.lookup(q), (w, code) -> AuthWorkerRequest.importUserdbReply(r, w, code));
            endDb(r, "userdb");
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
            if (userdbSuccess) {
                applyTemplate(r, db.overrideFields, true);
                return UserdbResult.OK.code();
            }
            if (r.userdbsSeenInternalFailure || result == UserdbResult.INTERNAL_FAILURE.code()) {
                return UserdbResult.INTERNAL_FAILURE.code();
            }
            return UserdbResult.USER_UNKNOWN.code();
        }
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
        authProcess.debug("master in: LIST\t" + (++requestId) + "\tuser=*" + in.masterParams(settings.debug));
        List<String> all = new ArrayList<>();
        boolean failed = false;
        for (AuthUserdb db : userdbs) {
            AuthRequest r = newRequest(in);
            r.userdbLookup = true;
            r.user = "*";
            // the iteration always runs in an auth worker, even with blocking=no (seen on 2.3.19)
            beginDb(r, db, db.verbose, true, "userdb");
            @SuppressWarnings("unchecked")
            List<String>[] out = new List[1];
            long ok = callDriver(r, true, "LIST", () -> {
                ensureWorker();
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
