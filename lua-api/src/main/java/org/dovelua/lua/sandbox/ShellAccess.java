package org.dovelua.lua.sandbox;

import java.io.IOException;
import org.dovelua.lua.Hints;
import org.luaj.vm2.Globals;

/**
 * What {@code popen()} and {@code system()} reach: the state's {@link Shell}, with the auth
 * process's stdout and stderr (the state's, read when the command starts, so a child's stderr lines
 * reach the log as the script's own {@code io.stderr} lines do).
 */
final class ShellAccess {
    private final Shell shell;
    private final Hints hints;
    private final Globals globals;

    ShellAccess(Shell shell, Hints hints, Globals globals) {
        this.shell = shell;
        this.hints = hints;
        this.globals = globals;
    }

    Shell.Child start(String command, Redirect redirect) throws IOException {
        return shell.start(command, redirect, globals.STDOUT, globals.STDERR, hints);
    }
}
