package org.dovelua.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovelua.auth.AuthEngine;
import org.dovelua.auth.AuthSetup;
import org.dovelua.auth.config.SetupException;
import org.dovelua.auth.db.AuthInitException;
import org.dovelua.auth.request.AuthInput;
import org.dovelua.lua.dovecot.LogLevel;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.stubs.StubServer;

/**
 * An emulated Dovecot auth server for tests: each method sends one request, as the doveadm
 * command named in its documentation would, and returns what doveadm printed and exited with.
 *
 * <p>The auth process (and its Lua states) starts once, when built, and persists across
 * requests as in a running Dovecot; every call is a fresh request. If a script kills the auth
 * process, the next call starts a new one, as Dovecot's master would. Lines logged while the
 * process starts are in {@link #startupLogs()}, not in a request's logs; a process that fails
 * to start is tried again for each request, whose logs then carry the failure. Calls on one instance are serialised; use one
 * instance per thread to run requests in parallel.
 */
public final class Dovelua implements AutoCloseable {
    /** sysexits' EX_CONFIG, which the CLI exits with for a configuration it cannot read. */
    private static final int EX_CONFIG = 78;

    private final DoveluaBuilder settings;
    private final List<String> startupLogs = new ArrayList<>();
    private AuthEngine engine;
    private String setupError;
    /** The request being answered; log lines from the script's call thread go to it. */
    private volatile Call current;
    /** Where the scripts' HTTP requests go; one per instance, kept across auth process restarts. */
    private final HttpRouter router;
    private final List<StubServer> stubs = new ArrayList<>();

    Dovelua(DoveluaBuilder settings) {
        this.settings = settings;
        this.router = new HttpRouter(line -> stderr("dovelua: hint: " + line)).allowNetwork(settings.allowNetwork());
        try {
            for (DoveluaBuilder.StubRoute r : settings.stubs()) {
                StubServer s = r.server().get();
                stubs.add(s);
                router.routeStub(r.prefix(), s.start());
            }
        } catch (RuntimeException e) {
            stubs.forEach(StubServer::close);
            throw e;
        }
        router.onExchange(ex -> {
            Call c = current;
            if (c != null) {
                c.http.add(ex);
            }
        });
        Call startup = new Call();
        current = startup;
        start(startup);
        if (engine != null) {
            startupLogs.addAll(startup.logs);
        }
        current = null;
    }

    /** Starts describing a setup: {@code Dovelua.builder().config(path).mount(...).build()}. */
    public static DoveluaBuilder builder() {
        return new DoveluaBuilder();
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
    public synchronized Result authTest(String user, String password, Map<String, String> info) {
        AuthInput in = input(info);
        return run("auth test " + user, (e, d) -> {
            AuthEngine.AuthReply r = e.authTest(in, user, password);
            return Outcome.of(d.authTest(user, r), r.result(), r.args());
        }, (d, mid) -> Outcome.of(d.authTestDown(user, mid), "internal_failure", mid ? List.of("temp") : List.of()));
    }

    /** {@code doveadm auth lookup USER}: a passdb lookup without a password. */
    public Result authLookup(String user) {
        return authLookup(user, Map.of());
    }

    /** {@code doveadm auth lookup -x k=v... USER}. */
    public synchronized Result authLookup(String user, Map<String, String> info) {
        AuthInput in = input(info);
        return run("auth lookup " + user, (e, d) -> {
            AuthEngine.LookupReply r = e.passLookup(in, user);
            return Outcome.of(d.passLookup(user, r, null), Outcome.lookupResult(r.status()), r.fields());
        }, (d, mid) -> Outcome.of(d.masterDown("passdb lookup", user), "failed", List.of()));
    }

    /** {@code doveadm user USER}: a userdb lookup, printed as the mail user's field table. */
    public Result userLookup(String user) {
        return userLookup(user, Map.of());
    }

    /** {@code doveadm user -x k=v... USER}. */
    public synchronized Result userLookup(String user, Map<String, String> info) {
        AuthInput in = input(info);
        return run("user " + user, (e, d) -> {
            d.mailUserHeader();
            AuthEngine.UserReply r = e.userLookup(in, user);
            return Outcome.of(d.mailUser(user, r, null), Outcome.lookupResult(r.status()), r.fields());
        }, (d, mid) -> Outcome.of(d.mailUserDown(user, null, mid), "failed", List.of()));
    }

    /** {@code doveadm user '*'}: the userdbs' iteration. */
    public synchronized Result iterate() {
        return run("user *", (e, d) -> {
            List<String> users = e.iterate(new AuthInput());
            int code = d.list(users, List.of("*"));
            return new Outcome(code, users == null ? "failed" : "ok", List.of(), users == null ? List.of() : users);
        }, (d, mid) -> Outcome.of(d.listDown(), "failed", List.of()));
    }

    private static AuthInput input(Map<String, String> info) {
        AuthInput in = new AuthInput();
        info.forEach((k, v) -> {
            String error = in.add(k + "=" + v);
            if (error != null) {
                throw new IllegalArgumentException("-x " + k + "=" + v + ": " + error);
            }
        });
        return in;
    }

    /** One request against the running engine (or its stand-in when the auth process is down). */
    private interface Request {
        Outcome send(AuthEngine engine, org.dovelua.doveadm.Doveadm doveadm);
    }

    private interface Down {
        Outcome print(org.dovelua.doveadm.Doveadm doveadm, boolean midRequest);
    }

    private Result run(String command, Request request, Down down) {
        Call call = new Call();
        current = call;
        try {
            if (setupError != null) {
                call.errWriter.println("dovelua: " + setupError);
                return call.result(command, Outcome.of(EX_CONFIG, "failed", List.of()));
            }
            if (engine == null) {
                // the master starts the auth process again for this connection
                start(call);
                if (setupError != null) {
                    call.errWriter.println("dovelua: " + setupError);
                    return call.result(command, Outcome.of(EX_CONFIG, "failed", List.of()));
                }
                if (engine == null) {
                    return call.result(command, down.print(call.doveadm, false));
                }
            }
            try {
                return call.result(command, request.send(engine, call.doveadm.version(engine.settings().version)));
            } catch (AuthEngine.AuthProcessDied e) {
                call.errWriter.println(e.getMessage().startsWith("dovelua:") ? e.getMessage() : "dovelua: " + e.getMessage());
                engine.close();
                engine = null;
                return call.result(command, down.print(call.doveadm, true));
            }
        } finally {
            current = null;
        }
    }

    /** Builds and starts the auth process; on failure logs as Dovecot's master does and leaves it down. */
    private void start(Call call) {
        AuthSetup setup = settings.setup((process, level, message) -> {
            Call c = current;
            if (c != null) {
                c.log(process, level, message);
            }
        }, line -> stderr("dovelua: hint: " + line),
                line -> stderr("dovelua: stdout (real Dovecot discards it): " + line), router);
        AuthEngine e;
        try {
            e = settings.config() != null ? setup.fromConfig(settings.config()) : setup.fromScript(settings.script());
        } catch (SetupException ex) {
            setupError = ex.getMessage();
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
     * failed logins and restarts its session ids), so a request sees the same stubs whatever ran
     * before it. The case runner calls this before each case.
     */
    public synchronized void resetStubs() {
        stubs.forEach(StubServer::reset);
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
        stubs.forEach(StubServer::close);
        stubs.clear();
    }
}
