package org.dovelua.auth.scheme;

import java.security.MessageDigest;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * ARGON2I / ARGON2ID (src/auth/password-scheme-sodium.c): libsodium's {@code crypto_pwhash_str}
 * strings {@code $argon2X$v=19$m=KiB,t=N,p=N$salt$hash}, computed with Bouncy Castle.
 */
public final class Argon2 {
    /** libsodium crypto_pwhash_argon2i_* and crypto_pwhash_argon2id_* limits (ops, bytes). */
    private static final long[][] ARGON2I_LIMITS = {{4, 33554432L}, {6, 134217728L}, {8, 536870912L}};
    private static final long[][] ARGON2ID_LIMITS = {{2, 67108864L}, {3, 268435456L}, {4, 1073741824L}};

    private Argon2() {
    }

    /** {@code crypto_pwhash_str_verify()}: true only for a well-formed string that matches. */
    public static boolean verify(byte[] plain, String encoded) {
        String[] p = encoded.split("\\$", -1);
        if (p.length != 6 || !p[0].isEmpty() || !p[2].equals("v=19")) {
            return false;
        }
        int type;
        if (p[1].equals("argon2i")) {
            type = Argon2Parameters.ARGON2_i;
        } else if (p[1].equals("argon2id")) {
            type = Argon2Parameters.ARGON2_id;
        } else {
            return false;
        }
        String[] params = p[3].split(",", -1);
        if (params.length != 3 || !params[0].startsWith("m=") || !params[1].startsWith("t=")
                || !params[2].startsWith("p=")) {
            return false;
        }
        long m = Scram.parseUint(params[0].substring(2));
        long t = Scram.parseUint(params[1].substring(2));
        long lanes = Scram.parseUint(params[2].substring(2));
        byte[] salt = fromBase64(p[4]);
        byte[] hash = fromBase64(p[5]);
        // argon2 validate_inputs(): salt ≥ 8, output ≥ 16, t ≥ 1, 1 ≤ lanes, memory ≥ 8 × lanes
        if (salt == null || hash == null || salt.length < 8 || hash.length < 16 || t < 1 || lanes < 1
                || m < 8 * lanes || m > Integer.MAX_VALUE || t > Integer.MAX_VALUE || lanes > 0xffffff) {
            return false;
        }
        byte[] out = compute(type, plain, salt, (int) t, (int) m, (int) lanes, hash.length);
        return MessageDigest.isEqual(out, hash);
    }

    /** {@code generate_argon2i/generate_argon2id()}: rounds pick libsodium's memory limit. */
    public static String generate(boolean id, byte[] plain, long rounds, byte[] salt) {
        long[][] limits = id ? ARGON2ID_LIMITS : ARGON2I_LIMITS;
        if (rounds == 0) {
            rounds = limits[0][0];
        }
        long mem = rounds >= limits[2][0] ? limits[2][1] : rounds >= limits[1][0] ? limits[1][1] : limits[0][1];
        if (id && rounds < 3) {
            rounds = 3; // "XXX: Bug in sodium-1.0.13, it expects rounds to be 3"
        }
        int kib = (int) (mem / 1024);
        byte[] hash = compute(id ? Argon2Parameters.ARGON2_id : Argon2Parameters.ARGON2_i, plain, salt,
                (int) rounds, kib, 1, 32);
        Base64.Encoder e = Base64.getEncoder().withoutPadding();
        return "$argon2" + (id ? "id" : "i") + "$v=19$m=" + kib + ",t=" + rounds + ",p=1$" + e.encodeToString(salt)
                + "$" + e.encodeToString(hash);
    }

    private static byte[] compute(int type, byte[] plain, byte[] salt, int t, int m, int lanes, int len) {
        Argon2Parameters params = new Argon2Parameters.Builder(type).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withIterations(t).withMemoryAsKB(m).withParallelism(lanes).withSalt(salt).build();
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(params);
        byte[] out = new byte[len];
        g.generateBytes(LibCrypt.cString(plain), out);
        return out;
    }

    /** argon2-encoding.c from_base64(): unpadded, unused bits must be zero. */
    private static byte[] fromBase64(String s) {
        if (s.isEmpty() || s.length() % 4 == 1) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '+' && c != '/') {
                return null;
            }
        }
        try {
            byte[] out = Base64.getDecoder().decode(s);
            return Base64.getEncoder().withoutPadding().encodeToString(out).equals(s) ? out : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
