package org.dovelua.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code doveadm user [-u] USER|MASK...}: a userdb lookup. Without {@code -u} doveadm goes through
 * the mail storage service and prints a {@code field/value} table; with {@code -u} it prints the
 * userdb reply. A mask with {@code *} or {@code ?} lists users via the userdb iteration.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Look users up in the userdbs (doveadm user).")
final class UserCommand implements Callable<Integer> {
    @ParentCommand
    DoveluaCommand root;

    @Option(names = "-u", description = "Userdb lookup only (no mail storage service).")
    boolean userdbOnly;

    @Mixin
    InfoOptions x;

    @Mixin
    FieldOption f;

    @Mixin
    JsonOption j;

    @Parameters(arity = "1..*", paramLabel = "USER|MASK")
    List<String> masks;

    @Override
    public Integer call() {
        return root.run(() -> new org.dovelua.api.Command.User(masks, x.info, f.field, userdbOnly), j.json);
    }
}
