package org.dovelua.stubs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stub's KSUID text without BigInteger gives the digits the BigInteger conversion gave. */
class KsuidBase62Test {
    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** The conversion the stub used before: repeated BigInteger division, padded to 27 digits. */
    private static String reference(byte[] b) {
        BigInteger n = new BigInteger(1, b);
        StringBuilder sb = new StringBuilder();
        BigInteger base = BigInteger.valueOf(62);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(base);
            sb.append(DIGITS.charAt(qr[1].intValue()));
            n = qr[0];
        }
        while (sb.length() < 27) {
            sb.append('0');
        }
        return sb.reverse().toString();
    }

    @Test
    void sameDigitsAsBigIntegerForSeededRandomAndEdgeValues() {
        Random random = new Random(20);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[20];
            random.nextBytes(b);
            if (i % 7 == 0) {
                java.util.Arrays.fill(b, 0, random.nextInt(20), (byte) 0); // short numbers
            }
            assertThat(NauthilusStub.base62(b)).isEqualTo(reference(b));
        }
        byte[] zero = new byte[20];
        assertThat(NauthilusStub.base62(zero)).isEqualTo("000000000000000000000000000").isEqualTo(reference(zero));
        byte[] max = new byte[20];
        java.util.Arrays.fill(max, (byte) 0xff);
        assertThat(NauthilusStub.base62(max)).isEqualTo(reference(max)).isEqualTo("aWgEPTl1tmebfsQzFP4bxwgy80V");
        byte[] one = new byte[20];
        one[19] = 61;
        assertThat(NauthilusStub.base62(one)).isEqualTo(reference(one)).endsWith("0z");
    }
}
