package org.dovelua.auth.scheme;

import java.io.ByteArrayOutputStream;
import java.util.Base64;

/**
 * Dovecot 2.3's {@code base64_decode()} with flags 0 (src/lib/base64.c, base64_decode_more and
 * base64_decode_finish): standard alphabet, padding required, whitespace ignored anywhere, nothing
 * but whitespace after the padding. Unused low bits of the last character are not checked.
 */
public final class DovecotBase64 {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private DovecotBase64() {
    }

    /** {@code base64_encode()}: standard alphabet with padding. */
    public static String encode(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    /** Returns the decoded bytes, or null where {@code base64_decode()} returns -1. */
    public static byte[] decode(byte[] src) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int sub = 0;
        int buf = 0;
        int pos = 0;
        int n = src.length;
        for (; pos < n; pos++) {
            int c = src[pos] & 0xff;
            int dm = c < 128 ? ALPHABET.indexOf(c) : -1;
            if (dm < 0) {
                if (isEmpty(c)) {
                    continue;
                }
                break;
            }
            switch (sub) {
                case 0 -> buf = dm;
                case 1 -> {
                    out.write(((buf << 2) | (dm >> 4)) & 0xff);
                    buf = dm;
                }
                case 2 -> {
                    out.write((((buf << 4) & 0xff) | (dm >> 2)) & 0xff);
                    buf = dm;
                }
                default -> {
                    out.write((((buf << 6) & 0xc0) | dm) & 0xff);
                    buf = 0;
                }
            }
            sub = (sub + 1) % 4;
        }
        if (pos < n) {
            // the end: padding is the only thing allowed here
            if (sub < 2) {
                return null;
            }
            if (sub == 2) {
                if (src[pos] != '=') {
                    return null;
                }
                pos = skipWhitespace(src, pos + 1);
                if (pos == n) {
                    return null; // one '=' where two are needed: finish sees sub_pos != 0
                }
            }
            if (src[pos] != '=') {
                return null;
            }
            pos = skipWhitespace(src, pos + 1);
            if (pos < n) {
                return null;
            }
            return out.toByteArray();
        }
        return sub == 0 ? out.toByteArray() : null;
    }

    /** {@code IS_EMPTY()}: the whitespace base64 decoding skips. */
    private static boolean isEmpty(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static int skipWhitespace(byte[] src, int pos) {
        while (pos < src.length && isEmpty(src[pos] & 0xff)) {
            pos++;
        }
        return pos;
    }
}
