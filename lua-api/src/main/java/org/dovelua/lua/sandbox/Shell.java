package org.dovelua.lua.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.dovelua.lua.Hints;

/**
 * {@code /bin/sh -c COMMAND} as {@code popen()} and {@code system()} start it: stubbed
 * ({@link StubShell}) or real ({@link RealShell}).
 */
public interface Shell {
    /**
     * Starts {@code command}. What it writes to the streams the script does not hold goes to
     * {@code stdout} and {@code stderr} (the auth process's own); {@code hints} hears why a
     * command could not be answered.
     */
    Child start(String command, Redirect redirect, OutputStream stdout, OutputStream stderr, Hints hints)
            throws IOException;

    /** A started command. */
    interface Child {
        /** Its stdout ({@link Redirect#READ}); empty for the other redirections. */
        InputStream stdout();

        /** Its stdin ({@link Redirect#WRITE}); a sink that drops bytes for the others. */
        OutputStream stdin();

        /** {@code pclose()}/{@code system()}'s wait: closes the script's end of the pipe, then waits. */
        WaitStatus waitFor() throws IOException;
    }
}
