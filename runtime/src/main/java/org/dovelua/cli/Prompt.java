package org.dovelua.cli;

import org.dovelua.doveadm.Exits;

/** {@code t_askpass("Password: ")} for {@code auth test USER} without a password. */
final class Prompt {
    private Prompt() {
    }

    static String password(DoveluaCommand root) {
        java.io.Console console = System.console();
        if (console != null) {
            char[] pw = console.readPassword("Password: ");
            return pw == null ? "" : new String(pw);
        }
        root.err.println("dovelua: no password given and no terminal to ask for one (give it after USER)");
        throw new DoveluaCommand.Exit(Exits.USAGE);
    }
}
