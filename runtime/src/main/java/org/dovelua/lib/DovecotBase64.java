package org.dovelua.lib;

import java.io.ByteArrayOutputStream;
import java.util.Base64;

/**
 * src/lib/base64.c as 2.3.19 and 2.4.1 have it (the file is the same in both): one decoder,
 * {@code base64_decode_more()} followed by {@code base64_decode_finish()}, over the
 * {@code base64} or {@code base64url} scheme and the {@code BASE64_DECODE_FLAG_*} flags. Every
 * caller in dovelua goes through {@link #decode(Scheme, int, byte[])}; the helpers below name the
 * ways Dovecot calls it.
 *
 * <p>As in C, bytes are appended to the output while decoding, so a failed decode still has the
 * bytes decoded before the bad input ({@code t_base64_decode_str()} ignores the error and keeps them).
 */
public final class DovecotBase64 {
    /** {@code BASE64_DECODE_FLAG_EXPECT_BOUNDARY}: stop without error at the first non-base64 input. */
    public static final int EXPECT_BOUNDARY = 1;
    /** {@code BASE64_DECODE_FLAG_NO_WHITESPACE}: whitespace is an error instead of being skipped. */
    public static final int NO_WHITESPACE = 1 << 1;
    /** {@code BASE64_DECODE_FLAG_NO_PADDING}: padding is an error. */
    public static final int NO_PADDING = 1 << 2;
    /** {@code BASE64_DECODE_FLAG_IGNORE_PADDING}: missing padding is not an error. */
    public static final int IGNORE_PADDING = 1 << 3;

    /** {@code struct base64_scheme}: the alphabet; 62 and 63 differ between the two schemes. */
    public enum Scheme {
        BASE64("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
        BASE64URL("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

        private final int[] decmap = new int[256];

        Scheme(String alphabet) {
            java.util.Arrays.fill(decmap, 0xff);
            for (int i = 0; i < alphabet.length(); i++) {
                decmap[alphabet.charAt(i)] = i;
            }
        }
    }

    /**
     * What {@code base64_scheme_decode()} left: its return value (0 or 1 success, -1 error) and
     * the bytes appended to the destination buffer, complete or not.
     */
    public record Decoded(int ret, byte[] bytes) {
        public boolean ok() {
            return ret >= 0;
        }
    }

    private DovecotBase64() {
    }

    /** {@code base64_encode()}: standard alphabet with padding. */
    public static String encode(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    /** {@code base64_decode()} (flags 0): the decoded bytes, or null where it returns -1. */
    public static byte[] decode(byte[] src) {
        Decoded d = decode(Scheme.BASE64, 0, src);
        return d.ok() ? d.bytes() : null;
    }

    /**
     * {@code t_base64_decode_str()} and {@code t_base64_scheme_decode()}: the error is ignored, so
     * the result is whatever was decoded before the bad input or the unfinished tail.
     */
    public static byte[] decodeIgnoringErrors(Scheme scheme, int flags, byte[] src) {
        return decode(scheme, flags, src).bytes();
    }

    /** {@code base64_scheme_decode()}: {@code base64_decode_more()} on all of src, then {@code _finish()}. */
    public static Decoded decode(Scheme scheme, int flags, byte[] src) {
        Decoder dec = new Decoder(scheme, flags);
        int ret = dec.more(src);
        if (ret >= 0) {
            ret = dec.finish();
        }
        return new Decoded(ret, dec.out.toByteArray());
    }

    /** {@code IS_EMPTY()}: the whitespace base64 decoding skips. */
    private static boolean isEmpty(int c) {
        return c == '\n' || c == '\r' || c == ' ' || c == '\t';
    }

    /** {@code struct base64_decoder}, fed its input in one call. */
    private static final class Decoder {
        final Scheme b64;
        final int flags;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int subPos;
        int buf;
        boolean seenPadding;
        boolean failed;

        Decoder(Scheme b64, int flags) {
            this.b64 = b64;
            this.flags = flags;
        }

        private boolean has(int flag) {
            return (flags & flag) == flag;
        }

        private int skipWhitespace(byte[] src, int pos) {
            if (has(NO_WHITESPACE)) {
                return pos;
            }
            while (pos < src.length && isEmpty(src[pos] & 0xff)) {
                pos++;
            }
            return pos;
        }

        /** {@code base64_decode_more()} on a fresh decoder with all of the input. */
        int more(byte[] src) {
            boolean expectBoundary = has(EXPECT_BOUNDARY);
            boolean noWhitespace = has(NO_WHITESPACE);
            int ret = 1;
            int pos = 0;
            for (; !seenPadding && pos < src.length; pos++) {
                int in = src[pos] & 0xff;
                int dm = b64.decmap[in];
                if (dm == 0xff) {
                    if (noWhitespace || !isEmpty(in)) {
                        ret = -1;
                        break;
                    }
                    continue;
                }
                switch (subPos) {
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
                subPos = (subPos + 1) % 4;
            }
            if (ret < 0) {
                // try to parse the end (padding) of the base64 input
                ret = has(NO_PADDING) ? -1 : padding(src, pos);
            }
            if (ret < 0) {
                if (!expectBoundary) {
                    failed = true;
                } else {
                    ret = 0;
                }
            }
            return ret;
        }

        /** The padding part of {@code base64_decode_more()}, from the first byte outside the alphabet. */
        private int padding(byte[] src, int pos) {
            if (subPos < 2) {
                return -1; // no padding expected
            }
            if (subPos == 2) {
                if (src[pos] != '=') {
                    return -1;
                }
                seenPadding = true;
                subPos++;
                pos++;
                // skip any whitespace in the padding
                pos = skipWhitespace(src, pos);
                if (pos == src.length) {
                    return 1;
                }
            }
            if (src[pos] != '=') {
                return -1;
            }
            seenPadding = true;
            subPos = 0;
            pos = skipWhitespace(src, pos + 1);
            if (pos < src.length) {
                return -1;
            }
            return has(NO_WHITESPACE) ? 0 : 1;
        }

        /** {@code base64_decode_finish()}. */
        int finish() {
            if (failed) {
                return -1;
            }
            if (has(NO_PADDING) || has(IGNORE_PADDING)) {
                return 0;
            }
            return subPos == 0 ? 0 : -1;
        }
    }
}
