package org.dovelua.dict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline dictionaries a run was given ({@code --dict URI=FILE}, a case file's {@code dicts:},
 * {@code DoveluaBuilder.dict(uri, data)}): which URI each data file answers for. Each dict module
 * decides which of its own fixtures a configured URI reaches (redis: the same host and port;
 * proxy: the same dict name).
 */
public final class DictFixtures {
    /** One {@code URI=FILE}: the module ({@code redis}, {@code proxy}), the URI's arguments, the data. */
    public record Fixture(String module, String args, Path data) {
    }

    private final List<Fixture> fixtures = new ArrayList<>();

    public static DictFixtures none() {
        return new DictFixtures();
    }

    /** Adds {@code uri} answered from {@code data}; refuses a URI without a module. */
    public DictFixtures add(String uri, Path data) {
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("dict URI '" + uri + "' has no module: expected e.g."
                    + " redis:host=127.0.0.1:port=6379 or proxy::NAME");
        }
        fixtures.add(new Fixture(uri.substring(0, colon), uri.substring(colon + 1), data));
        return this;
    }

    /** The fixtures given for {@code module}, in the order they were given. */
    public List<Fixture> of(String module) {
        return fixtures.stream().filter(f -> f.module().equals(module)).toList();
    }

    public List<Fixture> all() {
        return List.copyOf(fixtures);
    }
}
