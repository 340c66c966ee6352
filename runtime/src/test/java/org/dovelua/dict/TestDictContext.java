package org.dovelua.dict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dovelua.lua.dovecot.DovecotEvent;

/** A DictContext for tests: the worker's log lines and hints collected, mounts given by hand. */
final class TestDictContext implements DictContext {
    final List<String> log = new ArrayList<>();
    final List<String> hints = new ArrayList<>();
    final Map<String, Path> mounts = new HashMap<>();
    final DictFixtures fixtures = DictFixtures.none();
    private final DovecotEvent worker = DovecotEvent.root("auth-worker",
            (process, level, message) -> log.add((process + ": " + level.label() + ": " + message)
                    .replaceAll("\\(pid=\\d+,uid=\\d+\\)", "(pid=N,uid=N)")), false);

    TestDictContext mount(String configPath, Path host) {
        mounts.put(configPath, host);
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
    public boolean allowNetwork() {
        return false;
    }

    @Override
    public void hint(String line) {
        hints.add(line);
    }
}
