package org.dovelua.auth.scheme;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt as Dovecot's bundled crypt_blowfish computes it (src/auth/crypt-blowfish.c,
 * crypt_blowfish_rn): settings {@code $2a$}, {@code $2b$}, {@code $2x$}, {@code $2y$}, cost 04..31,
 * a 22-character salt. Bouncy Castle's OpenBSDBCrypt does the hashing.
 */
public final class Bcrypt {
    private static final String ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Bcrypt() {
    }

    /** The crypted string, or null where crypt_blowfish_rn fails (EINVAL). */
    public static String crypt(byte[] key, String setting) {
        if (setting.length() < 29 || setting.charAt(0) != '$' || setting.charAt(1) != '2'
                || setting.charAt(3) != '$' || setting.charAt(6) != '$'
                || "abxy".indexOf(setting.charAt(2)) < 0
                || !Character.isDigit(setting.charAt(4)) || !Character.isDigit(setting.charAt(5))) {
            return null;
        }
        int cost = Integer.parseInt(setting.substring(4, 6));
        if (cost < 4 || cost > 31) {
            return null;
        }
        byte[] salt = decodeSalt(setting.substring(7, 29));
        if (salt == null) {
            return null;
        }
        char variant = setting.charAt(2);
        String version = "2" + variant;
        if (variant == 'x') {
            // $2x$ is the pre-2011 sign-extension bug; it only differs from $2a$ for 8-bit keys
            for (byte b : key) {
                if (b < 0) {
                    throw new UnsupportedOperationException(
                            "dovelua does not emulate $2x$ bcrypt hashes of passwords with 8-bit characters");
                }
            }
            version = "2a";
        }
        String r = OpenBSDBCrypt.generate(version, LibCrypt.cString(key), salt, cost);
        return variant == 'x' ? "$2x" + r.substring(3) : r;
    }

    /** 22 characters of bcrypt's base64 → 16 bytes (BF_decode). */
    private static byte[] decodeSalt(String s) {
        byte[] out = new byte[16];
        int o = 0;
        int i = 0;
        while (o < 16) {
            int c1 = ALPHABET.indexOf(s.charAt(i++));
            int c2 = ALPHABET.indexOf(s.charAt(i++));
            if (c1 < 0 || c2 < 0) {
                return null;
            }
            out[o++] = (byte) ((c1 << 2) | ((c2 & 0x30) >> 4));
            if (o >= 16) {
                break;
            }
            int c3 = ALPHABET.indexOf(s.charAt(i++));
            if (c3 < 0) {
                return null;
            }
            out[o++] = (byte) (((c2 & 0x0f) << 4) | ((c3 & 0x3c) >> 2));
            if (o >= 16) {
                break;
            }
            int c4 = ALPHABET.indexOf(s.charAt(i++));
            if (c4 < 0) {
                return null;
            }
            out[o++] = (byte) (((c3 & 0x03) << 6) | c4);
        }
        return out;
    }

    /** {@code crypt_gensalt_blowfish_rn("$2y", rounds, 16 random bytes)} then the hash. */
    public static String generate(byte[] key, int rounds, byte[] salt) {
        return OpenBSDBCrypt.generate("2y", LibCrypt.cString(key), salt, rounds);
    }
}
