package org.dovelua.cli;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.dovelua.doveadm.DoveadmPw;
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
// not mixinStandardHelpOptions: doveadm pw's -V is --reverse-verify, so --help stands alone
@Command(name = "pw",
        description = "Generate or test password hashes (doveadm pw).")
final class PwCommand implements Callable<Integer> {
    @ParentCommand
    DoveluaCommand root;

    @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
    boolean help;

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
            root.out.println(DoveadmPw.schemes(version));
            return Exits.OK;
        }
        try {
            long r = DoveadmPw.rounds(rounds);
            String plain = plaintext != null ? plaintext : ask(testHash != null);
            root.out.println(DoveadmPw.hash(plain, scheme, user, r, reverseVerify, testHash, version));
            return Exits.OK;
        } catch (DoveadmPw.Fatal | java.io.UncheckedIOException f) {
            root.err.println("Fatal: " + f.getMessage()); // i_fatal()
            return Exits.TEMPFAIL;
        } catch (DoveluaCommand.Exit e) {
            return e.code;
        }
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
            throw new java.io.UncheckedIOException("read(stdin) failed: " + e.getMessage(), e);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
