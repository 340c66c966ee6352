package org.dovelua.dict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dovelua.lua.dovecot.DovecotEvent;

/**
 * A DictContext for dict module tests: the worker's log lines (connection pids normalised) and
 * the hints are kept; mounts, fixtures and network access are given by hand.
 */
final class TestDictContext implements DictContext {
    final List<String> log = new ArrayList<>();
    final List<String> hints = new ArrayList<>();
    final Map<String, Path> mounts = new HashMap<>();
    final DictFixtures fixtures = DictFixtures.none();
    boolean network;
    /** Dovecot's dict service, when a test starts one. */
    DictService dictService;
    private final DovecotEvent worker = DovecotEvent.root("auth-worker",
            (process, level, message) -> log.add((process + ": " + level.label() + ": " + message)
                    .replaceAll("\\(pid=\\d+,uid=\\d+\\)", "(pid=N,uid=N)")), false);

    TestDictContext mount(String configPath, Path host) {
        mounts.put(configPath, host);
        return this;
    }

    TestDictContext fixture(String uri, Path data) {
        fixtures.addUnread(uri, data);
        return this;
    }

    @Override
    public DovecotEvent event() {
        return worker;
    }

    @Override
    public Optional<Path> resolve(String configPath) {
        return Optional.ofNullable(mounts.get(configPath));
    }

    @Override
    public String baseDir() {
        return "/run/dovecot";
    }

    @Override
    public DictFixtures fixtures() {
        return fixtures;
    }

    @Override
    public Optional<DictService> dictService() {
        return Optional.ofNullable(dictService);
    }

    @Override
    public boolean allowNetwork() {
        return network;
    }

    @Override
    public void hint(String line) {
        hints.add(line);
    }
}
