package org.dovelua.lua.gopher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.dovelua.lua.lua54.vm.LuaDialect;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

class GopherStateTest {
    @Test
    void callRunsOnTheStatesThreadWithTheGopherDialect() {
        try (GopherState s = GopherState.create()) {
            assertThat(s.dialect()).isEqualTo(LuaDialect.GOPHER51);
            assertThat(s.call(() -> Thread.currentThread().getName())).isEqualTo("gopher-lua");
            // a call from inside a call runs inline instead of waiting on itself
            assertThat(s.call(() -> s.call(() -> 7))).isEqualTo(7);
        }
        assertThat(LuaDialect.current()).isEqualTo(LuaDialect.LUA54);
    }

    @Test
    void loadNamesTheChunkAndRaisesSyntaxErrors() {
        try (GopherState s = GopherState.create()) {
            LuaValue r = s.call(() -> s.load("@plugin.lua", "return debug.getinfo(1, 'S').short_src"
                    .getBytes(StandardCharsets.UTF_8)).call());
            assertThat(r.tojstring()).isEqualTo("plugin.lua");
            assertThatThrownBy(() -> s.load("@bad.lua", "x = = 1".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(LuaError.class).hasMessageContaining("bad.lua:1");
            // 5.4 syntax is not 5.1's: no integer division, no bitwise operators
            assertThatThrownBy(() -> s.load("@b.lua", "return 7 // 2".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(LuaError.class);
        }
    }

    @Test
    void runtimeErrorsCarryGophersPositionWithoutATraceback() {
        assertThat(GopherRun.lines("local ok, e = pcall(error, 'boom')\nprint(e)\nprint(pcall(function() error('x') end))"))
                .containsExactly("boom", "false\tt.lua:3: x");
    }

    @Test
    void noProcessesAndNoExit() {
        assertThat(GopherRun.lines("print(pcall(os.execute, 'true'))\nprint(pcall(os.exit, 1))\nprint(pcall(io.popen, 'ls'))"))
                .containsExactly(
                        "false\tos.execute is not available offline (dovelua runs no processes and keeps the JVM)",
                        "false\tos.exit is not available offline (dovelua runs no processes and keeps the JVM)",
                        "false\tio.popen is not available offline (dovelua runs no processes and keeps the JVM)");
    }

    @Test
    void readsTheRealFileSystem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("data.txt");
        java.nio.file.Files.writeString(f, "hello\n");
        String path = f.toString().replace("\\", "\\\\");
        assertThat(GopherRun.lines("local h = io.open('" + path + "') print(h:read('*l')) h:close()"))
                .containsExactly("hello");
    }

    @Test
    void requireSearchesLoadedThenPreloadThenPackagePathAsGopherDoes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("mod.lua"), "#!/usr/bin/lua\nlocal n = ...\nreturn {name = n}\n");
        java.nio.file.Files.writeString(dir.resolve("flag.lua"), "x_loaded = true\n");
        String path = dir.toString().replace("\\", "\\\\");
        assertThat(GopherRun.lines("package.path = '" + path + "/?.lua'\n"
                + "print(require('mod').name, require('mod') == require('mod'))\n"
                + "package.preload.mod2 = function(n) return {pre = n} end\n"
                + "print(require('mod2').pre)\n"
                + "package.loaded.mod3 = {own = true}\n"
                + "print(require('mod3').own)\n"
                + "print(require('flag'), x_loaded)\n"
                + "print(type(package.loaders), #package.loaders, package.searchers)\n"
                + "local ok, e = pcall(require, 'nope')\n"
                + "print(e)"))
                .containsExactly("mod\ttrue", "mod2", "true", "true\ttrue", "table\t2\tnil",
                        "module nope not found:", "\tno field package.preload['nope']",
                        "\tstat " + dir + "/nope.lua: no such file or directory, ");
    }

    @Test
    void packagePathIsLuaPathOrGophersDefaultAsLoGetPathReadsIt() {
        String dflt = "./?.lua;/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua";
        assertThat(GopherRequire.path(null)).isEqualTo(dflt);
        assertThat(GopherRequire.path("")).isEqualTo(dflt);
        assertThat(GopherRequire.path("share/?.lua")).isEqualTo("share/?.lua");
        assertThat(GopherRequire.path("share/?.lua;;")).isEqualTo("share/?.lua;" + dflt + ";");
        if (System.getenv("LUA_PATH") == null) {
            assertThat(GopherRun.lines("print(package.path, package.cpath == '')")).containsExactly(dflt + "\ttrue");
        }
    }
}
