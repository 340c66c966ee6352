package org.dovelua.testkit;

import java.util.Random;

/**
 * The budget of the seeded property and fuzz tests. A normal build runs each with its own small
 * number of seeds; {@code -Dfuzz.scale=N} runs N times as many (new seeds after the usual ones, so
 * a failure names a seed that reproduces at any scale). The longer run is a documented command
 * (docs/testing.md), not part of the build.
 */
public final class Fuzz {
    private Fuzz() {
    }

    /** {@code normal} times {@code fuzz.scale} (1 unless set). */
    public static int runs(int normal) {
        long scale = Math.max(1, Long.getLong("fuzz.scale", 1));
        return (int) Math.min(Integer.MAX_VALUE, normal * scale);
    }

    /**
     * One to four random edits of {@code input}: a byte replaced (by a random byte or by one of
     * {@code alphabet}), inserted, deleted, or a slice repeated, as byte-level fuzzers mutate.
     */
    public static byte[] mutate(Random r, byte[] input, byte[] alphabet) {
        byte[] b = input;
        for (int n = 1 + r.nextInt(4); n > 0; n--) {
            int at = b.length == 0 ? 0 : r.nextInt(b.length);
            byte c = alphabet.length > 0 && r.nextBoolean() ? alphabet[r.nextInt(alphabet.length)] : (byte) r.nextInt(256);
            switch (r.nextInt(4)) {
                case 0 -> {
                    if (b.length > 0) {
                        b = b.clone();
                        b[at] = c;
                    }
                }
                case 1 -> b = splice(b, at, 0, new byte[] {c});
                case 2 -> b = b.length == 0 ? b : splice(b, at, 1, new byte[0]);
                default -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(8));
                    byte[] slice = new byte[Math.max(0, len)];
                    System.arraycopy(b, at, slice, 0, slice.length);
                    b = splice(b, at, 0, slice);
                }
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
