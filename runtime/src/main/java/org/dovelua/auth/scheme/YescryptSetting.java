package org.dovelua.auth.scheme;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code $y$} (yescrypt) and {@code $7$} (scrypt) crypt strings: libxcrypt's
 * {@code crypt_yescrypt_rn()}/{@code crypt_scrypt_rn()} (lib/crypt-yescrypt.c, lib/crypt-scrypt.c)
 * and {@code yescrypt_r()}/{@code yescrypt_encode_params_r()} (lib/alg-yescrypt-common.c), ported
 * with their quirks: the salt ends at the last {@code $}, parameters use yescrypt's variable-length
 * base-64 integers, and {@code $7$} takes its salt as raw text.
 */
public final class YescryptSetting {
    private static final String ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** CRYPT_OUTPUT_SIZE of libxcrypt (crypt.h). */
    private static final int CRYPT_OUTPUT_SIZE = 384;
    private static final int HASH_LEN = 43;

    private YescryptSetting() {
    }

    /**
     * {@code crypt(phrase, setting)} for a setting starting {@code $y$} or {@code $7$}; null where
     * libxcrypt fails (the caller turns that into the failure token).
     */
    public static String crypt(byte[] phrase, String setting) {
        byte[] set = setting.getBytes(StandardCharsets.ISO_8859_1);
        // crypt_yescrypt_rn(): room for setting + '$' + hash + NUL in the output buffer
        if (CRYPT_OUTPUT_SIZE < set.length + 1 + HASH_LEN + 1) {
            return null;
        }
        if (setting.startsWith("$7$") && !scryptSaltOk(set)) {
            return null;
        }
        try {
            return yescryptR(phrase, set);
        } catch (Yescrypt.InvalidParams e) {
            return null;
        }
    }

    /**
     * {@code crypt_gost_yescrypt_rn()} (lib/crypt-gost-yescrypt.c): yescrypt on the {@code $y$}
     * form of the setting, then HMAC_GOSTR3411_2012_256(HMAC_GOSTR3411_2012_256(GOST(K), S), Y)
     * over its raw output. S is the {@code $gy$} setting cut at the length of the {@code $y$}
     * prefix up to the hash, so it lacks the final {@code $} (libxcrypt's own quirk).
     */
    public static String cryptGost(byte[] phrase, String setting) {
        if (CRYPT_OUTPUT_SIZE < setting.length() + 1 + HASH_LEN + 1 || !setting.startsWith("$gy$")) {
            return null;
        }
        String y = crypt(phrase, "$y$" + setting.substring(4));
        if (y == null) {
            return null;
        }
        int first = y.indexOf('$', 3);
        int second = first < 0 ? -1 : y.indexOf('$', first + 1);
        if (second < 0) {
            return null;
        }
        int hptr = second + 1;
        byte[] yes = y.getBytes(StandardCharsets.ISO_8859_1);
        byte[] raw = decode64(yes, hptr, yes.length - hptr, 32);
        if (raw == null || raw.length != 32) {
            return null;
        }
        byte[] hk = new byte[32];
        org.bouncycastle.crypto.digests.GOST3411_2012_256Digest g =
                new org.bouncycastle.crypto.digests.GOST3411_2012_256Digest();
        g.update(phrase, 0, phrase.length);
        g.doFinal(hk, 0);
        byte[] s = Arrays.copyOf(setting.getBytes(StandardCharsets.ISO_8859_1), hptr);
        byte[] interm = gostHmac(hk, s);
        byte[] out = gostHmac(interm, raw);
        return "$g" + y.substring(1, hptr) + encode64(out);
    }

    private static byte[] gostHmac(byte[] key, byte[] msg) {
        org.bouncycastle.crypto.macs.HMac mac = new org.bouncycastle.crypto.macs.HMac(
                new org.bouncycastle.crypto.digests.GOST3411_2012_256Digest());
        mac.init(new org.bouncycastle.crypto.params.KeyParameter(key));
        mac.update(msg, 0, msg.length);
        byte[] out = new byte[32];
        mac.doFinal(out, 0);
        return out;
    }

    /** verify_salt() of crypt-scrypt.c. */
    private static boolean scryptSaltOk(byte[] set) {
        for (int i = 3 + 1 + 5 * 2; i < set.length; i++) {
            if (!scryptSaltChar(set[i])) {
                return set[i - 1] == '$';
            }
        }
        return true;
    }

