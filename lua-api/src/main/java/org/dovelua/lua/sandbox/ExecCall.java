package org.dovelua.lua.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One command a script started, as a case's {@code expect: exec:} sees it: the command line, how
 * it was started, what the script wrote to its stdin and how it ended (null until it has).
 */
public final class ExecCall {
    private final String command;
    private final Redirect redirect;
    private final ByteArrayOutputStream stdin = new ByteArrayOutputStream();
    private volatile WaitStatus status;

    ExecCall(String command, Redirect redirect) {
        this.command = command;
        this.redirect = redirect;
    }

    public String command() {
        return command;
    }

    public Redirect redirect() {
        return redirect;
    }

    /** What the script wrote to the command's stdin (UTF-8 text; empty unless popen'ed with "w"). */
    public String stdin() {
        synchronized (stdin) {
            return stdin.toString(StandardCharsets.UTF_8);
        }
    }

    /** How the command ended, or null when the script has not closed it. */
    public WaitStatus status() {
        return status;
    }

    void wrote(byte[] b, int off, int len) {
        synchronized (stdin) {
            stdin.write(b, off, len);
        }
    }

    void ended(WaitStatus s) {
        status = s;
    }

    @Override
    public String toString() {
        return redirect.label() + " " + command;
    }
}
