package org.dovelua.auth.scheme;

/**
 * One entry of Dovecot's scheme registry ({@code struct password_scheme}, password-scheme.h):
 * name, default encoding, raw length (0 = variable), the 2.4 weak flag, verify (null = generate
 * and compare) and generate.
 */
public record PasswordScheme(String name, Encoding defaultEncoding, int rawLength, boolean weak,
        Verify verify, Generate generate) {

    /** {@code enum password_encoding}. */
    public enum Encoding { NONE, BASE64, HEX }

    /**
     * {@code password_generate_params}: the original user name (DIGEST-MD5) and rounds; plus
     * whether 2.4 refuses weak schemes (its global {@code g_allow_weak}, inverted).
     */
    public record Params(String user, long rounds, boolean refuseWeak) {
        public static final Params NONE = new Params(null, 0, false);

        public Params(String user, long rounds) {
            this(user, rounds, false);
        }
    }

    /** {@code password_verify}: 1 match, 0 mismatch, -1 error in {@code error[0]}. */
    @FunctionalInterface
    public interface Verify {
        int verify(byte[] plain, Params params, byte[] raw, String[] error);
    }

    /** {@code password_generate}: the raw (unencoded) stored value. */
    @FunctionalInterface
    public interface Generate {
        byte[] generate(byte[] plain, Params params);
    }

    /** A Dovecot {@code i_fatal()} inside a scheme (e.g. DIGEST-MD5 without a user name). */
    public static final class Fatal extends RuntimeException {
        public Fatal(String message) {
            super(message, null, false, false);
        }
    }
}
