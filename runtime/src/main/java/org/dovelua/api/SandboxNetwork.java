package org.dovelua.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.lua.sandbox.RealShell;
import org.dovelua.lua.sandbox.Shell;
import org.dovelua.lua.sandbox.StubShell;
import org.dovelua.stubs.StubServer;

/**
 * What a builder's {@code --stub}, {@code --allow-network}, {@code --http-max-payload}, {@code --exec}
 * and {@code --allow-exec} describe, started: the stub servers on loopback, the URL router that sends
 * requests to them, and the shell that answers commands. The auth process ({@link Dovelua}) and the
 * Nauthilus plugin host ({@code dovelua nauthilus test}) both reach the outside through one.
 */
public final class SandboxNetwork implements AutoCloseable {
    private final HttpRouter router;
    private final Shell shell;
    private final List<StubServer> stubs = new ArrayList<>();

    private SandboxNetwork(DoveluaBuilder settings, Consumer<String> hints) {
        this.router = new HttpRouter(hints).allowNetwork(settings.allowNetwork())
                .maxResponsePayload(settings.httpMaxPayload());
        this.shell = new StubShell(settings.execStubs(),
                settings.allowExec() ? new RealShell(null) : StubShell::missingProgram);
        try {
            for (DoveluaBuilder.StubRoute r : settings.stubs()) {
                StubServer s = r.server().get();
                stubs.add(s);
                router.routeStub(r.prefix(), s.start());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts the stubs {@code settings} names; hints (why a request found no stub) go to {@code hints}. */
    public static SandboxNetwork start(DoveluaBuilder settings, Consumer<String> hints) {
        return new SandboxNetwork(settings, hints);
    }

    public HttpRouter router() {
        return router;
    }

    /** The exec stubs, then real commands ({@code --allow-exec}) or missing programs. */
    public Shell shell() {
        return shell;
    }

    /** Rewinds every stub (see {@link Dovelua#resetStubs}). */
    public void reset() {
        stubs.forEach(StubServer::reset);
    }

    /** Stops the stubs. */
    @Override
    public void close() {
        stubs.forEach(StubServer::close);
        stubs.clear();
    }
}
