package org.dovelua.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dovelua.lua.sandbox.VirtualFileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cjson, base64 and luasql resolve by require without files, and a user's module file wins. */
class BuiltinModulesTest {
    static final Path NEXTCLOUD = Path.of("..", "..", "shared", "seed-scripts", "nextcloud-httpbasic.lua");

    @TempDir
    Path tmp;
    Path luaDir;
    LuaRunner lua;

    @BeforeEach
    void setUp() throws IOException {
        luaDir = Files.createDirectories(tmp.resolve("lua"));
        lua = new LuaRunner(new VirtualFileSystem().mount("/etc/dovecot/lua", luaDir));
        BuiltinModules.install(lua.sandbox);
    }

    @Test
    void bothResolveWithoutAnyFile() {
        assertThat(lua.run("""
                local cjson, where = require('cjson')
                local base64 = require('base64')
                return cjson.encode({a = base64.encode('x')}), where, require('cjson') == cjson
                """)).containsExactly("{\"a\":\"eA==\"}", ":preload:", "true");
        assertThat(lua.hints).isEmpty();
    }

    @Test
    void aMountedBase64OnTheExtendedPathWins() throws IOException {
        Files.writeString(luaDir.resolve("base64.lua"), "return { encode = function(s) return 'mine:' .. s end }\n");
        assertThat(lua.run("""
                package.path = package.path .. ";/etc/dovecot/lua/?.lua"
                local base64, where = require("base64")
                return base64.encode("u:p"), where
                """)).containsExactly("mine:u:p", "/etc/dovecot/lua/base64.lua");
    }

    @Test
    void aMountedCjsonOnTheDefaultPathWins() throws IOException {
        Path share = Files.createDirectories(tmp.resolve("share"));
        Files.writeString(share.resolve("cjson.lua"), "return { encode = function() return 'mine' end }\n");
        LuaRunner other = new LuaRunner(new VirtualFileSystem().mount("/usr/share/lua/5.4", share));
        BuiltinModules.install(other.sandbox);
        assertThat(other.run("return require('cjson').encode({})")).containsExactly("mine");
    }

    @Test
    void theLuasqlDriversResolveAndAMountedDriverFileWins() throws IOException {
        assertThat(lua.run("""
                local s, where = require("luasql.sqlite3")
                local m, p = require("luasql.mysql"), require("luasql.postgres")
                return type(s.sqlite3), type(m.mysql), type(p.postgres), where
                """)).containsExactly("function", "function", "function", ":preload:");
        Files.createDirectories(luaDir.resolve("luasql"));
        Files.writeString(luaDir.resolve("luasql/sqlite3.lua"), "return { sqlite3 = function() return 'mine' end }\n");
        assertThat(lua.run("""
                package.path = package.path .. ";/etc/dovecot/lua/?.lua"
                package.loaded["luasql.sqlite3"] = nil
                local m, where = require("luasql.sqlite3")
                return m.sqlite3(), where
                """)).containsExactly("mine", "/etc/dovecot/lua/luasql/sqlite3.lua");
    }

    @Test
    void theBuiltinStillLoadsWhenTheExtendedPathHasNoFile() {
        assertThat(lua.run("""
                package.path = package.path .. ";/etc/dovecot/lua/?.lua"
                local base64 = require("base64")
                return base64.encode("alice:secret")
                """)).containsExactly("YWxpY2U6c2VjcmV0");
    }

    @Test
    void jsonAndDkjsonAreTheInstalledFiles() {
        assertThat(lua.run("""
                local _, encwhere = require("json.encode")
                local _, decwhere = require("json.decode")
                local json, where = require("json")
                local dkjson, dkwhere = require("dkjson")
                return where, encwhere, decwhere, dkwhere, json.encode({1}), dkjson.encode({2})
                """)).containsExactly("/usr/share/lua/5.4/json.lua", "/usr/share/lua/5.4/json/encode.lua",
                ":preload:", "/usr/share/lua/5.4/dkjson.lua", "[1]", "[2]");
        // (dkjson's pcall(require, "debug") misses here: this runner's globals have no debug library)
        assertThat(lua.hints).noneMatch(h -> h.contains("json"));
    }

    @Test
    void aShippedFilesErrorsNameItsInstalledPath() {
        assertThat(lua.run("""
                local json = require("json")
                local t = {}
                t[1] = t
                return select(2, pcall(json.encode, t))
                """)).singleElement().asString().startsWith("/usr/share/lua/5.4/json/encode.lua:125");
    }

    @Test
    void aMountedLuajsonPartWinsOverTheShippedOne() throws IOException {
        Path share = Files.createDirectories(tmp.resolve("share/json"));
        Files.writeString(share.resolve("encode.lua"), "return setmetatable({}, {__call = function() return 'mine' end})\n");
        LuaRunner other = new LuaRunner(new VirtualFileSystem().mount("/usr/share/lua/5.4/json", share));
        BuiltinModules.install(other.sandbox);
        assertThat(other.run("return require('json').encode({}), require('json').decode('[5]')[1]"))
                .containsExactly("mine", "5");
    }

    /** The head of docker-mailserver's Nextcloud script, as it is, up to its require line. */
    @Test
    void theNextcloudSeedScriptsRequireLineFindsTheBuiltin() throws IOException {
        assumeTrue(Files.isRegularFile(NEXTCLOUD), "../shared/seed-scripts is absent");
        List<String> lines = Files.readAllLines(NEXTCLOUD);
        int require = lines.indexOf("local base64 = require(\"base64\")");
        assertThat(require).isPositive();
        String head = String.join("\n", lines.subList(0, require + 1));
        assertThat(lua.run(head + "\nreturn base64.encode('alice' .. ':' .. 'app-password')"))
                .containsExactly("YWxpY2U6YXBwLXBhc3N3b3Jk");
    }
}
