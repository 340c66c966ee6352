package org.dovelua.auth.scheme;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.dovelua.lib.Digests;

/**
 * The PBKDF2 scheme (src/auth/password-scheme-pbkdf2.c): {@code $1$salt$rounds$hex(key)}, key =
 * PBKDF2-HMAC-SHA1(plain, salt as literal bytes, rounds, 20).
 */
public final class Pbkdf2 {
    public static final int ROUNDS_DEFAULT = 5000;
    private static final int KEY_SIZE = 20;

    private Pbkdf2() {
    }

    public static int verify(byte[] plain, byte[] raw, String[] error) {
        if (raw.length < 3 || raw[0] != '$' || raw[1] != '1' || raw[2] != '$') {
            error[0] = "Invalid PBKDF2 passdb entry prefix";
            return -1;
        }
        // t_strsplit() keeps empty fields
        String[] fields = new String(raw, 3, raw.length - 3, StandardCharsets.ISO_8859_1).split("\\$", -1);
        long rounds = fields.length == 3 ? Scram.parseUint(fields[1]) : -1;
        if (rounds < 0) {
            error[0] = "Invalid PBKDF2 passdb entry format";
            return -1;
        }
        byte[] key1;
        try {
            if (fields[2].length() != KEY_SIZE * 2) {
                throw new IllegalArgumentException();
            }
            key1 = HexFormat.of().parseHex(fields[2]);
        } catch (IllegalArgumentException e) {
            error[0] = "PBKDF2 hash not 160bit hex-encoded";
            return -1;
        }
        byte[] key2 = run(plain, fields[0].getBytes(StandardCharsets.ISO_8859_1), rounds);
        return MessageDigest.isEqual(key1, key2) ? 1 : 0;
    }

    public static String generate(byte[] plain, String salt, long rounds) {
        if (rounds == 0) {
            rounds = ROUNDS_DEFAULT;
        }
        return "$1$" + salt + "$" + rounds + "$"
                + HexFormat.of().formatHex(run(plain, salt.getBytes(StandardCharsets.ISO_8859_1), rounds));
    }

    private static byte[] run(byte[] plain, byte[] salt, long rounds) {
        // pkcs5_pbkdf() with 0 rounds returns an error and leaves the zeroed key
        if (rounds == 0) {
            return new byte[KEY_SIZE];
        }
        return Digests.pbkdf2("HmacSHA1", plain, salt, rounds, KEY_SIZE);
    }
}
