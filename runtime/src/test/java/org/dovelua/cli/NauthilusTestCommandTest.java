package org.dovelua.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dovelua nauthilus test}: main.go runLuaTest's flag checks, texts and exit codes. */
class NauthilusTestCommandTest {
    @TempDir
    Path dir;

    private String write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    @Test
    void missingScriptOrKindOrABadKind() {
        Main.Result none = Main.capture("nauthilus", "test");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.stderr()).isEqualTo("Error: --test-lua flag requires a script path\n");
        Main.Result noKind = Main.capture("nauthilus", "test", "--test-lua", "x.lua");
        assertThat(noKind.exitCode()).isEqualTo(1);
        assertThat(noKind.stderr()).isEqualTo(
                "Error: --test-callback flag is required (subject, environment, action, backend, hook, cache_flush)\n");
        Main.Result bad = Main.capture("nauthilus", "test", "--test-lua", "x.lua", "--test-callback", "filter");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr()).isEqualTo(
                "Error: invalid callback type 'filter'. Valid types: subject, environment, action, backend, hook, cache_flush\n");
        assertThat(bad.stdout()).isEmpty();
    }

    @Test
    void passingAndFailingRuns() throws Exception {
        String script = write("a.lua", "function nauthilus_call_action(r) return nauthilus_builtin.ACTION_RESULT_OK end");
        String pass = write("pass.json", "{\"expected_output\": {\"action_result\": true}}");
        String fail = write("fail.json", "{\"expected_output\": {\"action_result\": false}}");
        Main.Result ok = Main.capture("nauthilus", "test", "--test-lua", script, "--test-callback", "action",
                "--test-mock", pass);
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.stdout()).isEqualTo("\n=== Lua Script Test Results ===\nScript: " + script
                + "\nCallback Type: action\nSuccess: true\n\nAction Result: true\n\n===============================\n");
        Main.Result ko = Main.capture("nauthilus", "test", "--test-lua", script, "--test-callback", "action",
                "--test-mock", fail);
        assertThat(ko.exitCode()).isEqualTo(1);
        assertThat(ko.stdout()).contains("Success: false\n").contains("  \u2717 action result mismatch: expected false, got true\n");
        Main.Result noMock = Main.capture("nauthilus", "test", "--test-lua", script, "--test-callback", "action");
        assertThat(noMock.exitCode()).isZero();
    }

    @Test
    void loadAndFixtureErrorsGoToStderr() throws Exception {
        String broken = write("broken.lua", "function (");
        Main.Result load = Main.capture("nauthilus", "test", "--test-lua", broken, "--test-callback", "action");
        assertThat(load.exitCode()).isEqualTo(1);
        assertThat(load.stdout()).isEmpty();
        assertThat(load.stderr()).startsWith("Error running test: failed to load Lua script: ");
        String script = write("s.lua", "function nauthilus_call_action(r) end");
        String badFixture = write("bad.json", "{\"context\": 1}");
        Main.Result fixture = Main.capture("nauthilus", "test", "--test-lua", script, "--test-callback", "action",
                "--test-mock", badFixture);
        assertThat(fixture.exitCode()).isEqualTo(1);
        assertThat(fixture.stderr()).isEqualTo("Error creating test runner: failed to load mock data: failed to parse mock "
                + "data JSON: json: cannot unmarshal number into Go struct field MockData.context of type luatest.ContextMock\n");
    }

    @Test
    void helpText() {
        Main.Result help = Main.capture("nauthilus", "test", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("--test-lua=SCRIPT", "--test-callback=KIND", "--test-mock=FIXTURE.json",
                "subject, environment, action, backend, hook or",
                "      --test-lua testdata/lua/plugins/cache_flush_wrapper.lua \\\n");
        assertThat(Main.capture("--help").stdout()).contains("nauthilus");
    }

    @Test
    void nauthilusVersionSelectsTheProfile() throws Exception {
        String script = write("f.lua", "dynamic_loader('nauthilus_context')\n"
                + "function nauthilus_call_feature(r)\n"
                + "  return nauthilus_builtin.FEATURE_TRIGGER_YES, nauthilus_builtin.FEATURES_ABORT_NO, nauthilus_builtin.FEATURE_RESULT_OK\n"
                + "end\n");
        for (String v : new String[] {"2", "2.x", "2.1"}) {
            Main.Result ok = Main.capture("nauthilus", "test", "--nauthilus-version", v, "--test-lua", script,
                    "--test-callback", "environment");
            assertThat(ok.exitCode()).as(v).isZero();
            assertThat(ok.stdout()).contains("Environment Triggered: true\nEnvironment Abort: false\nEnvironment Result: 0\n");
        }
        Main.Result v31 = Main.capture("nauthilus", "test", "--test-lua", script, "--test-callback", "environment");
        assertThat(v31.exitCode()).isEqualTo(1);
        assertThat(v31.stderr()).isEqualTo("Error running test: failed to load Lua script: " + script
                + ":1: attempt to call a non-function object\n");
    }

    @Test
    void aBadNauthilusVersionIsAUsageError() {
        Main.Result bad = Main.capture("nauthilus", "test", "--nauthilus-version", "1.12", "--test-lua", "x.lua",
                "--test-callback", "action");
        assertThat(bad.exitCode()).isEqualTo(64); // Exits.USAGE (sysexits EX_USAGE)
        assertThat(bad.stderr()).startsWith("dovelua: Invalid value for option '--nauthilus-version': '1.12' is not a"
                + " Nauthilus version; accepted: 3.1, 3.0, 2 (also 2.x, 2.0, 2.1, 3.1.x, 3.0.x)\n");
        assertThat(bad.stdout()).isEmpty();
    }

    @Test
    void modeSelectsTestProductionOrBoth() throws Exception {
        String script = write("b.lua", "function nauthilus_backend_verify_password(r)\n"
                + " local b = nauthilus_backend_result.new()\n b.authenticated = true\n return 0, b end\n"
                + "function nauthilus_backend_list_accounts(r) return 0, {'alice', 'bob'} end");
        Main.Result dflt = Main.capture("nauthilus", "test", "--test-lua", script, "--test-callback", "backend");
        assertThat(dflt.exitCode()).as("test mode stays the default").isZero();
        Main.Result prod = Main.capture("nauthilus", "test", "--mode", "production", "--test-lua", script,
                "--test-callback", "backend");
        assertThat(prod.exitCode()).isEqualTo(1);
        assertThat(prod.stdout()).contains("Success: false\n").contains(script + ":3: attempt to index a ");
        Main.Result list = Main.capture("nauthilus", "test", "--mode", "production", "--test-lua", script,
                "--test-callback", "backend_list_accounts");
        assertThat(list.exitCode()).isZero();
        assertThat(list.stdout()).contains("Callback Type: backend_list_accounts\n").contains("Backend Accounts: [alice bob]\n");
        Main.Result testList = Main.capture("nauthilus", "test", "--test-lua", script, "--test-callback",
                "backend_list_accounts");
        assertThat(testList.exitCode()).isEqualTo(1);
        assertThat(testList.stderr()).isEqualTo("Error: invalid callback type 'backend_list_accounts'. Valid types:"
                + " subject, environment, action, backend, hook, cache_flush\n");
        Main.Result both = Main.capture("nauthilus", "test", "--mode", "both", "--test-lua", script, "--test-callback",
                "backend");
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.stdout()).startsWith("--- mode: test ---\n").contains("--- mode: production ---\n")
                .contains("\nModes differ: passes in test mode, fails in production mode: backend execution failed: ");
        Main.Result bad = Main.capture("nauthilus", "test", "--mode", "prod", "--test-lua", script, "--test-callback",
                "backend");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr()).isEqualTo("Error: invalid mode 'prod'. Valid modes: test, production, both\n");
    }

    private static final String GLUA_HTTP_ACTION = "function nauthilus_call_action(r)\n local http = require('glua_http')\n"
            + " local res, err = http.get('http://api.test/v1/ip')\n"
            + " if res then nauthilus_builtin.custom_log_add('res', res.status_code .. ' ' .. res.body)\n"
            + " else nauthilus_builtin.custom_log_add('err', err) end\n"
            + " return nauthilus_builtin.ACTION_RESULT_OK end";

    @Test
    void stubAfterTheCommandOrBeforeItAnswersGluaHttp() throws Exception {
        String script = write("h.lua", GLUA_HTTP_ACTION);
        String stub = write("api.yaml", "responses:\n  - status: 200\n    body: listed\n");
        Main.Result after = Main.capture("nauthilus", "test", "--test-lua", script, "--test-callback", "action",
                "--stub", "http://api.test=static:" + stub);
        assertThat(after.exitCode()).as(after.stderr()).isZero();
        assertThat(after.stdout()).contains("Logs:\n  [CUSTOM] res: 200 listed\n");
        assertThat(after.stderr()).isEmpty();
        Main.Result before = Main.capture("--stub", "http://api.test=static:" + stub, "nauthilus", "test",
                "--test-lua", script, "--test-callback", "action");
        assertThat(before.stdout()).contains("Logs:\n  [CUSTOM] res: 200 listed\n");
    }

    @Test
    void anUnstubbedHostFailsAsUnreachableWithAHint() throws Exception {
        String script = write("h.lua", GLUA_HTTP_ACTION);
        Main.Result r = Main.capture("nauthilus", "test", "--test-lua", script, "--test-callback", "action");
        assertThat(r.stdout()).contains(
                "Logs:\n  [CUSTOM] err: Get \"http://api.test/v1/ip\": dial tcp: lookup api.test: no such host\n");
        assertThat(r.stderr()).isEqualTo("dovelua: hint: http://api.test/v1/ip has no stub, so it fails as an unreachable"
                + " host: add --stub http://api.test=KIND:FILE (static, nauthilus or nextcloud), or --allow-network\n");
    }

    @Test
    void execStubAnswersCmdAndAMalformedOptionIsAUsageError() throws Exception {
        String script = write("c.lua", "function nauthilus_call_action(r)\n local res = require('cmd').exec('checkpw alice')\n"
                + " nauthilus_builtin.custom_log_add('cmd', res.status .. ' ' .. res.stdout)\n return 0 end");
        String ok = write("ok.yaml", "stdout: \"yes\"\nexit: 2\n");
        Main.Result r = Main.capture("nauthilus", "test", "--test-lua", script, "--test-callback", "action",
                "--exec", "checkpw *=" + ok);
        assertThat(r.stdout()).contains("Logs:\n  [CUSTOM] cmd: 2 yes\n");
        Main.Result bad = Main.capture("nauthilus", "test", "--test-lua", script, "--test-callback", "action",
                "--stub", "http://api.test");
        assertThat(bad.exitCode()).isEqualTo(org.dovelua.doveadm.Exits.USAGE);
        assertThat(bad.stderr()).isEqualTo("dovelua: --stub http://api.test: expected URL=KIND:FILE, e.g. "
                + "https://login.example.com=nauthilus:users.yaml\n");
    }

    @Test
    void aDirectoryOfPairsRunsInTestModeOnly() {
        Main.Result r = Main.capture("nauthilus", "test", "--mode", "production", ".");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("Error: --mode production needs --test-lua; a DIR of pairs runs in test mode\n");
    }
}
