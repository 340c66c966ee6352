package org.dovelua.soak;

import java.util.List;

/**
 * The order a soak sends its requests in: smooth weighted round robin (as nginx balances
 * upstreams), so each kind comes at evenly spread points and every cycle of (sum of weights)
 * requests holds each kind exactly its weight's times. Deterministic: the same mix, the same order.
 */
public final class SoakMix {
    private final List<SoakRequest> requests;
    private final long[] current;
    private final long total;

    public SoakMix(List<SoakRequest> requests) {
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("a soak needs at least one request");
        }
        this.requests = List.copyOf(requests);
        this.current = new long[requests.size()];
        this.total = requests.stream().mapToLong(SoakRequest::weight).sum();
    }

    public List<SoakRequest> requests() {
        return requests;
    }

    /** The index (in {@link #requests()}) of the next request to send. */
    public int next() {
        int best = 0;
        for (int i = 0; i < current.length; i++) {
            current[i] += requests.get(i).weight();
            if (current[i] > current[best]) {
                best = i;
            }
        }
        current[best] -= total;
        return best;
    }
}
