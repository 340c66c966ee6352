package org.dovelua.nauthilus.luatest;

/**
 * One {@code <name>_wrapper.lua} / {@code <name>_test.json} pair of a plugin directory, with the
 * paths as the runner is given them (the directory argument joined with the file's path below it,
 * as Nauthilus's {@code scripts/run-lua-plugin-tests.sh} passes them). {@code problem} is set, and
 * the pair cannot run, when its fixture or wrapper is missing or its kind cannot be told from the name.
 */
public record PluginPair(String name, String directory, String script, String fixture, CallbackKind kind,
        String problem) {
    public boolean runnable() {
        return problem == null;
    }
}
