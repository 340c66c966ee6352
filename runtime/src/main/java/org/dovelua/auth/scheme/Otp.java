package org.dovelua.auth.scheme;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.dovelua.lib.Digests;

/**
 * The OTP scheme (RFC 2289; src/lib-otp/otp-hash.c, otp-parse.c, src/auth/password-scheme-otp.c).
 * The stored entry is {@code algo seq seed hex(hash)}; verifying rebuilds it from the plaintext.
 */
public final class Otp {
    public static final String[] ALGORITHMS = {"md4", "md5", "sha1"};
    private static final int MAX_SEED_LEN = 16;

    private Otp() {
    }

    /**
     * {@code password_generate_otp()} from a db entry: the rebuilt entry, or null where
     * {@code otp_parse_dbentry()} fails.
     */
    public static String rebuild(byte[] plain, String entry) {
        int p = 0;
        int n = entry.length();
        while (p < n && !isLws(entry.charAt(p))) {
            p++;
        }
        if (p == n) {
            return null;
        }
        String algo = entry.substring(0, p++);
        if (indexOf(algo) < 0) {
            return null;
        }
        int s = p;
        if (p < n && (entry.charAt(p) == '-' || entry.charAt(p) == '+')) {
            p++;
        }
        int digits = p;
        while (p < n && Character.isDigit(entry.charAt(p)) && entry.charAt(p) < 128) {
            p++;
        }
        // str_parse_int(): at least one digit, fits an int, then LWS
        if (p == digits || p == n || !isLws(entry.charAt(p))) {
            return null;
        }
        int seq;
        try {
            seq = Integer.parseInt(entry.substring(s, p));
        } catch (NumberFormatException e) {
            return null;
        }
        p++;
        StringBuilder seed = new StringBuilder();
        while (p < n && isAlnum(entry.charAt(p)) && seed.length() < MAX_SEED_LEN) {
            seed.append(Character.toLowerCase(entry.charAt(p++)));
        }
        // otp_parse_dbentry: one space, then otp_read_hex (16 hex digits, LWS skipped)
        if (p >= n || entry.charAt(p++) != ' ') {
            return null;
        }
        int hexDigits = 0;
        while (p < n && hexDigits < 16) {
            char c = entry.charAt(p++);
            if (Character.digit(c, 16) >= 0 && c < 128) {
                hexDigits++;
            } else if (!isLws(c)) {
                return null;
            }
        }
        if (hexDigits < 16) {
            return null;
        }
        if (seq < 0) {
            // otp_hash() takes the step as unsigned int: ~4 billion rounds; not emulated
            throw new IllegalArgumentException("negative OTP sequence " + seq);
        }
        return entry(algo, seq, seed.toString(), hash(algo, seed.toString(), plain, seq));
    }

    /** {@code otp_print_dbentry()}. */
    public static String entry(String algo, int seq, String seed, byte[] hash) {
        return algo + " " + seq + " " + seed + " " + HexFormat.of().formatHex(hash);
    }

    /** {@code otp_hash()}: fold(H(seed ‖ pass)), then {@code step} rounds of fold(H(prev)). */
    public static byte[] hash(String algo, String seed, byte[] pass, int step) {
        byte[] r = fold(algo, raw(algo, seed.getBytes(StandardCharsets.US_ASCII), pass));
        for (int i = 0; i < step; i++) {
            r = fold(algo, raw(algo, r));
        }
        return r;
    }

    private static byte[] raw(String algo, byte[]... parts) {
        return switch (algo) {
            case "md4" -> Md4.digest(concat(parts));
            case "md5" -> Digests.digest("MD5", parts);
            default -> Digests.digest("SHA-1", parts);
        };
    }

    /** md4_fold/md5_fold XOR words 0^2, 1^3; sha1_fold also XORs word 4 and byte-swaps (RFC 2289). */
    private static byte[] fold(String algo, byte[] d) {
        byte[] out = new byte[8];
        if (!algo.equals("sha1")) {
            for (int i = 0; i < 8; i++) {
                out[i] = (byte) (d[i] ^ d[i + 8]);
            }
            return out;
        }
        for (int i = 0; i < 4; i++) {
            // words are big-endian in SHA-1's output; the fold writes them little-endian
            out[i] = (byte) (d[3 - i] ^ d[11 - i] ^ d[19 - i]);
            out[4 + i] = (byte) (d[7 - i] ^ d[15 - i]);
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static int indexOf(String algo) {
        for (int i = 0; i < ALGORITHMS.length; i++) {
            if (ALGORITHMS[i].equals(algo)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isLws(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isAlnum(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }
}
