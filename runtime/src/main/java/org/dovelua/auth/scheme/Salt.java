package org.dovelua.auth.scheme;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;

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
        byte[] full = DovecotBase64.decode(src);
        if (full != null) {
            return full;
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int sub = 0;
        int buf = 0;
        for (byte c : src) {
            int dm = (c & 0xff) < 128 ? alphabet.indexOf(c & 0xff) : -1;
            if (dm < 0) {
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    continue;
                }
                break;
            }
            switch (sub) {
                case 0 -> buf = dm;
                case 1 -> {
                    out.write(((buf << 2) | (dm >> 4)) & 0xff);
                    buf = dm;
                }
                case 2 -> {
                    out.write((((buf << 4) & 0xff) | (dm >> 2)) & 0xff);
                    buf = dm;
                }
                default -> out.write((((buf << 6) & 0xc0) | dm) & 0xff);
            }
            sub = (sub + 1) % 4;
        }
        return out.toByteArray();
    }
}
