package org.dovelua.auth.scheme;

import java.util.Arrays;

/** MD4 (RFC 1320; src/lib/md4.c): the JDK has no MD4, PLAIN-MD4 and OTP md4 need it. */
public final class Md4 {
    private Md4() {
    }

    public static byte[] digest(byte[] msg) {
        int n = msg.length;
        int padded = ((n + 8) / 64 + 1) * 64;
        byte[] m = Arrays.copyOf(msg, padded);
        m[n] = (byte) 0x80;
        long bits = (long) n * 8;
        for (int i = 0; i < 8; i++) {
            m[padded - 8 + i] = (byte) (bits >>> (8 * i));
        }
        int a = 0x67452301;
        int b = 0xefcdab89;
        int c = 0x98badcfe;
        int d = 0x10325476;
        int[] x = new int[16];
        for (int off = 0; off < padded; off += 64) {
            for (int i = 0; i < 16; i++) {
                x[i] = Md5Block.le32(m, off + 4 * i);
            }
            int aa = a;
            int bb = b;
            int cc = c;
            int dd = d;
            int[] s1 = {3, 7, 11, 19};
            for (int i = 0; i < 16; i++) {
                int f = (b & c) | (~b & d);
                int t = Integer.rotateLeft(a + f + x[i], s1[i % 4]);
                a = d;
                d = c;
                c = b;
                b = t;
            }
            int[] s2 = {3, 5, 9, 13};
            for (int i = 0; i < 16; i++) {
                int k = (i % 4) * 4 + i / 4;
                int g = (b & c) | (b & d) | (c & d);
                int t = Integer.rotateLeft(a + g + x[k] + 0x5a827999, s2[i % 4]);
                a = d;
                d = c;
                c = b;
                b = t;
            }
            int[] s3 = {3, 9, 11, 15};
            int[] order = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15};
            for (int i = 0; i < 16; i++) {
                int h = b ^ c ^ d;
                int t = Integer.rotateLeft(a + h + x[order[i]] + 0x6ed9eba1, s3[i % 4]);
                a = d;
                d = c;
                c = b;
                b = t;
            }
            a += aa;
            b += bb;
            c += cc;
            d += dd;
        }
        byte[] out = new byte[16];
        Md5Block.put(out, 0, a, b, c, d);
        return out;
    }
}
