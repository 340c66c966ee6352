package org.dovelua.lua.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dovelua.lua.LuaRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.ZeroArgFunction;

/** require, package.*, loadfile and dofile through the sandbox, worded as Lua 5.4 words them. */
class SandboxPackageLibTest {
    @TempDir
    Path tmp;
    Path luaDir;
    VirtualFileSystem vfs;
    LuaRunner lua;

    @BeforeEach
    void setUp() throws IOException {
        luaDir = Files.createDirectories(tmp.resolve("lua"));
        Files.writeString(luaDir.resolve("base64.lua"), "return { encode = function(s) return 'b64:' .. s end }\n");
        Files.writeString(luaDir.resolve("helper.lua"), "#!/usr/bin/lua\nhelped = (helped or 0) + 1\nreturn ...\n");
        Files.writeString(luaDir.resolve("broken.lua"), "x = = 1\n");
        vfs = new VirtualFileSystem().mount("/etc/dovecot/lua", luaDir);
        lua = new LuaRunner(vfs);
    }

    @Test
    void requireFindsAMountedModuleOnACustomPath() {
        assertThat(lua.run("""
                package.path = package.path .. ";/etc/dovecot/lua/?.lua"
                local base64 = require("base64")
                local again, where = require("base64")
                return base64.encode("x"), base64 == again, where
                """)).containsExactly("b64:x", "true", "nil");
    }

    @Test
    void requireReturnsTheFileNameAsLoaderData() {
        assertThat(lua.run("""
                package.path = "/etc/dovecot/lua/?.lua"
                return require("helper")
                """)).containsExactly("helper", "/etc/dovecot/lua/helper.lua");
    }

    @Test
    void requireMissListsEveryPlaceLua54Tries() {
        assertThatThrownBy(() -> lua.run("require('nomod')"))
                .isInstanceOf(LuaError.class)
                .hasMessageEndingWith("""
                        module 'nomod' not found:
                        \tno field package.preload['nomod']
                        \tno file '/usr/local/share/lua/5.4/nomod.lua'
                        \tno file '/usr/local/share/lua/5.4/nomod/init.lua'
                        \tno file '/usr/local/lib/lua/5.4/nomod.lua'
                        \tno file '/usr/local/lib/lua/5.4/nomod/init.lua'
                        \tno file '/usr/share/lua/5.4/nomod.lua'
                        \tno file '/usr/share/lua/5.4/nomod/init.lua'
                        \tno file './nomod.lua'
                        \tno file './nomod/init.lua'
                        \tno file '/usr/local/lib/lua/5.4/nomod.so'
                        \tno file '/usr/lib/x86_64-linux-gnu/lua/5.4/nomod.so'
                        \tno file '/usr/lib/lua/5.4/nomod.so'
                        \tno file '/usr/local/lib/lua/5.4/loadall.so'
                        \tno file './nomod.so'""");
        assertThat(lua.hints).containsExactly("module 'nomod' not found: dovelua has no built-in 'nomod'."
                + " Either mount a pure-Lua copy on package.path,"
                + " e.g. --mount /usr/share/lua/5.4/nomod.lua=LOCAL_FILE, or ask for it to be built in: open an issue"
                + " on dovelua's issue tracker naming the module and the script that needs it");
    }

    @Test
    void dottedMissAlsoTriesTheCRoot() {
        assertThatThrownBy(() -> lua.run("require('a.b')"))
                .hasMessageContaining("\tno file '/usr/share/lua/5.4/a/b.lua'\n")
                .hasMessageEndingWith("\tno file './a/b.so'\n"
                        + "\tno file '/usr/local/lib/lua/5.4/a.so'\n"
                        + "\tno file '/usr/lib/x86_64-linux-gnu/lua/5.4/a.so'\n"
                        + "\tno file '/usr/lib/lua/5.4/a.so'\n"
                        + "\tno file '/usr/local/lib/lua/5.4/loadall.so'\n"
                        + "\tno file './a.so'");
    }

    @Test
    void syntaxErrorInAModuleIsAnErrorLoadingModule() {
        assertThatThrownBy(() -> lua.run("package.path = '/etc/dovecot/lua/?.lua'; require('broken')"))
                .hasMessageContaining("error loading module 'broken' from file '/etc/dovecot/lua/broken.lua':\n\t")
                .hasMessageContaining("broken.lua:1");
    }

    @Test
    void defaultPathsAreDebian12sLua54() {
        assertThat(lua.run("return package.path, package.cpath, luajava, package.loaded.luajava")).containsExactly(
                "/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;/usr/local/lib/lua/5.4/?.lua;"
                        + "/usr/local/lib/lua/5.4/?/init.lua;/usr/share/lua/5.4/?.lua;/usr/share/lua/5.4/?/init.lua;"
                        + "./?.lua;./?/init.lua",
                "/usr/local/lib/lua/5.4/?.so;/usr/lib/x86_64-linux-gnu/lua/5.4/?.so;/usr/lib/lua/5.4/?.so;"
                        + "/usr/local/lib/lua/5.4/loadall.so;./?.so",
                "nil", "nil");
    }

