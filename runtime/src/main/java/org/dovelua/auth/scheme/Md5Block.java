package org.dovelua.auth.scheme;

/**
 * One MD5 compression step (RFC 1321 / src/lib/md5.c body()). {@code MessageDigest} cannot
 * expose the chaining state, which is what {@code hmac_md5_get_cram_context()} stores.
 */
final class Md5Block {
    private static final int[] S = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};
    private static final int[] K = new int[64];

    static {
        for (int i = 0; i < 64; i++) {
            K[i] = (int) (long) Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296.0);
        }
    }

    private Md5Block() {
    }

    /** The state A,B,C,D after compressing {@code block} (64 bytes) from the MD5 initial state. */
    static int[] compressFromInit(byte[] block) {
        return compress(new int[] {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476}, block, 0);
    }

    /**
     * MD5 of {@code data} continued from {@code state}, the state after {@code done} bytes (a multiple
     * of 64): md5.c's md5_update() and md5_final() from a saved context (hmac-cram-md5.c's use).
     */
    static byte[] finishFrom(int[] state, long done, byte[] data) {
        long bits = (done + data.length) * 8;
        int padded = ((data.length + 8) / 64 + 1) * 64;
        byte[] m = java.util.Arrays.copyOf(data, padded);
        m[data.length] = (byte) 0x80;
        for (int i = 0; i < 8; i++) {
            m[padded - 8 + i] = (byte) (bits >>> (8 * i));
        }
        int[] st = state.clone();
        for (int off = 0; off < padded; off += 64) {
            st = compress(st, m, off);
        }
        byte[] out = new byte[16];
        put(out, 0, st);
        return out;
    }

    /** One MD5 compression of the 64 bytes at {@code off} from {@code state}. */
    static int[] compress(int[] state, byte[] block, int off) {
        int a0 = state[0];
        int b0 = state[1];
        int c0 = state[2];
        int d0 = state[3];
        int a = a0;
        int b = b0;
        int c = c0;
        int d = d0;
        for (int i = 0; i < 64; i++) {
            int f;
            int g;
            if (i < 16) {
                f = (b & c) | (~b & d);
                g = i;
            } else if (i < 32) {
                f = (d & b) | (~d & c);
                g = (5 * i + 1) % 16;
            } else if (i < 48) {
                f = b ^ c ^ d;
                g = (3 * i + 5) % 16;
            } else {
                f = c ^ (b | ~d);
                g = (7 * i) % 16;
            }
            int t = d;
            d = c;
            c = b;
            b = b + Integer.rotateLeft(a + f + K[i] + le32(block, off + 4 * g), S[(i / 16) * 4 + i % 4]);
            a = t;
        }
        return new int[] {a0 + a, b0 + b, c0 + c, d0 + d};
    }

    static int le32(byte[] m, int off) {
        return (m[off] & 0xff) | (m[off + 1] & 0xff) << 8 | (m[off + 2] & 0xff) << 16 | (m[off + 3] & 0xff) << 24;
    }

    /** {@code CDPUT}: each word little-endian. */
    static void put(byte[] out, int off, int... words) {
        for (int w : words) {
            for (int i = 0; i < 4; i++) {
                out[off++] = (byte) (w >>> (8 * i));
            }
        }
    }
}
