package org.dovelua.dict;

import java.nio.file.Files;
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

    /**
     * Adds {@code uri} answered from {@code data}. Only servers take data: a {@code file:} dict
     * reads its own file (through {@code --mount}).
     *
     * @throws IllegalArgumentException for another module or a data file that is not there
     */
    public DictFixtures add(String uri, Path data) {
        int colon = uri.indexOf(':');
        String module = colon < 0 ? "" : uri.substring(0, colon);
        if (!module.equals("redis") && !module.equals("proxy")) {
            throw new IllegalArgumentException("'" + uri + "': only redis: and proxy: dictionaries are answered from a"
                    + " data file, e.g. redis:host=127.0.0.1:port=6379 or proxy::authdb"
                    + (module.equals("file") ? " (a file: dict reads its own file: --mount it)" : ""));
        }
        if (!Files.isRegularFile(data)) {
            throw new IllegalArgumentException("the data file " + data + " does not exist");
        }
        // read now, so a bad data file is a usage error naming its line, not a failure at the first lookup
        if (module.equals("redis")) {
            try {
                RedisSeed.read(data);
            } catch (RedisSeedException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        } else {
            DictProxyData.read(data);
        }
        return addUnread(uri, data);
    }

    /** Adds {@code uri} without reading its data now (the module reads it when the dict opens: its own errors). */
    DictFixtures addUnread(String uri, Path data) {
        int colon = uri.indexOf(':');
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
