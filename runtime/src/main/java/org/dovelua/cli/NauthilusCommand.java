package org.dovelua.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dovelua nauthilus ...}: Nauthilus plugin host commands (issue 14). Without a subcommand, its usage. */
@Command(name = "nauthilus", mixinStandardHelpOptions = true,
        description = "Run Nauthilus Lua plugins offline (Nauthilus 3.1's plugin host).",
        subcommands = {NauthilusTestCommand.class})
final class NauthilusCommand implements Runnable {
    @ParentCommand
    DoveluaCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(root.out);
    }
}
