package org.dovelua.cli;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.dovelua.auth.scheme.PasswordScheme;
import org.dovelua.auth.scheme.PasswordSchemes;
import org.dovelua.doveadm.Exits;
import org.dovelua.version.DovecotVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code doveadm pw} (src/doveadm/doveadm-pw.c): generate a stored password, test one with
 * {@code -t}, or list the schemes. Needs no config. Dovecot's {@code i_fatal()} becomes
 * {@code Fatal: ...} on stderr and exit 75, as the real doveadm shows.
 */
@Command(name = "pw", mixinStandardHelpOptions = true,
        description = "Generate or test password hashes (doveadm pw).")
final class PwCommand implements Callable<Integer> {
    /** DEFAULT_SCHEME in doveadm-pw.c. */
    private static final String DEFAULT_SCHEME = "CRYPT";

    @ParentCommand
    DoveluaCommand root;

    @Option(names = {"-l", "--list"}, description = "List known password schemes.")
    boolean list;

    @Option(names = {"-p", "--plaintext"}, paramLabel = "PLAINTEXT", description = "The password (else asked for).")
    String plaintext;

    @Option(names = {"-r", "--rounds"}, paramLabel = "ROUNDS", description = "Rounds for schemes that take them.")
    Long rounds;

    @Option(names = {"-s", "--scheme"}, paramLabel = "SCHEME", description = "Scheme to generate (default CRYPT).")
    String scheme;

    @Option(names = {"-t", "--test-hash"}, paramLabel = "HASH", description = "Verify PLAINTEXT against {SCHEME}HASH.")
    String testHash;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "User name (DIGEST-MD5).")
    String user;

    @Option(names = {"-V", "--reverse-verify"}, description = "Verify the generated hash.")
    boolean reverseVerify;

    @Override
    public Integer call() {
        DovecotVersion version = root.dovecotVersion == null ? DovecotVersion.DEFAULT
                : DovecotVersion.parse(root.dovecotVersion);
        if (list) {
            StringBuilder b = new StringBuilder();
            for (String name : PasswordSchemes.names(version)) {
                b.append(name).append(' ');
            }
            root.out.println(b);
            return Exits.OK;
        }
        try {
            return run(version);
        } catch (Fatal f) {
            root.err.println("Fatal: " + f.getMessage());
            return Exits.TEMPFAIL;
        } catch (PasswordScheme.Fatal f) {
            root.err.println("Fatal: " + f.getMessage());
            return Exits.TEMPFAIL;
        } catch (DoveluaCommand.Exit e) {
            return e.code;
        }
    }

    private int run(DovecotVersion version) {
        long r = 0;
        if (rounds != null) {
            if (rounds > 0xffffffffL) {
                throw new Fatal("Invalid number of rounds: " + rounds);
            }
            r = rounds;
        }
        String s = scheme == null ? DEFAULT_SCHEME : scheme.toUpperCase(java.util.Locale.ROOT);
        boolean reverse = reverseVerify || testHash != null;
        String plain = plaintext;
        if (plain == null) {
            plain = ask(testHash != null);
        }
        byte[] pw = plain.getBytes(StandardCharsets.UTF_8);
        PasswordScheme.Params params = new PasswordScheme.Params(user, r);
        // doveadm generates first, even with -t
        byte[] hash = PasswordSchemes.generateEncodedBytes(pw, s, params, version);
        if (hash == null) {
            throw new Fatal("Unknown scheme: " + s);
        }
        if (!reverse) {
            print("{" + s + "}", hash, "");
            return Exits.OK;
        }
        if (testHash != null) {
            PasswordSchemes.Split split = PasswordSchemes.getScheme(testHash);
            if (split.scheme() == null) {
                throw new Fatal("Missing {scheme} prefix from hash");
            }
            s = split.scheme();
            hash = split.password().getBytes(StandardCharsets.UTF_8);
        }
        PasswordSchemes.Decoded d = PasswordSchemes.decode(hash, s, version);
        if (d.ret() <= 0) {
            throw new Fatal("reverse decode check failed: " + d.error());
        }
        String[] error = new String[1];
        // doveadm pw calls password_schemes_allow_weak(TRUE) in 2.4
        if (PasswordSchemes.verify(pw, s, d.raw(), params, version, true, error) <= 0) {
            throw new Fatal("reverse password verification check failed: " + error[0]);
        }
        print("{" + s + "}", hash, " (verified)");
        return Exits.OK;
    }

    private void print(String prefix, byte[] hash, String suffix) {
        root.out.println(prefix + new String(hash, StandardCharsets.UTF_8) + suffix);
    }

    /** "Enter password to verify: ", or new + retype with three tries (doveadm-pw.c). */
    private String ask(boolean verify) {
        if (verify) {
            return askpass("Enter password to verify: ");
        }
        for (int lives = 3; lives > 0; lives--) {
            String a = askpass("Enter new password: ");
            String check = askpass("Retype new password: ");
            if (a.equals(check)) {
                return a;
            }
            root.err.println("Error: Passwords don't match!");
        }
        throw new DoveluaCommand.Exit(1); // lib_exit(1)
    }

    /**
     * {@code t_askpass()} (src/lib/askpass.c): on a terminal the prompt goes to stderr and echo is
     * off; otherwise one line is read from stdin without a prompt (up to CR, LF or EOF).
     */
    private String askpass(String prompt) {
        java.io.Console console = System.console();
        if (console != null) {
            char[] p = console.readPassword("%s", prompt);
            return p == null ? "" : new String(p);
        }
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        try {
            int ch;
            while ((ch = System.in.read()) >= 0 && ch != '\n' && ch != '\r') {
                buf.write(ch);
            }
        } catch (java.io.IOException e) {
            throw new Fatal("read(stdin) failed: " + e.getMessage());
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** An {@code i_fatal()} of doveadm-pw.c. */
    private static final class Fatal extends RuntimeException {
        Fatal(String message) {
            super(message, null, false, false);
        }
    }
}
