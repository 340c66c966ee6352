package org.dovelua.lib;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@code hash_method_lookup()} (src/lib/hash-method.c): the hash methods var_expand's hash
 * functions name, 2.3's {@code %{md5:...}} family and 2.4's {@code hash()} filter alike.
 */
public final class HashMethod {
    private HashMethod() {
    }

    /** A fresh digest for {@code name}, or null when Dovecot has no such method. */
    public static MessageDigest lookup(String algo) {
        String jca = switch (algo) {
            case "md4" -> "MD4";
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            case "sha3-256" -> "SHA3-256";
            case "sha3-512" -> "SHA3-512";
            case "size" -> "size";
            default -> null;
        };
        if (jca != null && jca.equals("size")) {
            return new SizeDigest();
        }
        if (jca == null) {
            return null;
        }
        try {
            return jca.equals("MD4") ? org.bouncycastle.jcajce.provider.digest.MD4.Digest.class
                    .getDeclaredConstructor().newInstance() : MessageDigest.getInstance(jca);
        } catch (NoSuchAlgorithmException | ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** hash_method_size (lib/hash-method.c): the input length as a 64-bit big-endian number. */
    static final class SizeDigest extends MessageDigest {
        private long size;

        SizeDigest() {
            super("size");
        }

        @Override
        protected void engineUpdate(byte input) {
            size++;
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            size += len;
        }

        @Override
        protected byte[] engineDigest() {
            byte[] out = java.nio.ByteBuffer.allocate(8).putLong(size).array();
            size = 0;
            return out;
        }

        @Override
        protected void engineReset() {
            size = 0;
        }
    }
}
