package org.dovelua.lua.shim;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.dovelua.lua.SnippetSuite;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in {@code dkjson} (Debian's lua-dkjson 2.6, the file itself) against the same file under
 * the real {@code lua5.4}: each snippet of {@code shim/dkjson.txt} must print the same on both.
 */
class DkjsonSnippetsTest {
    static final SnippetSuite SUITE = new SnippetSuite("/shim/dkjson.txt", "dkjson").minimum(20)
            .realEnv("LUA_PATH", "/usr/share/lua/5.4/?.lua")
            .requiresOnRealSide(Path.of("/usr/share/lua/5.4/dkjson.lua"))
            .options(JsonSnippetsTest::withBuiltins);

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> snippetsPrintWhatDkjsonPrints() throws Exception {
        return SUITE.tests(dir, "dkjson-snippet-differences.txt");
    }
}
