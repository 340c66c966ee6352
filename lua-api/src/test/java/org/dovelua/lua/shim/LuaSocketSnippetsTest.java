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
 * LuaSocket and LuaSec's {@code ssl.https} against Debian's real lua-socket 3.1.0 and lua-sec 1.2.0
 * under {@code lua5.4}, for everything that needs no network: {@code socket.url}, {@code ltn12},
 * {@code mime} and its C core, {@code socket.core}'s helpers, and the answer to a host that does
 * not resolve (every host, on both sides: the real one has no network here, dovelua no stub).
 */
class LuaSocketSnippetsTest {
    static final SnippetSuite SUITE = new SnippetSuite("/shim/luasocket.txt", "LuaSocket")
            .minimum(40)
            .requiresOnRealSide(Path.of("/usr/share/lua/5.4/socket/http.lua"))
            .requiresOnRealSide(Path.of("/usr/share/lua/5.4/ssl/https.lua"))
            .options(() -> SnippetSuite.defaultOptions()
                    .sandbox(g -> g.load(BuiltinModules.install(new SandboxLib(new VirtualFileSystem(), h -> { })))));

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> snippetsPrintWhatLuaSocketPrints() throws Exception {
        return SUITE.tests(dir, "luasocket-differences.txt");
    }
}
