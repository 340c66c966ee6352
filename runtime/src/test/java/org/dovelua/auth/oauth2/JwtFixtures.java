package org.dovelua.auth.oauth2;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Tokens and keys for the OAuth2 tests: JWTs signed here with HS256, RS256 and ES256. */
final class JwtFixtures {
    static final byte[] SECRET = "dovelua-oauth2-hs256-test-secret".getBytes(StandardCharsets.US_ASCII);
    /** Far in the future (2100-01-01). */
    static final long FUTURE = 4102444800L;
    static final long NOW = 1_800_000_000L;

    final KeyPair rsa;
    final KeyPair ec;
    /** The key dict: {@code shared/<azp>/<alg>/<kid>} to its value. */
    final Map<String, String> dict = new HashMap<>();

    JwtFixtures(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, random);
            rsa = g.generateKeyPair();
            KeyPairGenerator e = KeyPairGenerator.getInstance("EC");
            e.initialize(new ECGenParameterSpec("secp256r1"), random);
            ec = e.generateKeyPair();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
        dict.put("shared/default/HS256/default", Base64.getEncoder().encodeToString(SECRET));
        dict.put("shared/default/RS256/rsakey", pem(rsa.getPublic().getEncoded()));
        dict.put("shared/default/ES256/eckey", pem(ec.getPublic().getEncoded()));
    }

    static String pem(byte[] der) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
    }

    static String b64u(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String b64u(String s) {
        return b64u(s.getBytes(StandardCharsets.UTF_8));
    }

    LocalJwtValidation.KeyDict keys() {
        return dict::get;
    }

    static String hs256(String header, String body) {
        String data = b64u(header) + "." + b64u(body);
        return data + "." + b64u(hmac(data));
    }

    static byte[] hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String rs256(String header, String body) {
        return signed(header, body, "SHA256withRSA", false);
    }

    String es256(String header, String body) {
        return signed(header, body, "SHA256withECDSA", true);
    }

    private String signed(String header, String body, String alg, boolean x962) {
        String data = b64u(header) + "." + b64u(body);
        try {
            Signature s = Signature.getInstance(alg);
            s.initSign(x962 ? ec.getPrivate() : rsa.getPrivate());
            s.update(data.getBytes(StandardCharsets.UTF_8));
            byte[] sig = s.sign();
            return data + "." + b64u(x962 ? derToRs(sig) : sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DER ECDSA signature to r || s, 32 bytes each. */
    static byte[] derToRs(byte[] der) {
        int p = 2;
        if ((der[1] & 0x80) != 0) {
            p += der[1] & 0x7f;
        }
        byte[] out = new byte[64];
        for (int i = 0; i < 2; i++) {
            int len = der[p + 1];
            int start = p + 2;
            int skip = Math.max(0, len - 32);
            int copy = len - skip;
            System.arraycopy(der, start + skip, out, i * 32 + 32 - copy, copy);
            p = start + len;
        }
        return out;
    }
}
