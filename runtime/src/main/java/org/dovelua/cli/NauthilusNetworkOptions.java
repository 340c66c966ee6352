package org.dovelua.cli;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.api.Dovelua;
import org.dovelua.api.DoveluaBuilder;
import org.dovelua.api.SandboxNetwork;
import picocli.CommandLine.Option;

/**
 * {@code --stub}, {@code --allow-network}, {@code --exec} and {@code --allow-exec} after
 * {@code nauthilus test} (the global ones before {@code nauthilus} count too): what the plugin's
 * glua_http (without an http_client block), tcp and cmd reach, parsed and started as for the auth
 * process ({@link DoveluaCommand#stubsAndExecs}, {@link SandboxNetwork}).
 */
final class NauthilusNetworkOptions {
    @Option(names = "--stub", paramLabel = "URL=KIND:FILE", description = DoveluaCommand.STUB_HELP)
    List<String> stubs = new ArrayList<>();

    @Option(names = "--allow-network", description = DoveluaCommand.ALLOW_NETWORK_HELP)
    boolean allowNetwork;

    @Option(names = "--exec", paramLabel = "PATTERN=FILE", description = DoveluaCommand.EXEC_HELP)
    List<String> execStubs = new ArrayList<>();

    @Option(names = "--allow-exec", description = DoveluaCommand.ALLOW_EXEC_HELP)
    boolean allowExec;

    /**
     * Starts the stubs; hints go to stderr as {@code dovelua: hint: ...}.
     *
     * @throws DoveluaCommand.Exit after printing a usage error
     */
    SandboxNetwork start(DoveluaCommand root) {
        DoveluaBuilder b = Dovelua.builder();
        List<String> allStubs = new ArrayList<>(root.stubs);
        allStubs.addAll(stubs);
        List<String> allExecs = new ArrayList<>(root.execStubs);
        allExecs.addAll(execStubs);
        root.stubsAndExecs(b, allStubs, allExecs);
        if (root.httpMaxPayload != null) {
            b.httpMaxPayload(root.httpMaxPayload);
        }
        boolean exec = root.allowExec || allowExec;
        b.allowNetwork(root.allowNetwork || allowNetwork).allowExec(exec);
        if (exec) {
            root.err.println("dovelua: WARNING: --allow-exec: scripts run real commands through /bin/sh"
                    + " with dovelua's own user and privileges, outside any sandbox");
        }
        return SandboxNetwork.start(b, line -> {
            root.err.println("dovelua: hint: " + line);
            root.err.flush();
        });
    }
}
