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
 * {@code luasql.sqlite3} against Debian's lua-sql-sqlite3 under lua5.4: each snippet of
 * {@code shim/luasql-sqlite3.txt} must print the same on both. Both run in the same temporary
 * directory; dovelua's sandbox there is the real file system ({@code --allow-fs}), so database
 * files are created and removed as on the real side.
 */
class LuaSqlSqlite3Test {
    static final SnippetSuite SUITE = new SnippetSuite("/shim/luasql-sqlite3.txt", "luasql.sqlite3")
            .minimum(40)
            .requiresOnRealSide(Path.of("/usr/lib/x86_64-linux-gnu/lua/5.4/luasql/sqlite3.so"))
            .optionsIn(dir -> SnippetSuite.defaultOptions().sandbox(g -> g.load(BuiltinModules.install(
                    new SandboxLib(new VirtualFileSystem().allowRealFs(true).currentDirectory(dir.toString()),
                            hint -> { })))));

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> snippetsPrintWhatLuaSqlPrints() throws Exception {
        return SUITE.tests(dir, "luasql-sqlite3-differences.txt");
    }
}
