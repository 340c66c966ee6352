package org.dovelua.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code doveadm auth ...}. */
@Command(name = "auth", description = "Authentication commands (doveadm auth).",
        subcommands = {AuthCommand.Test.class, AuthCommand.Login.class, AuthCommand.Lookup.class, AuthCommand.Cache.class}, mixinStandardHelpOptions = true)
final class AuthCommand implements Runnable {
    @ParentCommand
    DoveluaCommand root;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(root.err);
    }

    /** What {@code auth test} and {@code auth login} take: {@code [-x k=v]... USER [PASSWORD]}. */
    abstract static class UserPassword implements Callable<Integer> {
        @ParentCommand
        AuthCommand auth;

        @Mixin
        InfoOptions x;

        @Mixin
        JsonOption j;

        /** doveadm 2.4's {@code -A <sasl mech>} (2.3's doveadm refuses it). */
        @picocli.CommandLine.Option(names = "-A", paramLabel = "MECH",
                description = "SASL mechanism (doveadm 2.4): PLAIN, LOGIN, SCRAM-SHA-1, SCRAM-SHA-256, ...")
        String mech;

        /** {@code -M <master user>}: the master user authenticates, USER is who it logs in as. */
        @picocli.CommandLine.Option(names = "-M", paramLabel = "MASTER", description = "Master user to authenticate as")
        String master;

        /** dovelua as the SASL client (case files' mech:): CRAM-MD5 and DIGEST-MD5 too, on any release. */
        @picocli.CommandLine.Option(names = "--sasl-client",
                description = "dovelua is the SASL client (as a case file's mech:): -A may name CRAM-MD5 or DIGEST-MD5,"
                        + " on 2.3 too")
        boolean ownClient;

        @Parameters(index = "0", paramLabel = "USER")
        String user;

        /** Null: doveadm asks for it ({@link Prompt}). */
        @Parameters(index = "1", paramLabel = "PASSWORD", arity = "0..1")
        String password;

        String password(DoveluaCommand root) {
            return password != null ? password : Prompt.password(root);
        }
    }

    /** {@code doveadm auth test [-x k=v]... USER [PASSWORD]}: SASL PLAIN through the passdbs. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Test authentication (SASL PLAIN, or -A's mechanism) as doveadm auth test does.")
    static final class Test extends UserPassword {
        @Override
        public Integer call() {
            DoveluaCommand root = auth.root;
            return root.run(() -> new org.dovelua.api.Command.AuthTest(user, password(root), x.info, mech, master, ownClient), j.json);
        }
    }

    /** {@code doveadm auth login [-x k=v]... USER [PASSWORD]}: a login's passdb, then its userdb lookup. */
    @Command(name = "login", mixinStandardHelpOptions = true,
            description = "Log in (SASL PLAIN, then the userdb lookup a mail process makes) as doveadm auth login does.")
    static final class Login extends UserPassword {
        @Override
        public Integer call() {
            DoveluaCommand root = auth.root;
            return root.run(() -> new org.dovelua.api.Command.AuthLogin(user, password(root), x.info, mech, master, ownClient), j.json);
        }
    }

    /** {@code doveadm auth lookup USER...}: a passdb credentials lookup. */
    @Command(name = "lookup", mixinStandardHelpOptions = true,
            description = "Look a user up in the passdbs as doveadm auth lookup does.")
    static final class Lookup implements Callable<Integer> {
        @ParentCommand
        AuthCommand auth;

        @Mixin
        InfoOptions x;

        @Mixin
        FieldOption f;

        @Mixin
        JsonOption j;

        @Parameters(arity = "1..*", paramLabel = "USER")
        List<String> users;

        @Override
        public Integer call() {
            return auth.root.run(() -> new org.dovelua.api.Command.AuthLookup(users, x.info, f.field), j.json);
        }
    }

    /** {@code doveadm auth cache ...}. */
    @Command(name = "cache", mixinStandardHelpOptions = true, subcommands = {AuthCommand.Flush.class},
            description = "Auth cache commands (doveadm auth cache).")
    static final class Cache implements Runnable {
        @ParentCommand
        AuthCommand auth;

        @Override
        public void run() {
            new picocli.CommandLine(this).usage(auth.root.err);
        }
    }

    /** {@code doveadm auth cache flush [USER...]}: drops the auth cache's entries, all or the users'. */
    @Command(name = "flush", mixinStandardHelpOptions = true,
            description = "Flush the auth cache (all entries, or those of the users given) as doveadm auth cache flush does.")
    static final class Flush implements Callable<Integer> {
        @ParentCommand
        Cache cache;

        @Mixin
        JsonOption j;

        @Parameters(arity = "0..*", paramLabel = "USER")
        List<String> users = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            return cache.auth.root.run(() -> new org.dovelua.api.Command.CacheFlush(users), j.json);
        }
    }
}