    private static boolean scryptSaltChar(byte ch) {
        return ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '.' && ch <= '9' || ch == '$';
    }

    private static int at(byte[] s, int i) {
        return i < s.length ? s[i] & 0xff : 0;
    }

    /** atoi64() of alg-yescrypt-common.c: 64 for anything not in ./0-9A-Za-z. */
    static int atoi64(int c) {
        int i = c == 0 ? -1 : ITOA64.indexOf(c);
        return i < 0 ? 64 : i;
    }

    /** yescrypt_r() without a key. */
    private static String yescryptR(byte[] phrase, byte[] set) throws Yescrypt.InvalidParams {
        if (at(set, 0) != '$' || at(set, 1) != '7' && at(set, 1) != 'y' || at(set, 2) != '$') {
            return null;
        }
        int[] pos = {3};
        int flags = 0;
        long n;
        int r;
        int p = 1;
        int t = 0;
        int g = 0;
        long nrom = 0;
        if (at(set, 1) == '7') {
            int nLog2 = atoi64(at(set, pos[0]++));
            if (nLog2 < 1 || nLog2 > 63) {
                return null;
            }
            n = 1L << nLog2;
            Long rv = decodeFixed(set, pos, 30);
            if (rv == null) {
                return null;
            }
            Long pv = decodeFixed(set, pos, 30);
            if (pv == null) {
                return null;
            }
            r = (int) (long) rv;
            p = (int) (long) pv;
        } else {
            Long flavor = decodeUint32(set, pos, 0);
            if (flavor == null) {
                return null;
            }
            if (flavor < Yescrypt.RW) {
                flags = (int) (long) flavor;
            } else if (flavor <= Yescrypt.RW + (Yescrypt.RW_FLAVOR_MASK >> 2)) {
                flags = Yescrypt.RW + (int) ((flavor - Yescrypt.RW) << 2);
            } else {
                return null;
            }
            Long nLog2 = decodeUint32(set, pos, 1);
            if (nLog2 == null || nLog2 > 63) {
                return null;
            }
            n = 1L << nLog2;
            Long rv = decodeUint32(set, pos, 1);
            if (rv == null) {
                return null;
            }
            r = (int) (long) rv;
            if (at(set, pos[0]) != '$') {
                Long have = decodeUint32(set, pos, 1);
                if (have == null) {
                    return null;
                }
                if ((have & 1) != 0) {
                    Long v = decodeUint32(set, pos, 2);
                    if (v == null) {
                        return null;
                    }
                    p = (int) (long) v;
                }
                if ((have & 2) != 0) {
                    Long v = decodeUint32(set, pos, 1);
                    if (v == null) {
                        return null;
                    }
                    t = (int) (long) v;
                }
                if ((have & 4) != 0) {
                    Long v = decodeUint32(set, pos, 1);
                    if (v == null) {
                        return null;
                    }
                    g = (int) (long) v;
                }
                if ((have & 8) != 0) {
                    Long v = decodeUint32(set, pos, 1);
                    if (v == null || v > 63) {
                        return null;
                    }
                    nrom = 1L << v;
                }
            }
            if (at(set, pos[0]++) != '$') {
                return null;
            }
        }
        int prefixLen = pos[0];
        // the salt runs to the last '$' (strrchr), or to the end of the setting
        int saltEnd = set.length;
        for (int i = set.length - 1; i >= prefixLen; i--) {
            if (set[i] == '$') {
                saltEnd = i;
                break;
            }
        }
        byte[] salt;
        if (at(set, 1) == '7') {
            salt = Arrays.copyOfRange(set, prefixLen, saltEnd);
        } else {
            salt = decode64(set, prefixLen, saltEnd - prefixLen, 64);
            if (salt == null) {
                return null;
            }
        }
        byte[] hash = Yescrypt.kdf(phrase, salt, new Yescrypt.Params(flags, n, r, p, t, g, nrom), 32);
        return new String(set, 0, saltEnd, StandardCharsets.ISO_8859_1) + "$" + encode64(hash);
    }

    /** decode64_uint32(): yescrypt's variable-length integer; null on a bad character. */
    static Long decodeUint32(byte[] s, int[] pos, long min) {
        long start = 0;
        long end = 47;
        int chars = 1;
        int bits = 0;
        long c = atoi64(at(s, pos[0]++));
        if (c > 63) {
            return null;
        }
        long dst = min;
        while (c > end) {
            dst += (end + 1 - start) << bits;
            start = end + 1;
            end = start + (62 - end) / 2;
            chars++;
            bits += 6;
        }
        dst += (c - start) << bits;
        while (--chars > 0) {
            c = atoi64(at(s, pos[0]++));
            if (c > 63) {
                return null;
            }
            bits -= 6;
            dst += c << bits;
        }
        return dst & 0xffffffffL;
    }

