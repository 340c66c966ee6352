package org.dovelua.cases;

import org.dovelua.nauthilus.luatest.TestModeModules;

/**
 * The one place that turns a plugin case file's {@code version:} and {@code mode:} into the module
 * set its plugin runs with. Nauthilus 3.1's test mode is here; production mode (the production
 * module names and request table, nauthilus-spec.md §3.3) and the 2.x profile are not in this
 * build yet, and say so.
 */
public final class PluginModes {
    /** The versions a case file may name. */
    public static final java.util.List<String> VERSIONS = java.util.List.of("3.1", "2");
    /** The modes a case file may name; {@code production} is the default (issue 14). */
    public static final java.util.List<String> MODES = java.util.List.of("production", "test");
    public static final String DEFAULT_MODE = "production";
    public static final String DEFAULT_VERSION = "3.1";

    private PluginModes() {
    }

    /** The modules for {@code version} and {@code mode}; an IllegalArgumentException says what is missing. */
    public static TestModeModules modules(String version, String mode) {
        if (!"test".equals(mode)) {
            throw new IllegalArgumentException("mode: production: production mode is not in this build yet"
                    + " (write mode: test to run the plugin with Nauthilus's test-mode modules)");
        }
        if (!"3.1".equals(version)) {
            throw new IllegalArgumentException("version: " + version + ": the Nauthilus " + version
                    + ".x profile is not in this build yet (write version: \"3.1\")");
        }
        return TestModeModules.standard();
    }
}
