package org.dovelua.auth.scheme;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.dovelua.lib.Digests;
import org.dovelua.lib.DovecotBase64;

/**
 * SCRAM-SHA-1 / SCRAM-SHA-256 stored credentials (RFC 5802; src/auth/password-scheme-scram.c):
 * {@code iter,b64(salt),b64(StoredKey),b64(ServerKey)}. No SASLprep, as in Dovecot.
 */
public final class Scram {
    static final int MIN_ITERATE_COUNT = 4096;
    static final int DEFAULT_ITERATE_COUNT = 4096;

    private final String name;
    private final String digest;
    private final String hmac;
    private final int size;

    public Scram(String name, String digest, String hmac, int size) {
        this.name = name;
        this.digest = digest;
        this.hmac = hmac;
        this.size = size;
    }

    /** SCRAM-SHA-1's and SCRAM-SHA-256's stored-credentials form, as the SCRAM mechanisms read it. */
    public static final Scram SHA1 = new Scram("SCRAM-SHA-1", "SHA-1", "HmacSHA1", 20);
    public static final Scram SHA256 = new Scram("SCRAM-SHA-256", "SHA-256", "HmacSHA256", 32);

    /** The scheme's name ({@code SCRAM-SHA-1}, {@code SCRAM-SHA-256}). */
    public String name() {
        return name;
    }

    public String digest() {
        return digest;
    }

    public String hmac() {
        return hmac;
    }

    /** The hash's output size, StoredKey's and ServerKey's length. */
    public int size() {
        return size;
    }

    /** {@code scram_scheme_parse()}'s result: the iteration count, the salt as stored (base64), the two keys. */
    public record Key(int iter, String salt, byte[] storedKey, byte[] serverKey) {
    }

    /**
     * {@code scram_scheme_parse()} (password-scheme-scram.c): the key data of stored credentials,
     * or null with {@code error[0]} set (the mechanism logs it as is).
     */
    public Key parse(byte[] raw, String[] error) {
        String[] fields = new String(raw, StandardCharsets.ISO_8859_1).split(",", -1);
        if (fields.length != 4) {
            error[0] = "Invalid " + name + " passdb entry format";
            return null;
        }
        long iter = parseUint(fields[0]);
        if (iter < MIN_ITERATE_COUNT || iter > Integer.MAX_VALUE) {
            error[0] = "Invalid " + name + " iteration count in passdb";
            return null;
        }
        byte[] stored = DovecotBase64.decode(bytes(fields[2]));
        if (stored == null || stored.length != size) {
            error[0] = "Invalid " + name + " StoredKey in passdb";
            return null;
        }
        byte[] server = DovecotBase64.decode(bytes(fields[3]));
        if (server == null || server.length != size) {
            error[0] = "Invalid " + name + " ServerKey in passdb";
            return null;
        }
        return new Key((int) iter, fields[1], stored, server);
    }

    /** {@code scram_verify()}: 1, 0, or -1 with {@code error[0]} from scram_scheme_parse. */
    public int verify(byte[] plain, byte[] raw, String[] error) {
        String[] fields = new String(raw, StandardCharsets.ISO_8859_1).split(",", -1);
        if (fields.length != 4) {
            error[0] = "Invalid " + name + " passdb entry format";
            return -1;
        }
        long iter = parseUint(fields[0]);
        if (iter < MIN_ITERATE_COUNT || iter > Integer.MAX_VALUE) {
            error[0] = "Invalid " + name + " iteration count in passdb";
            return -1;
        }
        byte[] stored = DovecotBase64.decode(bytes(fields[2]));
        if (stored == null || stored.length != size) {
            error[0] = "Invalid " + name + " StoredKey in passdb";
            return -1;
        }
        byte[] server = DovecotBase64.decode(bytes(fields[3]));
        if (server == null || server.length != size) {
            error[0] = "Invalid " + name + " ServerKey in passdb";
            return -1;
        }
        byte[] salt = Salt.lenientBase64(bytes(fields[1]));
        byte[] salted = Digests.pbkdf2(hmac, plain, salt, iter, size);
        byte[] clientKey = Digests.hmac(hmac, salted, bytes("Client Key"));
        return MessageDigest.isEqual(stored, Digests.digest(digest, clientKey)) ? 1 : 0;
    }

    /** {@code scram_generate()} with the given 16-byte salt. */
    public String generate(byte[] plain, byte[] salt) {
        byte[] salted = Digests.pbkdf2(hmac, plain, salt, DEFAULT_ITERATE_COUNT, size);
        byte[] clientKey = Digests.hmac(hmac, salted, bytes("Client Key"));
        byte[] serverKey = Digests.hmac(hmac, salted, bytes("Server Key"));
        return DEFAULT_ITERATE_COUNT + "," + DovecotBase64.encode(salt) + ","
                + DovecotBase64.encode(Digests.digest(digest, clientKey)) + "," + DovecotBase64.encode(serverKey);
    }

    /** {@code str_to_uint()}: digits only, no sign, no overflow; -1 on failure. */
    static long parseUint(String s) {
        if (s.isEmpty() || s.length() > 10) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        long v = Long.parseLong(s);
        return v > 0xffffffffL ? -1 : v;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
