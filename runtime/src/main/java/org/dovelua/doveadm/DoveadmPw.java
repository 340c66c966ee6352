package org.dovelua.doveadm;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.dovelua.auth.scheme.PasswordScheme;
import org.dovelua.auth.scheme.PasswordSchemes;
import org.dovelua.version.DovecotVersion;

/**
 * {@code doveadm pw} (src/doveadm/doveadm-pw.c) without its prompts: list the schemes, generate a
 * stored password, verify it again ({@code -V}) or verify a given one ({@code -t}). Its
 * {@code i_fatal()}s are {@link Fatal}, which the command prints as {@code Fatal: ...}, exit 75.
 */
public final class DoveadmPw {
    /** DEFAULT_SCHEME in doveadm-pw.c. */
    public static final String DEFAULT_SCHEME = "CRYPT";

    /** An {@code i_fatal()} of doveadm-pw.c. */
    public static final class Fatal extends RuntimeException {
        Fatal(String message) {
            super(message, null, false, false);
        }
    }

    private DoveadmPw() {
    }

    /** {@code doveadm pw -l}: the scheme names, each followed by a space. */
    public static String schemes(DovecotVersion version) {
        StringBuilder b = new StringBuilder();
        for (String name : PasswordSchemes.names(version)) {
            b.append(name).append(' ');
        }
        return b.toString();
    }

    /** {@code -r}: checked before the password is asked for. */
    public static long rounds(Long rounds) {
        if (rounds == null) {
            return 0;
        }
        if (rounds > 0xffffffffL) {
            throw new Fatal("Invalid number of rounds: " + rounds);
        }
        return rounds;
    }

    /**
     * The line doveadm pw prints: {@code {SCHEME}hash}, with {@code (verified)} after a reverse
     * check ({@code reverseVerify}, or always with a {@code testHash}, which is checked instead).
     */
    public static String hash(String plain, String scheme, String user, long rounds, boolean reverseVerify,
            String testHash, DovecotVersion version) {
        try {
            return hashOrFail(plain, scheme, user, rounds, reverseVerify, testHash, version);
        } catch (PasswordScheme.Fatal f) {
            // a scheme's own i_fatal(), e.g. digest_md5_generate() without a user, in generate or verify
            throw new Fatal(f.getMessage());
        }
    }

    private static String hashOrFail(String plain, String scheme, String user, long rounds, boolean reverseVerify,
            String testHash, DovecotVersion version) {
        String s = scheme == null ? DEFAULT_SCHEME : scheme.toUpperCase(Locale.ROOT);
        byte[] pw = plain.getBytes(StandardCharsets.UTF_8);
        PasswordScheme.Params params = new PasswordScheme.Params(user, rounds);
        // doveadm generates first, even with -t
        byte[] hash = PasswordSchemes.generateEncodedBytes(pw, s, params, version);
        if (hash == null) {
            throw new Fatal("Unknown scheme: " + s);
        }
        if (!reverseVerify && testHash == null) {
            return "{" + s + "}" + new String(hash, StandardCharsets.UTF_8);
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
        return "{" + s + "}" + new String(hash, StandardCharsets.UTF_8) + " (verified)";
    }
}
