package org.dovelua.lua.shim;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.dovelua.lua.BuiltinModules;
import org.dovelua.lua.SnippetSuite;
import org.dovelua.lua.sandbox.SandboxLib;
import org.dovelua.lua.sandbox.VirtualFileSystem;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in {@code json} (luajson 1.3.4) against Debian's lua-json under the real {@code lua5.4}:
 * each snippet of {@code shim/json.txt} must print the same on both. Debian ships lua-json for Lua
 * 5.1 to 5.3 only, so the real side reads it from the 5.3 tree (it runs unchanged on 5.4 with
 * lua-lpeg for 5.4) and its error positions are rewritten to the 5.4 tree dovelua names.
 */
class JsonSnippetsTest {
    static final SnippetSuite SUITE = new SnippetSuite("/shim/json.txt", "json (luajson)").minimum(40)
            .realEnv("LUA_PATH", "/usr/share/lua/5.3/?.lua;;")
            .requiresOnRealSide(Path.of("/usr/share/lua/5.3/json/decode.lua"))
            .requiresOnRealSide(Path.of("/usr/lib/x86_64-linux-gnu/lua/5.4/lpeg.so"))
            .normalizeReal(line -> line.replace("/usr/share/lua/5.3/", "/usr/share/lua/5.4/"))
            .options(JsonSnippetsTest::withBuiltins);

    /** The snippet options with dovelua's built-in modules, as the auth process installs them. */
    static org.dovelua.lua.ScriptOptions withBuiltins() {
        return SnippetSuite.defaultOptions()
                .sandbox(g -> g.load(BuiltinModules.install(new SandboxLib(new VirtualFileSystem(), hint -> { }))));
    }

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> snippetsPrintWhatLuajsonPrints() throws Exception {
        return SUITE.tests(dir, "json-snippet-differences.txt");
    }
}
