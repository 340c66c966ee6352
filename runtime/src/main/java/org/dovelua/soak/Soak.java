package org.dovelua.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.dovelua.api.Dovelua;
import org.dovelua.api.Result;

/**
 * {@code dovelua soak}: sends {@code requests} requests of a {@link SoakMix} to one long-lived
 * {@link Dovelua} instance, each through {@link Dovelua#run} as any other request, and samples
 * the {@link Gauges} before the first request and after every {@code requests / samples} (issue 17:
 * a long-lived instance must not leak, however often its script times out or its process restarts).
 */
public final class Soak {
    private final Dovelua dovelua;
    private final SoakMix mix;
    private final Gauges gauges;

    public Soak(Dovelua dovelua, SoakMix mix, Gauges gauges) {
        this.dovelua = dovelua;
        this.mix = mix;
        this.gauges = gauges;
    }

    /** Runs the soak; {@code onSample} sees each sample as it is taken (the command line prints them). */
    public SoakReport run(long requests, int samples, Tolerance tolerance, Consumer<SoakSample> onSample) {
        if (requests < 1 || samples < 2 || samples > requests) {
            throw new IllegalArgumentException("a soak needs at least one request and 2..requests samples");
        }
        List<SoakRequest> kinds = mix.requests();
        Map<String, Map<String, Long>> outcomes = new LinkedHashMap<>();
        kinds.forEach(k -> outcomes.put(k.label(), new TreeMap<>()));
        List<SoakSample> taken = new ArrayList<>();
        long start = System.nanoTime();
        Consumer<Long> sample = done -> {
            SoakSample s = new SoakSample(done, gauges.heapAfterGc(), gauges.openFds(), gauges.threads(),
                    System.nanoTime() - start);
            taken.add(s);
            onSample.accept(s);
        };
        sample.accept(0L);
        int next = 1;
        for (long i = 1; i <= requests; i++) {
            SoakRequest k = kinds.get(mix.next());
            Result r = dovelua.run(k.command());
            outcomes.get(k.label()).merge(r.result(), 1L, Long::sum);
            if (i == requests || i >= requests * next / samples) {
                sample.accept(i);
                next++;
            }
        }
        return new SoakReport(requests, taken, outcomes, tolerance);
    }
}
