package org.dovelua.nauthilus.net;

import java.util.List;
import java.util.function.Consumer;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.lua.sandbox.Shell;
import org.dovelua.lua.sandbox.StubShell;

/**
 * What a run's network and command modules reach: dovelua's URL router ({@code --stub},
 * {@code --allow-network}) and shell ({@code --exec}, {@code --allow-exec}), as the Dovecot side's
 * {@code dovecot.http} and {@code io.popen} do. Hints (why something could not be answered) go to the
 * router's hint sink, once each.
 */
public record NetworkAccess(HttpRouter router, Shell shell) {
    /** Offline: no stubs, no commands; hints go to {@code hints}. */
    public static NetworkAccess offline(Consumer<String> hints) {
        return new NetworkAccess(new HttpRouter(hints), new StubShell(List.of()));
    }

    /** A hint sink for modules that say why: the router's, once per text. */
    public Consumer<String> hints() {
        return text -> router.hintOnce(text, text);
    }
}
