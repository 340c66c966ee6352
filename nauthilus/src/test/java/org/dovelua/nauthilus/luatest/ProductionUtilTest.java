package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dovelua.nauthilus.NauthilusMode.PRODUCTION;
import static org.dovelua.nauthilus.NauthilusMode.TEST;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production loads {@code nauthilus_util} as a Lua file found through {@code package.path}
 * (lualib/packagepath.go; server/lua-plugins.d/share/nauthilus_util.lua); test mode preloads its
 * mock (mocks.go), which lacks e.g. {@code toboolean} and {@code is_routable_ip}.
 */
class ProductionUtilTest {
    @TempDir
    Path dir;

    private static final String SCRIPT = "local util = require('nauthilus_util')\n"
            + "function nauthilus_call_action(request)\n"
            + "  nauthilus_builtin.custom_log_add('util', tostring(util.toboolean('FALSE')) .. ' '"
            + " .. tostring(util.is_routable_ip('10.1.2.3')) .. ' ' .. tostring(util.is_routable_ip('8.8.8.8')) .. ' '"
            + " .. tostring(util.exists_in_table({'a', 'b'}, 'b')))\n"
            + "  return nauthilus_builtin.ACTION_RESULT_OK\n"
            + "end\n";

    /** The real share file of a Nauthilus checkout (-Dnauthilus.checkout), as the working directory's share dir. */
    @Test
    void productionRequiresTheShareFileOfTheCheckout() throws IOException {
        String checkout = System.getProperty("nauthilus.checkout");
        assumeTrue(checkout != null && !checkout.isEmpty(), "set -Dnauthilus.checkout to a Nauthilus checkout");
        assumeTrue(Files.isRegularFile(Path.of(checkout, "server/lua-plugins.d/share/nauthilus_util.lua")));
        Path script = dir.resolve("util_user.lua");
        Files.writeString(script, SCRIPT);
        // absolute script path: package.path gets the working directory's server/lua-plugins.d/share/?.lua
        LuaTestRun prod = LuaTestRun.run(Path.of(checkout), script.toString(), "action", null, PRODUCTION);
        assertThat(prod.exit()).as(prod.stdout()).isZero();
        assertThat(prod.result().logs).containsExactly("[CUSTOM] util: false false true true");
        LuaTestRun test = LuaTestRun.run(Path.of(checkout), script.toString(), "action", null, TEST);
        assertThat(test.exit()).as("test mode's mock has no toboolean").isEqualTo(1);
    }

    /** A util file of our own on package.path is what production requires; test mode keeps its mock. */
    @Test
    void productionRequiresWhateverNauthilusUtilIsOnThePackagePath() throws IOException {
        Path share = Files.createDirectories(dir.resolve("server/lua-plugins.d/share"));
        Files.writeString(share.resolve("nauthilus_util.lua"),
                "local json = require('json')\nreturn { origin = function() return 'own file ' .. json.encode({1}) end }\n");
        Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(dir.resolve("plugins/own.lua"), "local util = require('nauthilus_util')\n"
                + "function nauthilus_call_action(r)\n"
                + "  nauthilus_builtin.custom_log_add('origin', util.origin and util.origin() or 'mock')\n"
                + "  return 0\nend\n");
        LuaTestRun prod = LuaTestRun.run(dir, "plugins/own.lua", "action", null, PRODUCTION);
        assertThat(prod.result().logs).containsExactly("[CUSTOM] origin: own file [1]");
        LuaTestRun test = LuaTestRun.run(dir, "plugins/own.lua", "action", null, TEST);
        assertThat(test.result().logs).containsExactly("[CUSTOM] origin: mock");
    }

    /** Without a util file on package.path, production's require fails as Lua's does. */
    @Test
    void productionWithoutAUtilFileCannotRequireIt() throws IOException {
        Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(dir.resolve("plugins/own.lua"), "local util = require('nauthilus_util')\n"
                + "function nauthilus_call_action(r) return 0 end\n");
        assertThat(LuaTestRun.run(dir, "plugins/own.lua", "action", null, TEST).exit()).isZero();
        LuaTestRun prod = LuaTestRun.run(dir, "plugins/own.lua", "action", null, PRODUCTION);
        assertThat(prod.exit()).isEqualTo(1);
        assertThat(prod.stderr()).startsWith("Error running test: failed to load Lua script: ")
                .contains("module nauthilus_util not found:\n\tno field package.preload['nauthilus_util']\n")
                .contains("stat server/lua-plugins.d/share/nauthilus_util.lua: no such file or directory");
    }

    /**
     * The util block serves both modes: its envs are the environment production's getenv reads
     * (os.getenv), and its expected_calls see the plugin's calls of the file's functions, top-level
     * ones included, but not util's calls of itself.
     */
    @Test
    void theUtilBlockIsTheEnvironmentAndItsExpectedCallsAreChecked() throws IOException {
        Path share = Files.createDirectories(dir.resolve("server/lua-plugins.d/share"));
        Files.writeString(share.resolve("nauthilus_util.lua"), "local M = {}\n"
                + "function M.getenv(name, default) return os.getenv(name) or default end\n"
                + "function M.log(logging, level, result) end\n"
                + "function M.log_info(logging, result) M.log(logging, 'info', result) end\n"
                + "return M\n");
        Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(dir.resolve("plugins/env.lua"), "local util = require('nauthilus_util')\n"
                + "local URL = util.getenv('BLOCKLIST_URL', 'none')\n"
                + "function nauthilus_call_action(r)\n"
                + "  util.log_info(r, {url = URL})\n"
                + "  nauthilus_builtin.custom_log_add('url', URL .. ' ' .. tostring(os.getenv('HOME')))\n"
                + "  return 0\nend\n");
        Files.writeString(dir.resolve("env.json"), "{\"util\": {\"envs\": {\"BLOCKLIST_URL\": \"http://bl.test\"},"
                + " \"expected_calls\": [{\"method\": \"getenv\", \"arg_contains\": \"BLOCKLIST\"},"
                + " {\"method\": \"log_info\", \"arg_contains\": \"info\"}]}}");
        LuaTestRun prod = LuaTestRun.run(dir, "plugins/env.lua", "action", "env.json", PRODUCTION);
        assertThat(prod.exit()).as(prod.stdout()).isZero();
        assertThat(prod.result().logs).containsExactly("[CUSTOM] url: http://bl.test nil");
        LuaTestRun test = LuaTestRun.run(dir, "plugins/env.lua", "action", "env.json", TEST);
        assertThat(test.exit()).as(test.stdout()).isZero();
        Files.writeString(dir.resolve("extra.json"), "{\"util\": {\"expected_calls\": [{\"method\": \"getenv\"}]}}");
        LuaTestRun extra = LuaTestRun.run(dir, "plugins/env.lua", "action", "extra.json", PRODUCTION);
        assertThat(extra.exit()).isEqualTo(1);
        assertThat(extra.result().errors).isNotEmpty();
    }
}