    /** decode64_uint32_fixed(): little-endian 6-bit groups ($7$ r and p). */
    private static Long decodeFixed(byte[] s, int[] pos, int dstBits) {
        long dst = 0;
        for (int bits = 0; bits < dstBits; bits += 6) {
            long c = atoi64(at(s, pos[0]++));
            if (c > 63) {
                return null;
            }
            dst |= c << bits;
        }
        return dst & 0xffffffffL;
    }

    /**
     * decode64() for a salt of {@code srclen} characters at {@code off} into at most {@code max}
     * bytes; null where the C code fails or stops before the end (yescrypt_r's {@code saltend} check).
     */
    static byte[] decode64(byte[] s, int off, int srclen, int max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int src = off;
        long left = srclen;
        int dstpos = 0;
        while (dstpos <= max && left != 0) {
            long value = 0;
            int bits = 0;
            while (left-- != 0) {
                int c = atoi64(at(s, src));
                if (c > 63) {
                    left = 0;
                    break;
                }
                src++;
                value |= (long) c << bits;
                bits += 6;
                if (bits >= 24) {
                    break;
                }
            }
            if (bits == 0) {
                break;
            }
            if (bits < 12) {
                return null;
            }
            while (dstpos++ < max) {
                out.write((int) value);
                value >>>= 8;
                bits -= 8;
                if (bits < 8) {
                    if (value != 0) {
                        return null;
                    }
                    bits = 0;
                    break;
                }
            }
            if (bits != 0) {
                return null;
            }
        }
        if (left == 0 && dstpos <= max && src - off == srclen) {
            return out.toByteArray();
        }
        return null;
    }

    /** encode64(): little-endian 24-bit groups, low 6 bits first. */
    static String encode64(byte[] src) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < src.length;) {
            int value = 0;
            int bits = 0;
            do {
                value |= (src[i++] & 0xff) << bits;
                bits += 8;
            } while (bits < 24 && i < src.length);
            for (int b = 0; b < bits; b += 6) {
                sb.append(ITOA64.charAt(value & 0x3f));
                value >>>= 6;
            }
        }
        return sb.toString();
    }

    /** encode64_uint32(): the inverse of {@link #decodeUint32}. */
    static String encodeUint32(long src, long min) {
        long start = 0;
        long end = 47;
        int chars = 1;
        int bits = 0;
        if (src < min) {
            throw new IllegalArgumentException("below minimum");
        }
        src -= min;
        while (true) {
            long count = (end + 1 - start) << bits;
            if (src < count) {
                break;
            }
            if (start >= 63) {
                throw new IllegalArgumentException("too large");
            }
            start = end + 1;
            end = start + (62 - end) / 2;
            src -= count;
            chars++;
            bits += 6;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(ITOA64.charAt((int) (start + (src >> bits))));
        while (--chars > 0) {
            bits -= 6;
            sb.append(ITOA64.charAt((int) ((src >> bits) & 0x3f)));
        }
        return sb.toString();
    }

    /**
     * gensalt_yescrypt_rn(): the {@code $y$} setting for cost 1-11 (0 means 5) and 16-64 random
     * bytes, as {@code crypt_gensalt("$y$", count, rbytes)} makes it.
     */
    public static String gensalt(int count, byte[] rbytes) {
        if (rbytes.length > 64) {
            rbytes = Arrays.copyOf(rbytes, 64);
        }
        if (count > 11 || count < 0 || rbytes.length < 16) {
            throw new IllegalArgumentException("yescrypt cost must be 0-11 and at least 16 random bytes");
        }
        if (count == 0) {
            count = 5;
        }
        int r = count < 3 ? 8 : 32;
        int nLog2 = count < 3 ? count + 9 : count + 7;
        // yescrypt_encode_params_r() with flags YESCRYPT_DEFAULTS and p = 1: no "have" field
        int flavor = Yescrypt.RW + (Yescrypt.RW_DEFAULTS >> 2);
        return "$y$" + encodeUint32(flavor, 0) + encodeUint32(nLog2, 1) + encodeUint32(r, 1) + "$"
                + encode64(rbytes);
    }
}
