package org.dovelua.dict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dovelua.lua.dovecot.DovecotEvent;

/** A DictContext for dict module tests: the worker event's lines and the hints are kept. */
final class TestDictContext implements DictContext {
    final List<String> log = new ArrayList<>();
    final List<String> hints = new ArrayList<>();
    final DictFixtures fixtures = DictFixtures.none();
    boolean network;
    private final DovecotEvent event = DovecotEvent.root("auth-worker",
            (process, level, message) -> log.add(process + ": " + level.label() + ": " + message), false);

    TestDictContext fixture(String uri, Path data) {
        fixtures.add(uri, data);
        return this;
    }

    @Override
    public DovecotEvent event() {
        return event;
    }

    @Override
    public Optional<Path> resolve(String configPath) {
        return Optional.empty();
    }

    @Override
    public String baseDir() {
        return "/var/run/dovecot";
    }

    @Override
    public DictFixtures fixtures() {
        return fixtures;
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
