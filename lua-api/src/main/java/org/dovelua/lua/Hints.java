package org.dovelua.lua;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Passes human hints ("add --mount ...") to the user, at most one per key (a normalised path),
 * so a script that reads a missing file per request does not flood the output.
 */
public final class Hints {
    private final Consumer<String> sink;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public Hints(Consumer<String> sink) {
        this.sink = sink;
    }

    public void once(String key, String text) {
        if (seen.add(key)) {
            sink.accept(text);
        }
    }
}
