package org.dovelua.auth.scheme;

import java.security.SecureRandom;
import org.dovelua.lib.DovecotBase64;

/** Salts: {@code password_generate_salt()} (src/auth/password-scheme.c) and random bytes. */
public final class Salt {
    /** {@code salt_chars}: the crypt alphabet. */
    public static final String CHARS = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Salt() {
    }

    public static String chars(int len) {
        StringBuilder b = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            b.append(CHARS.charAt(RANDOM.nextInt(CHARS.length())));
        }
        return b.toString();
    }

    public static byte[] bytes(int len) {
        byte[] b = new byte[len];
        RANDOM.nextBytes(b);
        return b;
    }

    /**
     * {@code t_base64_decode_str()} as SCRAM uses it for the salt: the error is ignored, so what
     * was decoded before the bad input (or the unfinished tail) is the salt.
     */
    static byte[] lenientBase64(byte[] src) {
        return DovecotBase64.decodeIgnoringErrors(DovecotBase64.Scheme.BASE64, 0, src);
    }
}
