package org.dovelua.auth;

import java.util.List;
import java.util.function.LongSupplier;
import org.dovelua.auth.db.AuthInitException;
import org.dovelua.auth.db.AuthPassdb;
import org.dovelua.auth.db.AuthUserdb;
import org.dovelua.auth.db.PassdbResult;
import org.dovelua.auth.db.SystemUsers;
import org.dovelua.auth.db.UserdbResult;
import org.dovelua.auth.request.AuthRequest;
import org.dovelua.auth.request.AuthRequestFields;
import org.dovelua.lua.MemoryBudget;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.LogLevel;
import org.dovelua.version.Since;

/**
 * The auth worker processes as the auth process sees them (auth-worker-server.c): started on
 * first use with every passdb/userdb initialised, and what happens to a request when a script
 * kills the process it runs in (worker: that request fails; auth process: the client's
 * connection drops).
 */
final class AuthWorkers {
    /** What the log shows as the auth process's pid in master lines (this JVM's). */
    private static final long PID = ProcessHandle.current().pid();
    private static final String MODULE_DIR = "/usr/lib/dovecot/modules/auth";

    private final List<AuthPassdb> passdbs;
    private final List<AuthPassdb> masterdbs;
    private final List<AuthUserdb> userdbs;
    private final DovecotEvent authProcess;
    private final DovecotEvent workerProcess;
    private final AuthConnections connections;
    private boolean workerRunning;

    AuthWorkers(List<AuthPassdb> passdbs, List<AuthPassdb> masterdbs, List<AuthUserdb> userdbs,
            DovecotEvent authProcess, DovecotEvent workerProcess, AuthConnections connections) {
        this.connections = connections;
        this.passdbs = passdbs;
        this.masterdbs = masterdbs;
        this.userdbs = userdbs;
        this.authProcess = authProcess;
        this.workerProcess = workerProcess;
    }

    /** A refused request's connection is torn down once its callback has run ({@link #restartAfterRefusal}). */
    private boolean restartPending;
    /** The pending restart follows a dead worker (no "Deinitializing" line of its own; its fd is still held). */
    private boolean restartAfterDeath;
    /** The running worker's connection prefix in its own debug lines. */
    private String workerConnPrefix = "";

    boolean running() {
        return workerRunning;
    }


    /** The module loading a process logs at start with auth_debug (seen on 2.3.19 and 2.4.1). */
    void logModules(DovecotEvent process) {
        process.debug("Loading modules from directory: " + MODULE_DIR);
        if (!connections.version().has(Since.VAR_EXPAND_CRYPT_BUILT_IN)) {
            process.debug("Module loaded: " + MODULE_DIR + "/lib20_auth_var_expand_crypt.so");
        }
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
    void ensure() {
        if (restartPending && restartAfterDeath) {
            restartAfterRefusal(); // a path that did not restart the dead worker after its callback
        }
        if (workerRunning) {
            return;
        }
        // the dovecot user's uid is only named in debug lines; looking it up runs getent (~10 ms)
        boolean debug = workerProcess.wantsDebug() || authProcess.wantsDebug();
        long uid = debug ? SystemUsers.dovecotUid() : 0;
        int fd = connections.workerConnecting(PID, uid);
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
            allDied();
            throw new ProcessDeath(ProcessDeath.Kind.FATAL, e.getMessage());
        }
        String conn = "conn unix:auth-worker (pid=" + PID + ",uid=" + uid + "): ";
        workerConnPrefix = conn;
        workerProcess.debug(conn + "Server accepted connection (fd=" + fd + ")");
        workerProcess.debug(conn + "Sending version handshake");
        connections.workerHandshake();
        workerRunning = true;
    }

    void allDied() {
        workerRunning = false;
        connections.workerGone();
        dbsWorkerDied();
    }

