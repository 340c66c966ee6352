package org.dovelua.auth.scheme;

import java.util.Arrays;
import org.dovelua.lib.Digests;

/**
 * CRAM-MD5 / HMAC-MD5 stored form: the two HMAC-MD5 intermediate states
 * (src/lib/hmac.c hmac_init + src/lib/hmac-cram-md5.c hmac_md5_get_cram_context), outer first.
 */
public final class CramMd5 {
    private CramMd5() {
    }

    public static byte[] context(byte[] key) {
        if (key.length > 64) {
            key = Digests.md5(key);
        }
        byte[] k = Arrays.copyOf(key, 64);
        byte[] ipad = new byte[64];
        byte[] opad = new byte[64];
        for (int i = 0; i < 64; i++) {
            ipad[i] = (byte) (k[i] ^ 0x36);
            opad[i] = (byte) (k[i] ^ 0x5c);
        }
        byte[] out = new byte[32];
        Md5Block.put(out, 0, Md5Block.compressFromInit(opad));
        Md5Block.put(out, 16, Md5Block.compressFromInit(ipad));
        return out;
    }

    /**
     * HMAC-MD5 of {@code message} from a stored context (hmac.c hmac_init + hmac-cram-md5.c
     * hmac_md5_set_cram_context, then hmac_update/hmac_final): the inner and outer states each
     * continue after their 64-byte pad block.
     */
    public static byte[] hmac(byte[] context, byte[] message) {
        int[] outer = new int[4];
        int[] inner = new int[4];
        for (int i = 0; i < 4; i++) {
            outer[i] = Md5Block.le32(context, 4 * i);
            inner[i] = Md5Block.le32(context, 16 + 4 * i);
        }
        byte[] innerDigest = Md5Block.finishFrom(inner, 64, message);
        return Md5Block.finishFrom(outer, 64, innerDigest);
    }
}
