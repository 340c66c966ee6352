package org.dovelua.nauthilus.lib;

/** Go's unicode/utf8 DecodeRune: invalid or short sequences are (RuneError, 1). */
final class Utf8 {
    static final int RUNE_ERROR = 0xFFFD;

    private Utf8() {
    }

    /** {rune, width} of the sequence at {@code i}. */
    static int[] decode(byte[] b, int i) {
        int c0 = b[i] & 0xff;
        if (c0 < 0x80) {
            return new int[] {c0, 1};
        }
        int n;
        int min;
        int cp;
        if (c0 >= 0xC2 && c0 <= 0xDF) {
            n = 2; min = 0x80; cp = c0 & 0x1F;
        } else if (c0 >= 0xE0 && c0 <= 0xEF) {
            n = 3; min = 0x800; cp = c0 & 0x0F;
        } else if (c0 >= 0xF0 && c0 <= 0xF4) {
            n = 4; min = 0x10000; cp = c0 & 0x07;
        } else {
            return new int[] {RUNE_ERROR, 1};
        }
        if (i + n > b.length) {
            return new int[] {RUNE_ERROR, 1};
        }
        for (int k = 1; k < n; k++) {
            int c = b[i + k] & 0xff;
            if ((c & 0xC0) != 0x80) {
                return new int[] {RUNE_ERROR, 1};
            }
            cp = (cp << 6) | (c & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return new int[] {RUNE_ERROR, 1};
        }
        return new int[] {cp, n};
    }
}
