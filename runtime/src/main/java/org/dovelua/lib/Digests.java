package org.dovelua.lib;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The hash methods of src/lib/hash-method.c that the schemes use, on the JDK providers. */
public final class Digests {
    private Digests() {
    }

    public static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] md5(byte[]... parts) {
        return digest("MD5", parts);
    }

    public static byte[] hmac(String algorithm, byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            // an empty key is legal in HMAC (RFC 2104) but SecretKeySpec refuses it
            mac.init(key.length == 0 ? new EmptyKey(algorithm) : new SecretKeySpec(key, algorithm));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#5 PBKDF2 with HMAC (src/lib/pkcs5.c), any key length including empty. */
    public static byte[] pbkdf2(String hmacAlgorithm, byte[] password, byte[] salt, long rounds, int length) {
        try {
            Mac mac = Mac.getInstance(hmacAlgorithm);
            mac.init(password.length == 0 ? new EmptyKey(hmacAlgorithm) : new SecretKeySpec(password, hmacAlgorithm));
            byte[] out = new byte[length];
            int done = 0;
            for (int block = 1; done < length; block++) {
                mac.update(salt);
                mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
                byte[] u = mac.doFinal();
                byte[] t = u.clone();
                for (long i = 1; i < rounds; i++) {
                    u = mac.doFinal(u);
                    for (int k = 0; k < t.length; k++) {
                        t[k] ^= u[k];
                    }
                }
                int n = Math.min(t.length, length - done);
                System.arraycopy(t, 0, out, done, n);
                done += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A zero-length HMAC key. */
    private static final class EmptyKey implements javax.crypto.SecretKey {
        private final String algorithm;

        EmptyKey(String algorithm) {
            this.algorithm = algorithm;
        }

        @Override
        public String getAlgorithm() {
            return algorithm;
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return new byte[0];
        }
    }
}
