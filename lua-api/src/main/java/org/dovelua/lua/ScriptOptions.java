package org.dovelua.lua;

import java.time.Duration;
import java.util.function.Consumer;
import org.luaj.vm2.Globals;

/**
 * How a script state is set up: the per-call time budget and the sandbox installer that
 * replaces file and process access in the fresh globals (the virtual file system).
 */
public final class ScriptOptions {
    /** The default budget for one call into a script. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private Consumer<Globals> sandbox = g -> { };

    public Duration callTimeout() {
        return callTimeout;
    }

    public ScriptOptions callTimeout(Duration timeout) {
        this.callTimeout = timeout;
        return this;
    }

    public Consumer<Globals> sandbox() {
        return sandbox;
    }

    public ScriptOptions sandbox(Consumer<Globals> installer) {
        this.sandbox = installer;
        return this;
    }
}
