package org.dovelua.lua.coverage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * The coverage of one run ({@code dovelua test --coverage}): every state started during it gets
 * its own {@link LineHook} (no locking on the hot path), and {@link #collect} merges their counts
 * by file once the run's workers have ended. The result is the same whatever worker ran which
 * case: counts are summed per file and line, files ordered by path.
 */
public final class Coverage {
    private final ConcurrentLinkedQueue<LineHook> states = new ConcurrentLinkedQueue<>();

    /** The hook for a new state; {@code files} finds a path the script sees on this machine. */
    public LineHook newState(Function<String, Optional<Path>> files) {
        LineHook h = new LineHook(files);
        states.add(h);
        return h;
    }

    /**
     * Every file the states ran, ordered by path: its executable lines with their counts and its
     * {@code if} arms. A file that no longer compiles (changed since) is left out.
     */
    public List<FileCoverage> collect() {
        Map<Path, TreeMap<Integer, Long>> hits = new TreeMap<>();
        for (LineHook h : states) {
            h.addTo(hits);
        }
        List<FileCoverage> out = new ArrayList<>();
        for (Map.Entry<Path, TreeMap<Integer, Long>> e : hits.entrySet()) {
            String source;
            try {
                source = new String(Files.readAllBytes(e.getKey()), java.nio.charset.StandardCharsets.ISO_8859_1);
            } catch (IOException ex) {
                continue;
            }
            FileCoverage.of(e.getKey(), source, e.getValue()).ifPresent(out::add);
        }
        return out;
    }
}
