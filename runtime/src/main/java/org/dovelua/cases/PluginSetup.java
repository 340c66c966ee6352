package org.dovelua.cases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.dovelua.nauthilus.luatest.CallbackKind;

/**
 * A Nauthilus plugin case file's {@code nauthilus:} setup: the plugin, its kind, the Nauthilus
 * version and mode it runs under, and the fixture its mock modules read (Nauthilus's
 * {@code --test-mock} JSON, server/testing/luatest/types.go {@code MockData}).
 *
 * @param caseFile the case file; its directory is the plugin's working directory (relative paths resolve there)
 * @param plugin the plugin file as written, relative to the case file (as {@code --test-lua} takes it)
 * @param kind the callback kind ({@code --test-callback})
 * @param version the Nauthilus version profile ({@code 3.1})
 * @param mode the module set: {@code test} (Nauthilus's test mode); see {@link PluginModes}
 * @param fixture the fixture's blocks, each case's own blocks replacing these
 * @param fixtureFile the fixture's JSON file, or null when written inline
 */
public record PluginSetup(Path caseFile, String plugin, CallbackKind kind, String version, String mode, ObjectNode fixture,
        Path fixtureFile) {
    /** The working directory: the case file's. */
    public Path dir() {
        return caseFile.getParent();
    }

    /** The plugin's local path. */
    public Path pluginFile() {
        return dir().resolve(plugin).normalize();
    }
}
