package org.dovelua.nauthilus.lib;

import java.io.ByteArrayOutputStream;

/**
 * Go's encoding/base64 {@code Encoding} (StdEncoding, URLEncoding and their Raw forms, or a custom
 * alphabet): EncodeToString, and DecodeString with its non-strict rules (\r and \n skipped) and
 * {@code CorruptInputError} text {@code illegal base64 data at input byte N}.
 */
final class GoBase64 {
    static final String STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    static final String URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final String alphabet;
    private final boolean padded;
    private final int[] decodeMap = new int[256];

    GoBase64(String alphabet, boolean padded) {
        this.alphabet = alphabet;
        this.padded = padded;
        java.util.Arrays.fill(decodeMap, -1);
        for (int i = 0; i < alphabet.length(); i++) {
            decodeMap[alphabet.charAt(i) & 0xff] = i;
        }
    }

    static final class CorruptInput extends Exception {
        CorruptInput(long offset) {
            super("illegal base64 data at input byte " + offset, null, false, false);
        }
    }

    String encode(byte[] src) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (; i + 3 <= src.length; i += 3) {
            int v = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | (src[i + 2] & 0xff);
            sb.append(alphabet.charAt(v >> 18 & 63)).append(alphabet.charAt(v >> 12 & 63))
                    .append(alphabet.charAt(v >> 6 & 63)).append(alphabet.charAt(v & 63));
        }
        int rem = src.length - i;
        if (rem > 0) {
            int v = (src[i] & 0xff) << 16 | (rem == 2 ? (src[i + 1] & 0xff) << 8 : 0);
            sb.append(alphabet.charAt(v >> 18 & 63)).append(alphabet.charAt(v >> 12 & 63));
            if (rem == 2) {
                sb.append(alphabet.charAt(v >> 6 & 63));
            } else if (padded) {
                sb.append('=');
            }
            if (padded) {
                sb.append('=');
            }
        }
        return sb.toString();
    }

    /** base64.go decodeQuantum, quantum by quantum. */
    byte[] decode(byte[] src) throws CorruptInput {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int si = 0;
        while (true) {
            int[] dbuf = new int[4];
            int dlen = 4;
            int j = 0;
            boolean end = false;
            while (j < 4) {
                if (si == src.length) {
                    if (j == 0) {
                        return out.toByteArray();
                    }
                    if (j == 1 || padded) {
                        throw new CorruptInput(si - j);
                    }
                    dlen = j;
                    end = true;
                    break;
                }
                int in = src[si] & 0xff;
                si++;
                if (in == '\n' || in == '\r') {
                    continue;
                }
                int d = decodeMap[in];
                if (d >= 0) {
                    dbuf[j++] = d;
                    continue;
                }
                if (in != '=' || !padded) {
                    throw new CorruptInput(si - 1);
                }
                // padding
                switch (j) {
                    case 0:
                    case 1:
                        throw new CorruptInput(si - 1);
                    case 2:
                        while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
                            si++;
                        }
                        if (si == src.length) {
                            throw new CorruptInput(src.length);
                        }
                        if (src[si] != '=') {
                            throw new CorruptInput(si - 1);
                        }
                        si++;
                        break;
                    default:
                        break;
                }
                while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
                    si++;
                }
                if (si < src.length) {
                    throw new CorruptInput(si);
                }
                dlen = j;
                end = true;
                break;
            }
            int v = dbuf[0] << 18 | dbuf[1] << 12 | dbuf[2] << 6 | dbuf[3];
            int n = dlen == 4 ? 3 : dlen == 3 ? 2 : 1;
            out.write(v >> 16 & 0xff);
            if (n > 1) {
                out.write(v >> 8 & 0xff);
            }
            if (n > 2) {
                out.write(v & 0xff);
            }
            if (end) {
                return out.toByteArray();
            }
        }
    }
}