    /** Each db's state in the worker (its Lua state) is gone with the process. */
    private void dbsWorkerDied() {
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
     * A worker that sent its reply and then crashed: the request goes on, the worker is gone. A panic
     * logs itself and its backtrace (signal 6); a SIGSEGV logs nothing, master names the signal.
     */
    void diedAfterReply(ProcessDeath d) {
        int signal = 6;
        if (d.kind() == ProcessDeath.Kind.SEGFAULT) {
            signal = 11;
        } else {
            workerProcess.logPlain(LogLevel.PANIC, d.getMessage());
            workerProcess.logPlain(LogLevel.ERROR, "Raw backtrace: (dovelua has no native backtrace)");
        }
        workerProcess.logPlain(LogLevel.FATAL, "master: service(auth-worker): child " + PID
                + " killed with signal " + signal + " (core dumps disabled - https://dovecot.org/bugreport.html#coredumps)");
        allDied();
    }

    /**
     * A request the worker's handler refuses with a {@code BUG:} error (auth-worker-server.c@2.4.1,
     * auth-worker-client.c@2.3.19.1): {@code auth_worker_request_finished()} logs {@code Finished: <error>}
     * as an error and the worker drops the connection, so the auth process aborts the request as for a
     * dead worker (seen on 2.4.1 and 2.4.5, cases 443/444); the next request gets a new worker.
     */
    long refused(AuthRequest r, String requestType, String error) {
        try {
            ensure();
        } catch (ProcessDeath d) {
            return died(r, true, requestType, d);
        }
        workerProcess.debug("Handling " + requestType + " request");
        workerProcess.error("Finished: " + error);
        authProcess.logPlain(LogLevel.ERROR, "auth-worker: Aborted " + requestType + " request for " + r.user
                + ": Worker process died unexpectedly"
                + (r.settings.version.has(Since.WORKER_ABORT_NAMES_CONNECTION) ? ": Connection closed" : ""));
        restartPending = true;
        return PassdbResult.INTERNAL_FAILURE.code();
    }

    /**
     * The rest of {@code auth_worker_deinit()} after a refused request's callback has finished its db
     * lookup: the connection ends (the old worker deinitialises) and, no worker being idle, a new one
     * is started at once ({@code idle_count == 0 && restart}; auth-worker-server.c@2.3.19.1,
     * auth-worker-connection.c@2.4.1; seen with auth_debug on 2.4.1, case 445). A no-op otherwise.
     */
    void restartAfterRefusal() {
        if (!restartPending) {
            return;
        }
        restartPending = false;
        connections.workerClosed();
        if (restartAfterDeath) {
            restartAfterDeath = false;
            connections.workerGone(); // the dead worker logs nothing more
        } else {
            if (connections.version().has(Since.CONNECTION_DEBUG_LINES)) {
                workerProcess.debug(workerConnPrefix + "Disconnected: Deinitializing (fd=-1)");
            }
            allDied();
        }
        try {
            ensure();
        } catch (ProcessDeath d) {
            workerProcess.logPlain(LogLevel.FATAL, d.getMessage()); // the new worker's init failed: it exits
        }
    }

    /** {@code auth_worker_request_finished()}: {@code Finished} or {@code Finished: <result>}. */
    void finished(String requestType, long result) {
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

    /**
     * Runs one driver call as the process that hosts it would. A blocking driver runs in an auth
     * worker: if the script kills the worker, the auth process logs the aborted request and the
     * request fails internally; the next request gets a fresh worker. A non-blocking driver runs
     * in the auth process itself, whose death ends the client's connection.
     */
    long call(AuthRequest r, boolean blocking, String requestType, LongSupplier call) {
        try {
            return call.getAsLong();
        } catch (ProcessDeath d) {
            return died(r, blocking, requestType, d);
        } catch (AuthRequestFields.AssertionFailure a) {
            return died(r, blocking, requestType, new ProcessDeath(ProcessDeath.Kind.PANIC, a.getMessage()));
        }
    }

    /** service-process.c {@code get_exit_status_message()} for FATAL_OUTOFMEM. */
    static String outOfMemory(String service, MemoryBudget budget) {
        return "master: service(" + service + "): child " + PID + " returned error " + MemoryBudget.FATAL_OUTOFMEM
                + " (Out of memory" + (budget.isLimited() ? " (service " + service + " { vsz_limit="
                        + budget.limitMegabytes() + " MB }, you may need to increase it)" : "")
                + " - set CORE_OUTOFMEM=1 environment to get core dump)";
    }

    long died(AuthRequest r, boolean blocking, String requestType, ProcessDeath d) {
        DovecotEvent proc = blocking ? workerProcess : authProcess;
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
                if (d.exitCode() == MemoryBudget.FATAL_OUTOFMEM) {
                    // seen on 2.3.19 (docs/real-dovecot-2.3.19.md, vsz_limit): the worker's
                    // "Fatal: calloc(1, 163): Out of memory" names an allocation dovelua cannot
                    // know, so its place has the dovelua: line; master's line names the limit
                    killed = outOfMemory(process, r.settings.memoryBudget(blocking));
                    break;
                }
                // exit 89 is DEFAULT-FATAL: the log process drops master's "returned error 89"
                // line when the child already logged its Fatal (service-process.c; seen on 2.3.19)
                killed = null;
                break;
            case SEGFAULT:
                // a SIGSEGV logs nothing itself; master names the signal (seen on 2.3.19, dict driver)
                killed = killed.replace("signal 6 ", "signal 11 ");
                break;
            case EXIT:
                // lib's atexit handler: an exit() outside Dovecot's own shutdown
                proc.logPlain(LogLevel.ERROR, "Unexpected exit - converting to abort");
                break;
            case TIMEOUT:
                if (!blocking) {
                    throw new AuthEngine.AuthProcessDied("dovelua: " + d.getMessage()
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
            throw new AuthEngine.AuthProcessDied(process + " died: " + d.getMessage());
        }
        boolean timeout = d.kind() == ProcessDeath.Kind.TIMEOUT;
        if (timeout) {
            allDied(); // a timed-out worker is left spinning (dovelua's own limit: no restart modelled)
        } else {
            // auth_worker_deinit(restart = TRUE) once the request's callback has run: no worker is idle,
            // so a new one is connected at once (auth-worker-server.c@2.3.19.1 auth_worker_destroy,
            // auth-worker-connection.c@2.4.1 auth_worker_deinit; seen on 2.3.19, 2.4.1, 2.4.5: cases 492-494)
            workerRunning = false;
            dbsWorkerDied();
            restartPending = true;
            restartAfterDeath = true;
        }
        authProcess.logPlain(LogLevel.ERROR, "auth-worker: Aborted " + requestType + " request for "
                + r.user + ": " + (timeout ? "Lookup timed out" : "Worker process died unexpectedly"
                        // 2.4.1 adds the connection's reason (cases 219, 225)
                        + (r.settings.version.has(Since.WORKER_ABORT_NAMES_CONNECTION) ? ": Connection closed" : "")));
        if (!timeout && killed != null) {
            proc.logPlain(LogLevel.FATAL, killed);
        }
        return PassdbResult.INTERNAL_FAILURE.code();
    }
}
