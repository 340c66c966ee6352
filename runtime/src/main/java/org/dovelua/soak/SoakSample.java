package org.dovelua.soak;

/** The gauges after {@code requests} requests, {@code elapsedNanos} into the run. */
public record SoakSample(long requests, long heapAfterGc, int openFds, int threads, long elapsedNanos) {
}
