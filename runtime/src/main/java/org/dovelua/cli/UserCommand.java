package org.dovelua.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dovelua.auth.AuthEngine;
import org.dovelua.auth.request.AuthInput;
import org.dovelua.doveadm.Doveadm;
import org.dovelua.doveadm.Exits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code doveadm user [-u] USER|MASK...}: a userdb lookup. Without {@code -u} doveadm goes through
 * the mail storage service and prints a {@code field/value} table; with {@code -u} it prints the
 * userdb reply. A mask with {@code *} or {@code ?} lists users via the userdb iteration.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Look users up in the userdbs (doveadm user).")
final class UserCommand implements Callable<Integer> {
    @ParentCommand
    DoveluaCommand root;

    @Option(names = "-u", description = "Userdb lookup only (no mail storage service).")
    boolean userdbOnly;

    @Option(names = "-x", paramLabel = "KEY=VALUE", description = "Auth info, as for auth test.")
    List<String> info = new ArrayList<>();

    @Option(names = "-f", paramLabel = "FIELD", description = "Print only this field's value.")
    String field;

    @Parameters(arity = "1..*", paramLabel = "USER|MASK")
    List<String> masks;

    @Override
    public Integer call() {
        Doveadm doveadm = AuthCommand.doveadm(root);
        boolean listing = masks.stream().anyMatch(m -> m.indexOf('*') >= 0 || m.indexOf('?') >= 0);
        return AuthCommand.withEngine(root, engine -> {
            doveadm.version(engine.settings().version);
            AuthInput in = AuthCommand.input(root, info);
            if (listing) {
                return doveadm.list(engine.iterate(in), masks);
            }
            int code = Exits.OK;
            boolean first = true;
            if (!userdbOnly && field == null) {
                doveadm.mailUserHeader();
            }
            for (String u : masks) {
                if (!first) {
                    doveadm.separator();
                }
                first = false;
                AuthEngine.UserReply r = engine.userLookup(in, u);
                code = Math.max(code, userdbOnly ? doveadm.userdbLookup(u, r, field) : doveadm.mailUser(u, r, field));
            }
            return code;
        }, midRequest -> {
            if (listing) {
                return doveadm.listDown();
            }
            if (userdbOnly) {
                return doveadm.masterDown("userdb lookup", masks.get(0));
            }
            return doveadm.mailUserDown(masks.get(0), field, midRequest);
        });
    }
}
