package org.dovelua.soak;

/**
 * How much a soak's gauges may grow and still be flat: from the lowest sample between 20% and 40%
 * of the requests (start-up and warm-up are over by then: classes loaded, code compiled, pools
 * and the router's window of exchanges filled) to the lowest in the last 20%. The windows are at least 40% of
 * the requests apart: a leak of 25 bytes per request over a million requests exceeds the heap's default.
 */
public record Tolerance(long heapBytes, int fds, int threads) {
    public static final long MB = 1024L * 1024;
    /** The command line's defaults: 8 MB of heap, 8 descriptors, 8 threads. */
    public static final Tolerance DEFAULT = new Tolerance(8 * MB, 8, 8);
    /** Where the start window begins and how wide both windows are, as a fraction of the requests. */
    public static final double BASELINE_AT = 0.2;
}