    @Test
    void javaClassesCannotBeRequired() {
        assertThatThrownBy(() -> lua.run("require('org.luaj.vm2.lib.jse.LuajavaLib')"))
                .hasMessageContaining("module 'org.luaj.vm2.lib.jse.LuajavaLib' not found:");
    }

    @Test
    void builtinModuleLoadsWhenNoFileIsMounted() {
        lua.sandbox.preload("base64", new ZeroArgFunction() {
            @Override
            public LuaValue call() {
                return LuaValue.tableOf(new LuaValue[] {LuaValue.valueOf("builtin"), LuaValue.TRUE});
            }
        });
        assertThat(lua.run("local m, data = require('base64'); return m.builtin, data"))
                .containsExactly("true", ":preload:");
    }

    @Test
    void mountedModuleFileWinsOverTheBuiltin() {
        lua.sandbox.preload("base64", new ZeroArgFunction() {
            @Override
            public LuaValue call() {
                return LuaValue.valueOf("builtin");
            }
        });
        assertThat(lua.run("""
                package.path = package.path .. ";/etc/dovecot/lua/?.lua"
                return require("base64").encode("y")
                """)).containsExactly("b64:y");
    }

    @Test
    void packagePreloadStillComesFirst() {
        assertThat(lua.run("package.preload.m = function(n, d) return n .. d end; return require('m')"))
                .containsExactly("m:preload:", ":preload:");
    }

    @Test
    void searchpathGoesThroughTheSandbox() {
        assertThat(lua.run("return package.searchpath('base64', '/x/?.lua;/etc/dovecot/lua/?.lua')"))
                .containsExactly("/etc/dovecot/lua/base64.lua");
        assertThat(lua.run("return package.searchpath('a.b', '/q/?.lua;/r/?')"))
                .containsExactly("nil", "no file '/q/a/b.lua'\n\tno file '/r/a/b'");
        assertThat(lua.hints).isEmpty();
    }

    @Test
    void loadfileAndDofileReadMountedFiles() {
        assertThat(lua.run("""
                local chunk = assert(loadfile("/etc/dovecot/lua/helper.lua"))
                local r = chunk("arg")
                dofile("/etc/dovecot/lua/helper.lua")
                return r, helped
                """)).containsExactly("arg", "2");
    }

    @Test
    void loadfileMissReturnsLua54sText() {
        assertThat(lua.run("return loadfile('/etc/dovecot/lua/nope.lua')"))
                .containsExactly("nil", "cannot open /etc/dovecot/lua/nope.lua: No such file or directory");
        assertThat(lua.run("return loadfile('/etc/dovecot/lua')"))
                .containsExactly("nil", "cannot read /etc/dovecot/lua: Is a directory");
        assertThat(lua.hints).containsExactly("/etc/dovecot/lua/nope.lua is not in " + luaDir
                + " (mounted at /etc/dovecot/lua)");
    }

    @Test
    void dofileMissRaisesTheTextAsIs() {
        assertThat(lua.run("return pcall(dofile, '/nope.lua')"))
                .containsExactly("false", "cannot open /nope.lua: No such file or directory");
    }

    @Test
    void loadfileReportsSyntaxErrors() {
        assertThat(lua.run("local f, err = loadfile('/etc/dovecot/lua/broken.lua'); return f, err"))
                .first().isEqualTo("nil");
        assertThat(lua.run("return select(2, loadfile('/etc/dovecot/lua/broken.lua'))").get(0))
                .contains("broken.lua:1");
    }

    @Test
    void globalsFinderResolvesThroughTheSandbox() {
        assertThat(lua.globals.finder.findResource("/etc/dovecot/lua/base64.lua")).isNotNull();
        assertThat(lua.globals.finder.findResource("/etc/passwd")).isNull();
    }

    /** LuaJ's own package.loadlib never returned (issue 17); these are ll_loadlib's answers. */
    @Test
    void loadlibAnswersInsteadOfHanging() throws Exception {
        Files.writeString(luaDir.resolve("x.so"), "not really ELF");
        assertThat(lua.run("return package.loadlib('/nowhere/x.so', 'luaopen_x')"))
                .containsExactly("nil", "/nowhere/x.so: cannot open shared object file: No such file or directory", "open");
        assertThat(lua.run("return package.loadlib('/etc/dovecot/lua/x.so', 'luaopen_x')"))
                .containsExactly("nil", "dynamic libraries not enabled; check your Lua installation", "absent");
        assertThat(lua.hints).anyMatch(h -> h.contains("dovelua cannot load C libraries"));
    }
}
