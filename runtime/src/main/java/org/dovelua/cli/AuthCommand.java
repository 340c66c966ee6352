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

/** {@code doveadm auth ...}. */
@Command(name = "auth", description = "Authentication commands (doveadm auth).",
        subcommands = {AuthCommand.Test.class, AuthCommand.Lookup.class}, mixinStandardHelpOptions = true)
final class AuthCommand implements Runnable {
    @ParentCommand
    DoveluaCommand root;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(root.err);
    }

    static AuthInput input(DoveluaCommand root, List<String> info) {
        AuthInput in = new AuthInput();
        for (String pair : info) {
            String error = in.add(pair);
            if (error != null) {
                root.err.println("dovelua: -x " + pair + ": " + error);
                throw new DoveluaCommand.Exit(Exits.USAGE);
            }
        }
        return in;
    }

    /** What the client prints when the auth process is down (start failure) or dies mid-request. */
    interface Down {
        int print(boolean midRequest);
    }

    /** Runs {@code body} with a started engine, mapping exits and a dead auth process. */
    static int withEngine(DoveluaCommand root, java.util.function.ToIntFunction<AuthEngine> body, Down down) {
        AuthEngine engine;
        try {
            engine = root.engine();
        } catch (DoveluaCommand.Exit e) {
            return e.code;
        } catch (DoveluaCommand.AuthDown e) {
            return down.print(false);
        }
        try (engine) {
            return body.applyAsInt(engine);
        } catch (DoveluaCommand.Exit e) {
            return e.code;
        } catch (AuthEngine.AuthProcessDied e) {
            root.err.println(e.getMessage().startsWith("dovelua:") ? e.getMessage() : "dovelua: " + e.getMessage());
            return down.print(true);
        }
    }

    static Doveadm doveadm(DoveluaCommand root) {
        return new Doveadm(root.out, root.err);
    }

    /** {@code doveadm auth test [-x k=v]... USER [PASSWORD]}: SASL PLAIN through the passdbs. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Test authentication (SASL PLAIN) as doveadm auth test does.")
    static final class Test implements Callable<Integer> {
        @ParentCommand
        AuthCommand auth;

        @Option(names = "-x", paramLabel = "KEY=VALUE",
                description = "Auth info: service, lip, rip, lport, rport, real_*, secured, session, ...")
        List<String> info = new ArrayList<>();

        @Parameters(index = "0", paramLabel = "USER")
        String user;

        @Parameters(index = "1", paramLabel = "PASSWORD", arity = "0..1")
        String password;

        @Override
        public Integer call() {
            DoveluaCommand root = auth.root;
            return withEngine(root, engine -> {
                AuthInput in = input(root, info);
                String pw = password;
                if (pw == null) {
                    pw = Prompt.password(root);
                }
                return doveadm(root).version(engine.settings().version).authTest(user, engine.authTest(in, user, pw));
            }, midRequest -> doveadm(root).authTestDown(user, midRequest));
        }
    }

    /** {@code doveadm auth lookup USER...}: a passdb credentials lookup. */
    @Command(name = "lookup", mixinStandardHelpOptions = true,
            description = "Look a user up in the passdbs as doveadm auth lookup does.")
    static final class Lookup implements Callable<Integer> {
        @ParentCommand
        AuthCommand auth;

        @Option(names = "-x", paramLabel = "KEY=VALUE", description = "Auth info, as for auth test.")
        List<String> info = new ArrayList<>();

        @Option(names = "-f", paramLabel = "FIELD", description = "Print only this field's value.")
        String field;

        @Parameters(arity = "1..*", paramLabel = "USER")
        List<String> users;

        @Override
        public Integer call() {
            DoveluaCommand root = auth.root;
            return withEngine(root, engine -> {
                AuthInput in = input(root, info);
                int code = Exits.OK;
                boolean first = true;
                for (String u : users) {
                    if (!first) {
                        root.out.println();
                    }
                    first = false;
                    AuthEngine.LookupReply r = engine.passLookup(in, u);
                    code = Math.max(code, doveadm(root).version(engine.settings().version).passLookup(u, r, field));
                }
                return code;
            }, midRequest -> doveadm(root).masterDown("passdb lookup", users.get(0)));
        }
    }
}
