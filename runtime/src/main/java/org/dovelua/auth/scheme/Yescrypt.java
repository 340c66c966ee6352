package org.dovelua.auth.scheme;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The yescrypt KDF (and classic scrypt, its flavor 0): a port of Openwall's reference
 * {@code yescrypt-ref.c} with the parameter checks of {@code alg-yescrypt-opt.c} as shipped in
 * libxcrypt (the code behind Debian's {@code crypt()} for {@code $y$} and {@code $7$}). The MCF
 * string handling is {@link YescryptSetting}. Only the pwxform settings libxcrypt supports exist
 * (6 rounds, gather 4, simple 2, 12 KiB S-boxes); ROMs ({@code NROM}) and hash upgrades ({@code g})
 * are refused as libxcrypt's {@code crypt()} refuses them (it never passes a shared ROM).
 */
public final class Yescrypt {
    // yescrypt.h flag bits
    static final int WORM = 1;
    static final int RW = 0x002;
    static final int MODE_MASK = 0x003;
    static final int RW_FLAVOR_MASK = 0x3fc;
    static final int RW_DEFAULTS = RW | 0x004 /* ROUNDS_6 */ | 0x010 /* GATHER_4 */ | 0x020 /* SIMPLE_2 */
            | 0x080 /* SBOX_12K */;
    static final int PREHASH = 0x10000000;
    private static final int KNOWN_FLAGS = MODE_MASK | RW_FLAVOR_MASK | 0x10000 | 0x01000000 | 0x08000000
            | PREHASH;

    // pwxform settings (yescrypt-ref.c): PWXsimple 2, PWXgather 4, PWXrounds 6, Swidth 8
    private static final int PWX_SIMPLE = 2;
    private static final int PWX_GATHER = 4;
    private static final int PWX_ROUNDS = 6;
    private static final int SWIDTH = 8;
    private static final int PWX_BYTES = PWX_GATHER * PWX_SIMPLE * 8;
    private static final int PWX_WORDS = PWX_BYTES / 4;
    private static final int SBYTES = 3 * (1 << SWIDTH) * PWX_SIMPLE * 8;
    private static final int SWORDS = SBYTES / 4;
    private static final int SMASK = ((1 << SWIDTH) - 1) * PWX_SIMPLE * 8;

    /**
     * Largest V (128·r·N bytes) this port allocates. libxcrypt would go on (up to its own
     * {@code N <= 2^32} limit) where a Java int[] cannot; beyond this the computation fails, so such
     * a hash reads as a mismatch. Debian's default ({@code j9T}) needs 16 MiB.
     */
    public static final long MAX_V_BYTES = 1L << 30;

    /** yescrypt_params_t. */
    public record Params(int flags, long n, int r, int p, int t, int g, long nrom) {
    }

    /** Thrown where the C code returns -1 with {@code EINVAL} (or cannot allocate). */
    public static final class InvalidParams extends Exception {
        InvalidParams(String why) {
            super(why, null, false, false);
        }
    }

    private Yescrypt() {
    }

    /** yescrypt_kdf(): the pre-hashing round for large RW costs, then the body. */
    public static byte[] kdf(byte[] passwd, byte[] salt, Params params, int buflen) throws InvalidParams {
        if (params.g() != 0) {
            throw new InvalidParams("hash upgrades (g) are not supported");
        }
        int flags = params.flags();
        long n = params.n();
        int r = params.r();
        int p = params.p();
        if ((flags & RW) != 0 && p >= 1 && n / p >= 0x100 && n / p * r >= 0x20000) {
            // alg-yescrypt-opt.c first checks the full-size parameters (YESCRYPT_ALLOC_ONLY)
            check(flags, n, r, p, params.t(), params.nrom());
            passwd = body(passwd, salt, flags | PREHASH, n >> 6, r, p, 0, params.nrom(), 32);
        }
        return body(passwd, salt, flags, n, r, p, params.t(), params.nrom(), buflen);
    }

    /** The sanity checks of yescrypt_kdf_body() in alg-yescrypt-opt.c (stricter than -ref.c). */
    private static void check(int flags, long n, int r, int p, int t, long nrom) throws InvalidParams {
        switch (flags & MODE_MASK) {
            case 0 -> {
                if (flags != 0 || t != 0 || nrom != 0) {
                    throw new InvalidParams("classic scrypt takes no flags, t or NROM");
                }
            }
            case WORM -> {
                if (flags != WORM || nrom != 0) {
                    throw new InvalidParams("bad WORM flags");
                }
            }
            case RW -> {
                if (flags != (flags & KNOWN_FLAGS) || (flags & RW_FLAVOR_MASK) != (RW_DEFAULTS & RW_FLAVOR_MASK)) {
                    throw new InvalidParams("unsupported pwxform flavor");
                }
            }
            default -> throw new InvalidParams("bad mode");
        }
        long rl = Integer.toUnsignedLong(r);
        long pl = Integer.toUnsignedLong(p);
        if (rl * pl >= 1L << 30) {
            throw new InvalidParams("r * p too large");
        }
        if (n > 0xffffffffL || n < 0) {
            throw new InvalidParams("N too large");
        }
        if ((n & (n - 1)) != 0 || n <= 3 || rl < 1 || pl < 1) {
            throw new InvalidParams("N must be a power of 2 above 3, r and p at least 1");
        }
        if ((flags & RW) != 0 && n / pl <= 3) {
            throw new InvalidParams("N / p too small");
        }
        if (nrom != 0) {
            throw new InvalidParams("no ROM is given (NROM)");
        }
        if (128L * rl * n > MAX_V_BYTES || 128L * rl * pl > Integer.MAX_VALUE) {
            throw new InvalidParams("too much memory for this port");
        }
    }

    /** yescrypt_kdf_body(). */
    private static byte[] body(byte[] passwd, byte[] salt, int flags, long n, int r, int p, int t, long nrom,
            int buflen) throws InvalidParams {
        check(flags, n, r, p, t, nrom);
        int s = 32 * r;
        int[] v = new int[Math.toIntExact(s * n)];
        int[] xy = new int[2 * s];
        if (flags != 0) {
            byte[] key = "yescrypt-prehash".getBytes(StandardCharsets.US_ASCII);
            passwd = hmacSha256(java.util.Arrays.copyOf(key, (flags & PREHASH) != 0 ? 16 : 8), passwd);
        }
        // 1: (B_0 ... B_{p-1}) <-- PBKDF2(P, S, 1, p * MFLen)
        int[] b = leWords(pbkdf2Sha256(passwd, salt, 128 * r * p));
        byte[] sha256 = null;
        if (flags != 0) {
            sha256 = java.util.Arrays.copyOf(leBytes(b, 0, 8), 32);
        }
        if ((flags & RW) != 0) {
            PwxformCtx[] ctx = new PwxformCtx[p];
            for (int i = 0; i < p; i++) {
                ctx[i] = new PwxformCtx();
            }
            sha256 = smix(b, 0, r, n, p, t, flags, v, xy, ctx, sha256);
        } else {
            for (int i = 0; i < p; i++) {
                smix(b, s * i, r, n, 1, t, flags, v, xy, null, null);
            }
        }
        byte[] bBytes = leBytes(b, 0, b.length);
        if (flags != 0) {
            passwd = sha256;
        }
        byte[] dk = null;
        if (flags != 0 && buflen < 32) {
            dk = pbkdf2Sha256(passwd, bBytes, 32);
        }
        // 5: DK <-- PBKDF2(P, B, 1, dkLen)
        byte[] buf = pbkdf2Sha256(passwd, bBytes, buflen);
        if (dk == null) {
            dk = buf;
        }
        if (flags != 0 && (flags & PREHASH) == 0) {
            // SCRAM-like tail: StoredKey = SHA-256(HMAC-SHA256(DK, "Client Key"))
            byte[] clientKey = hmacSha256(java.util.Arrays.copyOf(dk, 32),
                    "Client Key".getBytes(StandardCharsets.US_ASCII));
            byte[] storedKey = sha256(clientKey);
            System.arraycopy(storedKey, 0, buf, 0, Math.min(buflen, 32));
        }
        return buf;
    }

    private static final class PwxformCtx {
        int[] sbox;
        int s0;
        int s1;
        int s2;
        int w;
    }

    /** smix(): returns the (possibly HMAC-updated) passwd buffer. */
    private static byte[] smix(int[] b, int bOff, int r, long n, int p, int t, int flags, int[] v, int[] xy,
            PwxformCtx[] ctx, byte[] passwd) {
        int s = 32 * r;
        long nchunk = n / p;
        long nloopAll = nchunk;
        if ((flags & RW) != 0) {
            if (Integer.compareUnsigned(t, 1) <= 0) {
                if (t != 0) {
                    nloopAll *= 2;
                }
                nloopAll = (nloopAll + 2) / 3;
            } else {
                nloopAll *= Integer.toUnsignedLong(t) - 1;
            }
        } else if (t != 0) {
            if (t == 1) {
                nloopAll += (nloopAll + 1) / 2;
            }
            nloopAll *= Integer.toUnsignedLong(t);
        }
        long nloopRw = 0;
        if ((flags & RW) != 0) {
            nloopRw = nloopAll / p;
        }
        nchunk &= ~1L;
        nloopAll++;
        nloopAll &= ~1L;
        nloopRw++;
        nloopRw &= ~1L;

        long vchunk = 0;
        for (int i = 0; i < p; i++, vchunk += nchunk) {
            long np = i < p - 1 ? nchunk : n - vchunk;
            int bp = bOff + i * s;
            int vp = Math.toIntExact(vchunk * s);
            PwxformCtx ctxI = null;
            if ((flags & RW) != 0) {
                ctxI = ctx[i];
                ctxI.sbox = new int[SWORDS];
                // 18: SMix1_1(B_i, Sbytes / 128, S_i, no flags)
                smix1(b, bp, 1, SBYTES / 128, 0, ctxI.sbox, 0, xy, null);
                ctxI.s2 = 0;
                ctxI.s1 = ctxI.s2 + (1 << SWIDTH) * PWX_SIMPLE * 2;
                ctxI.s0 = ctxI.s1 + (1 << SWIDTH) * PWX_SIMPLE * 2;
                ctxI.w = 0;
                if (i == 0) {
                    // 24: passwd <-- HMAC-SHA256(B_{0,2r-1}, passwd)
                    passwd = hmacSha256(leBytes(b, bp + s - 16, 16), passwd);
                }
            }
            smix1(b, bp, r, np, flags, v, vp, xy, ctxI);
            smix2(b, bp, r, p2floor(np), nloopRw, flags, v, vp, xy, ctxI);
        }
        for (int i = 0; i < p; i++) {
            smix2(b, bOff + i * s, r, n, nloopAll - nloopRw, flags & ~RW, v, 0, xy,
                    (flags & RW) != 0 ? ctx[i] : null);
        }
        return passwd;
    }

    private static void smix1(int[] b, int bp, int r, long n, int flags, int[] v, int vp, int[] xy,
            PwxformCtx ctx) {
        int s = 32 * r;
        // 1: X <-- B (undoing the SIMD shuffle)
        for (int k = 0; k < 2 * r; k++) {
            for (int i = 0; i < 16; i++) {
                xy[k * 16 + i] = b[bp + k * 16 + (i * 5 % 16)];
            }
        }
        for (long i = 0; i < n; i++) {
            // 3: V_i <-- X
            System.arraycopy(xy, 0, v, Math.toIntExact(vp + i * s), s);
            if ((flags & RW) != 0 && i > 1) {
                long j = wrap(integerify(xy, r), i);
                blkxor(xy, 0, v, Math.toIntExact(vp + j * s), s);
            }
            // 4: X <-- H(X)
            if (ctx != null) {
                blockmixPwxform(xy, ctx, r);
            } else {
                blockmixSalsa8(xy, r);
            }
        }
        for (int k = 0; k < 2 * r; k++) {
            for (int i = 0; i < 16; i++) {
                b[bp + k * 16 + (i * 5 % 16)] = xy[k * 16 + i];
            }
        }
    }

    private static void smix2(int[] b, int bp, int r, long n, long nloop, int flags, int[] v, int vp, int[] xy,
            PwxformCtx ctx) {
        int s = 32 * r;
        for (int k = 0; k < 2 * r; k++) {
            for (int i = 0; i < 16; i++) {
                xy[k * 16 + i] = b[bp + k * 16 + (i * 5 % 16)];
            }
        }
        for (long i = 0; i < nloop; i++) {
            // 7: j <-- Integerify(X) mod N
            long j = integerify(xy, r) & (n - 1);
            int vj = Math.toIntExact(vp + j * s);
            // 8.1: X <-- X xor V_j, and for RW V_j <-- X
            blkxor(xy, 0, v, vj, s);
            if ((flags & RW) != 0) {
                System.arraycopy(xy, 0, v, vj, s);
            }
            if (ctx != null) {
                blockmixPwxform(xy, ctx, r);
            } else {
                blockmixSalsa8(xy, r);
            }
        }
        for (int k = 0; k < 2 * r; k++) {
            for (int i = 0; i < 16; i++) {
                b[bp + k * 16 + (i * 5 % 16)] = xy[k * 16 + i];
            }
        }
    }

    /** integerify(): B_{2r-1} as little-endian; word 13 is its second word after the shuffle. */
    private static long integerify(int[] x, int r) {
        int off = (2 * r - 1) * 16;
        return (Integer.toUnsignedLong(x[off + 13]) << 32) + Integer.toUnsignedLong(x[off]);
    }

    private static long p2floor(long x) {
        long y;
        while ((y = x & (x - 1)) != 0) {
            x = y;
        }
        return x;
    }

    private static long wrap(long x, long i) {
        long n = p2floor(i);
        return (x & (n - 1)) + (i - n);
    }

    private static void blkxor(int[] dst, int dOff, int[] src, int sOff, int count) {
        for (int i = 0; i < count; i++) {
            dst[dOff + i] ^= src[sOff + i];
        }
    }

    /** blockmix_salsa8() on X = xy[0, 32r), with Y = xy[32r, 64r) as scratch. */
    private static void blockmixSalsa8(int[] xy, int r) {
        int y = 32 * r;
        int[] x = new int[16];
        System.arraycopy(xy, (2 * r - 1) * 16, x, 0, 16);
        for (int i = 0; i < 2 * r; i++) {
            for (int k = 0; k < 16; k++) {
                x[k] ^= xy[i * 16 + k];
            }
            salsa20(x, 0, 8);
            System.arraycopy(x, 0, xy, y + i * 16, 16);
        }
        for (int i = 0; i < r; i++) {
            System.arraycopy(xy, y + (i * 2) * 16, xy, i * 16, 16);
        }
        for (int i = 0; i < r; i++) {
            System.arraycopy(xy, y + (i * 2 + 1) * 16, xy, (i + r) * 16, 16);
        }
    }

    /** blockmix_pwxform() on X = xy[0, 32r). */
    private static void blockmixPwxform(int[] b, PwxformCtx ctx, int r) {
        int r1 = 128 * r / PWX_BYTES;
        int[] x = new int[PWX_WORDS];
        System.arraycopy(b, (r1 - 1) * PWX_WORDS, x, 0, PWX_WORDS);
        for (int i = 0; i < r1; i++) {
            if (r1 > 1) {
                for (int k = 0; k < PWX_WORDS; k++) {
                    x[k] ^= b[i * PWX_WORDS + k];
                }
            }
            pwxform(x, ctx);
            System.arraycopy(x, 0, b, i * PWX_WORDS, PWX_WORDS);
        }
        int i = (r1 - 1) * PWX_BYTES / 64;
        salsa20(b, i * 16, 2);
        for (i++; i < 2 * r; i++) {
            for (int k = 0; k < 16; k++) {
                b[i * 16 + k] ^= b[(i - 1) * 16 + k];
            }
            salsa20(b, i * 16, 2);
        }
    }

    /** pwxform(): X viewed as uint32_t[PWXgather][PWXsimple][2]; S-boxes as uint32_t[][2]. */
    private static void pwxform(int[] x, PwxformCtx ctx) {
        int[] sb = ctx.sbox;
        int s0 = ctx.s0;
        int s1 = ctx.s1;
        int s2 = ctx.s2;
        int w = ctx.w;
        for (int i = 0; i < PWX_ROUNDS; i++) {
            for (int j = 0; j < PWX_GATHER; j++) {
                int base = j * PWX_SIMPLE * 2;
                int xl = x[base];
                int xh = x[base + 1];
                int p0 = s0 + ((xl & SMASK) >>> 2);
                int p1 = s1 + ((xh & SMASK) >>> 2);
                for (int k = 0; k < PWX_SIMPLE; k++) {
                    long sv0 = (Integer.toUnsignedLong(sb[p0 + 2 * k + 1]) << 32)
                            + Integer.toUnsignedLong(sb[p0 + 2 * k]);
                    long sv1 = (Integer.toUnsignedLong(sb[p1 + 2 * k + 1]) << 32)
                            + Integer.toUnsignedLong(sb[p1 + 2 * k]);
                    long lo = Integer.toUnsignedLong(x[base + 2 * k]);
                    long hi = Integer.toUnsignedLong(x[base + 2 * k + 1]);
                    long v = hi * lo;
                    v += sv0;
                    v ^= sv1;
                    x[base + 2 * k] = (int) v;
                    x[base + 2 * k + 1] = (int) (v >>> 32);
                    if (i != 0 && i != PWX_ROUNDS - 1) {
                        sb[s2 + 2 * w] = (int) v;
                        sb[s2 + 2 * w + 1] = (int) (v >>> 32);
                        w++;
                    }
                }
            }
        }
        // 14: (S0, S1, S2) <-- (S2, S0, S1)
        ctx.s0 = s2;
        ctx.s1 = s0;
        ctx.s2 = s1;
        ctx.w = w & ((1 << SWIDTH) * PWX_SIMPLE - 1);
    }

    /** salsa20() of yescrypt-ref.c: the core on a SIMD-shuffled block, in place. */
    private static void salsa20(int[] b, int off, int rounds) {
        int[] x = new int[16];
        for (int i = 0; i < 16; i++) {
            x[i * 5 % 16] = b[off + i];
        }
        for (int i = 0; i < rounds; i += 2) {
            x[4] ^= Integer.rotateLeft(x[0] + x[12], 7);
            x[8] ^= Integer.rotateLeft(x[4] + x[0], 9);
            x[12] ^= Integer.rotateLeft(x[8] + x[4], 13);
            x[0] ^= Integer.rotateLeft(x[12] + x[8], 18);
            x[9] ^= Integer.rotateLeft(x[5] + x[1], 7);
            x[13] ^= Integer.rotateLeft(x[9] + x[5], 9);
            x[1] ^= Integer.rotateLeft(x[13] + x[9], 13);
            x[5] ^= Integer.rotateLeft(x[1] + x[13], 18);
            x[14] ^= Integer.rotateLeft(x[10] + x[6], 7);
            x[2] ^= Integer.rotateLeft(x[14] + x[10], 9);
            x[6] ^= Integer.rotateLeft(x[2] + x[14], 13);
            x[10] ^= Integer.rotateLeft(x[6] + x[2], 18);
            x[3] ^= Integer.rotateLeft(x[15] + x[11], 7);
            x[7] ^= Integer.rotateLeft(x[3] + x[15], 9);
            x[11] ^= Integer.rotateLeft(x[7] + x[3], 13);
            x[15] ^= Integer.rotateLeft(x[11] + x[7], 18);

            x[1] ^= Integer.rotateLeft(x[0] + x[3], 7);
            x[2] ^= Integer.rotateLeft(x[1] + x[0], 9);
            x[3] ^= Integer.rotateLeft(x[2] + x[1], 13);
            x[0] ^= Integer.rotateLeft(x[3] + x[2], 18);
            x[6] ^= Integer.rotateLeft(x[5] + x[4], 7);
            x[7] ^= Integer.rotateLeft(x[6] + x[5], 9);
            x[4] ^= Integer.rotateLeft(x[7] + x[6], 13);
            x[5] ^= Integer.rotateLeft(x[4] + x[7], 18);
            x[11] ^= Integer.rotateLeft(x[10] + x[9], 7);
            x[8] ^= Integer.rotateLeft(x[11] + x[10], 9);
            x[9] ^= Integer.rotateLeft(x[8] + x[11], 13);
            x[10] ^= Integer.rotateLeft(x[9] + x[8], 18);
            x[12] ^= Integer.rotateLeft(x[15] + x[14], 7);
            x[13] ^= Integer.rotateLeft(x[12] + x[15], 9);
            x[14] ^= Integer.rotateLeft(x[13] + x[12], 13);
            x[15] ^= Integer.rotateLeft(x[14] + x[13], 18);
        }
        for (int i = 0; i < 16; i++) {
            b[off + i] += x[i * 5 % 16];
        }
    }

    static byte[] hmacSha256(byte[] key, byte[] msg) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        mac.update(msg, 0, msg.length);
        byte[] out = new byte[32];
        mac.doFinal(out, 0);
        return out;
    }

    static byte[] sha256(byte[] msg) {
        SHA256Digest d = new SHA256Digest();
        d.update(msg, 0, msg.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    /** PBKDF2-HMAC-SHA256 with one iteration, as {@code PBKDF2_SHA256(..., 1, ...)}. */
    static byte[] pbkdf2Sha256(byte[] passwd, byte[] salt, int dkLen) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(passwd));
        byte[] out = new byte[dkLen];
        byte[] u = new byte[32];
        for (int block = 1, pos = 0; pos < dkLen; block++, pos += 32) {
            mac.update(salt, 0, salt.length);
            mac.update((byte) (block >>> 24));
            mac.update((byte) (block >>> 16));
            mac.update((byte) (block >>> 8));
            mac.update((byte) block);
            mac.doFinal(u, 0);
            System.arraycopy(u, 0, out, pos, Math.min(32, dkLen - pos));
        }
        return out;
    }

    private static int[] leWords(byte[] bytes) {
        int[] w = new int[bytes.length / 4];
        for (int i = 0; i < w.length; i++) {
            w[i] = (bytes[4 * i] & 0xff) | (bytes[4 * i + 1] & 0xff) << 8 | (bytes[4 * i + 2] & 0xff) << 16
                    | (bytes[4 * i + 3] & 0xff) << 24;
        }
        return w;
    }

    private static byte[] leBytes(int[] w, int off, int count) {
        byte[] b = new byte[count * 4];
        for (int i = 0; i < count; i++) {
            int v = w[off + i];
            b[4 * i] = (byte) v;
            b[4 * i + 1] = (byte) (v >>> 8);
            b[4 * i + 2] = (byte) (v >>> 16);
            b[4 * i + 3] = (byte) (v >>> 24);
        }
        return b;
    }
}
