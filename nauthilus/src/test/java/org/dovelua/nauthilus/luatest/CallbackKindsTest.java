package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runner.go execute*: the return-value checks of the six kinds, passing and failing. */
class CallbackKindsTest {
    @TempDir
    Path dir;

    private LuaTestRun run(String lua, String kind) {
        return LuaTestRun.inline(dir, lua, kind, null);
    }

    @Test
    void subjectTakesABoolAndANumber() {
        LuaTestRun r = run("function nauthilus_call_subject(r) return nauthilus_builtin.SUBJECT_REJECT, 1 end", "subject");
        assertThat(r.exit()).isZero();
        assertThat(r.result().subjectRejected).isTrue();
        assertThat(r.result().subjectResult).isEqualTo(1L);
        LuaTestRun bad = run("function nauthilus_call_subject(r) return 1, false end", "subject");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.result().errors).containsExactly("subject source returned unexpected types: action=number result=boolean");
    }

    @Test
    void subjectFoundInTheRequestEnvironmentFirst() {
        LuaTestRun r = run("__NAUTH_REQ_ENV.nauthilus_call_subject = function() return false, 0 end\n"
                + "function nauthilus_call_subject() return true, 1 end", "subject");
        assertThat(r.result().subjectRejected).isFalse();
    }

    @Test
    void environmentTakesBoolBoolNumber() {
        LuaTestRun r = run("function nauthilus_call_environment(r) return true, false, 0 end", "environment");
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).contains("Environment Triggered: true\nEnvironment Abort: false\nEnvironment Result: 0\n");
        LuaTestRun bad = run("function nauthilus_call_environment(r) return true, false end", "environment");
        assertThat(bad.result().errors).containsExactly(
                "environment source returned unexpected types: trigger=boolean abort=boolean result=nil");
    }

    @Test
    void actionAcceptsBoolNumberOrNil() {
        assertThat(run("function nauthilus_call_action(r) return false end", "action").result().actionResult).isFalse();
        assertThat(run("function nauthilus_call_action(r) return 1 end", "action").result().actionResult).isFalse();
        assertThat(run("function nauthilus_call_action(r) return 0 end", "action").result().actionResult).isTrue();
        LuaTestRun nil = run("function nauthilus_call_action(r) end", "action");
        assertThat(nil.result().actionResult).isTrue();
        assertThat(nil.exit()).isZero();
        LuaTestRun bad = run("function nauthilus_call_action(r) return 'ok' end", "action");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.result().errors).containsExactly("action returned unexpected type: string");
    }

    @Test
    void actionIsLookedUpInGlobalsOnly() {
        LuaTestRun r = run("__NAUTH_REQ_ENV.nauthilus_call_action = function() return true end", "action");
        assertThat(r.result().errors).containsExactly("nauthilus_call_action function not found in script");
    }

    @Test
    void backendReadsTheResultTable() {
        LuaTestRun r = run("function nauthilus_backend_verify_password(r)\n"
                + " return 0, {authenticated = true, user_found = true, account_field = 'uid', display_name_field = 5,"
                + " unique_user_id_field = 'id'} end", "backend");
        assertThat(r.exit()).isZero();
        assertThat(r.result().backendAuthenticated).isTrue();
        assertThat(r.result().backendAccountField).isEqualTo("uid");
        assertThat(r.result().backendDisplayName).isNull(); // only a Lua string counts
        assertThat(r.result().backendUniqueUserId).isEqualTo("id");
    }

    @Test
    void backendFailures() {
        assertThat(run("function nauthilus_backend_verify_password(r) return 'x', {} end", "backend").result().errors)
                .containsExactly("backend returned unexpected status type: string");
        LuaTestRun nonZero = run("function nauthilus_backend_verify_password(r) return 1, {} end", "backend");
        assertThat(nonZero.result().errors).containsExactly("backend returned non-zero result code: 1");
        assertThat(nonZero.result().backendReturnCode).isNull(); // the error replaces the result
        assertThat(run("function nauthilus_backend_verify_password(r) return 0, 'x' end", "backend").result().errors)
                .containsExactly("backend returned unexpected type: string");
        LuaTestRun nil = run("function nauthilus_backend_verify_password(r) return 0 end", "backend");
        assertThat(nil.exit()).isEqualTo(1);
        assertThat(nil.result().errors).isEmpty();
        assertThat(nil.result().backendResult).isFalse();
        assertThat(nil.result().backendReturnCode).isZero();
    }

    @Test
    void hookAcceptsNilOrTable() {
        assertThat(run("function nauthilus_run_hook(r) return {a = 1} end", "hook").result().actionResult).isTrue();
        assertThat(run("function nauthilus_run_hook(r) return 2 end", "hook").result().errors)
                .containsExactly("hook returned unexpected type: number");
    }

    @Test
    void cacheFlushKeepsStringKeysAndAStringAccount() {
        LuaTestRun r = run("function nauthilus_cache_flush(r) return {'a', 2, 'b'}, 'alice' end", "cache_flush");
        assertThat(r.exit()).isZero();
        assertThat(r.result().cacheFlushAdditionalKeys).containsExactly("a", "b");
        assertThat(r.stdout()).contains("Cache Flush Additional Keys: [a b]\nCache Flush Account Name: alice\n");
        LuaTestRun none = run("function nauthilus_cache_flush(r) return 5, 6 end", "cache_flush");
        assertThat(none.exit()).isZero();
        assertThat(none.result().cacheFlushAdditionalKeys).isNull();
        assertThat(none.result().cacheFlushAccountName).isNull();
    }

    @Test
    void aLuaErrorInTheCallbackFailsTheRun() {
        LuaTestRun r = run("function nauthilus_call_action(r) error('boom') end", "action");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.result().errors).hasSize(1);
        assertThat(r.result().errors.get(0)).startsWith("action execution failed: ").contains("boom")
                .doesNotContain("stack traceback");
    }

    @Test
    void missingEntryFunction() {
        for (CallbackKind k : CallbackKind.values()) { // the backend_* kinds exist in production mode only
            LuaTestRun r = LuaTestRun.inline(dir, "local x = 1", k.flag, null, k.productionOnly
                    ? org.dovelua.nauthilus.NauthilusMode.PRODUCTION : org.dovelua.nauthilus.NauthilusMode.TEST);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.result().errors).containsExactly(k.entry + " function not found in script");
        }
    }

    @Test
    void loadErrors() {
        LuaTestRun syntax = run("function (", "action");
        assertThat(syntax.exit()).isEqualTo(1);
        assertThat(syntax.stdout()).isEmpty();
        assertThat(syntax.stderr()).startsWith("Error running test: failed to load Lua script: ");
        LuaTestRun runtime = run("error('at load')", "action");
        assertThat(runtime.stderr()).startsWith("Error running test: failed to load Lua script: ").contains("at load");
        LuaTestRun missing = LuaTestRun.run(dir, "nope.lua", "action", "");
        assertThat(missing.stderr()).isEqualTo(
                "Error running test: failed to load Lua script: open nope.lua: no such file or directory\n");
    }

    @Test
    void theRequestTableWithAndWithoutContext() {
        String lua = "function nauthilus_call_action(r)\n"
                + " nauthilus_builtin.custom_log_add('t', type(r.brute_force_count) .. ' ' .. tostring(r.client_host)"
                + " .. ' ' .. tostring(r.log_level) .. ' ' .. tostring(r.logging and r.logging.log_format)"
                + " .. ' ' .. tostring(r.debug) .. ' ' .. tostring(r.username))\n end";
        LuaTestRun with = LuaTestRun.inline(dir, lua, "action",
                "{\"context\": {\"client_host\": \"h\", \"debug\": true, \"brute_force_count\": 5}}");
        assertThat(with.result().logs).containsExactly("[CUSTOM] t: number h debug json true ");
        LuaTestRun without = LuaTestRun.inline(dir, lua, "action", "{}");
        assertThat(without.result().logs).containsExactly("[CUSTOM] t: nil nil nil nil nil nil");
    }

    @Test
    void builtinLogsAndStatus() {
        LuaTestRun r = run("function nauthilus_call_action(r)\n"
                + " nauthilus_builtin.custom_log_add('k')\n nauthilus_builtin.status_message_set('go away')\n"
                + " return nauthilus_builtin.ACTION_RESULT_OK end", "action");
        assertThat(r.result().logs).containsExactly("[CUSTOM] k: ", "[STATUS] go away");
        assertThat(r.result().statusMessages).containsExactly("go away");
    }

    @Test
    void aLibraryTestModeHasButDoveluaDoesNotFailsLoudlyWhenRequired() {
        LuaTestRun r = run("function nauthilus_call_action(r) local x = require('yaml') end", "action");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.result().errors.get(0)).contains("module 'yaml' (vadv/gopher-lua-libs, preloaded by"
                + " Nauthilus's test mode) is not emulated by dovelua");
    }

    @Test
    void glueHttpWithoutAnHttpClientBlockIsOfflineEachRequestFailingAsATransportError() {
        LuaTestRun r = run("function nauthilus_call_action(r)\n local http = require('glua_http')\n"
                + " local res, err = http.post('http://blocklist.example/check', {body = '{}'})\n"
                + " nauthilus_builtin.custom_log_add('err', err)\n"
                + " local rs, errs = http.request_batch({{'get', 'http://a.example/'}, 'x'})\n"
                + " nauthilus_builtin.custom_log_add('batch', tostring(#rs) .. ' ' .. errs[1] .. ' | ' .. errs[2])\n"
                + " return res == nil end", "action");
        // gluahttp doRequestAndPush: nil and net/http's url.Error for a host that does not resolve
        assertThat(r.result().logs).containsExactly(
                "[CUSTOM] err: Post \"http://blocklist.example/check\": dial tcp: lookup blocklist.example: no such host",
                "[CUSTOM] batch: 0 Get \"http://a.example/\": dial tcp: lookup a.example: no such host"
                        + " | Request must be a table");
        assertThat(r.exit()).isZero();
    }

    @Test
    void redisModuleIsServedInProcessAndClosedWithTheRun() {
        LuaTestRun r = run("function nauthilus_call_action(r)\n local redis = require('nauthilus_redis')\n"
                + " redis.redis_set('default', 'k', 'v')\n local v = redis.redis_get('default', 'k')\n"
                + " local m, err = redis.redis_get('default', 'missing')\n"
                + " nauthilus_builtin.custom_log_add('got', v .. ' ' .. tostring(m) .. ' ' .. err)\n return true end",
                "action");
        assertThat(r.result().logs).containsExactly("[CUSTOM] got: v nil redis: nil");
    }
}
