package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dovelua.nauthilus.NauthilusMode.PRODUCTION;
import static org.dovelua.nauthilus.NauthilusMode.TEST;

import java.nio.file.Path;
import org.dovelua.nauthilus.NauthilusMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Production mode (issue 14): what a Nauthilus 3.1 server gives a plugin, against test mode's view of the same fixture. */
class ProductionModeTest {
    private static final Path RES = Path.of("src/test/resources");

    @TempDir
    Path dir;

    private LuaTestRun renamed(String what, NauthilusMode mode, String extraBlocks) {
        return LuaTestRun.inline(dir, read("production/renamed_functions.lua"), "environment",
                "{\"context\": {\"username\": \"" + what + "\"}, \"dns\": {\"lookup_result\": {\"mail.example.org\":"
                        + " [\"192.0.2.25\"]}}, \"brute_force\": {\"is_blocked\": true}" + extraBlocks + "}", mode);
    }

    private static String read(String resource) {
        try {
            return java.nio.file.Files.readString(RES.resolve(resource));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void dnsIsResolveInProductionAndLookupInTestMode() {
        LuaTestRun prod = renamed("dns", PRODUCTION, "");
        assertThat(prod.exit()).as(prod.stdout()).isZero();
        assertThat(prod.result().logs).containsExactly("[CUSTOM] dns: 192.0.2.25");
        LuaTestRun prodLookup = renamed("dns_test", PRODUCTION, "");
        assertThat(prodLookup.exit()).isEqualTo(1);
        // nauthilus_dns has no lookup in production (the rest of the text is the dialect's error text)
        assertThat(prodLookup.result().errors).singleElement().asString()
                .startsWith("environment source execution failed: script.lua:13: attempt to call a ");
        LuaTestRun test = renamed("dns_test", TEST, "");
        assertThat(test.exit()).as(test.stdout()).isZero();
        assertThat(test.result().logs).containsExactly("[CUSTOM] dns: 192.0.2.25");
        assertThat(renamed("dns", TEST, "").result().errors).singleElement().asString()
                .startsWith("environment source execution failed: script.lua:10: attempt to call a ");
    }

    @Test
    void dnsResolveRejectsAnUnknownRecordTypeAsProductionDoes() {
        LuaTestRun r = LuaTestRun.inline(dir, "function nauthilus_call_action(req)\n"
                + " local v, err = require('nauthilus_dns').resolve('x.org', 'srv')\n"
                + " nauthilus_builtin.custom_log_add('err', err) return 0 end", "action", "{}", PRODUCTION);
        assertThat(r.result().logs).containsExactly("[CUSTOM] err: unsupported record type: SRV");
    }

    @Test
    void bruteForceIsIsIpAddressBlockedInProductionAndIsBlockedInTestMode() {
        LuaTestRun prod = renamed("brute_force", PRODUCTION, "");
        assertThat(prod.exit()).as(prod.stdout()).isZero();
        assertThat(prod.result().logs).containsExactly("[CUSTOM] blocked: table");
        assertThat(renamed("brute_force_test", PRODUCTION, "").exit()).isEqualTo(1);
        LuaTestRun test = renamed("brute_force_test", TEST, "");
        assertThat(test.result().logs).containsExactly("[CUSTOM] blocked: true");
        assertThat(renamed("brute_force", TEST, "").exit()).isEqualTo(1);
    }

    @Test
    void bruteForceTolerationsRoundTripWithGoDurations() {
        LuaTestRun r = LuaTestRun.inline(dir, "function nauthilus_call_action(req)\n"
                + " local bf = require('nauthilus_brute_force')\n"
                + " local ok = bf.set_custom_toleration({ip_address = '192.0.2.1', tolerate_percent = 300, tolerate_ttl = '90m'})\n"
                + " local _, bad = bf.set_custom_toleration({ip_address = 'x', tolerate_ttl = 'soon'})\n"
                + " local list = bf.get_custom_tolerations()\n"
                + " nauthilus_builtin.custom_log_add(ok .. ' ' .. bad, list[1].ip_address .. ' ' .. list[1].tolerate_percent"
                + " .. ' ' .. list[1].tolerate_ttl .. ' ' .. #list)\n"
                + " return 0 end", "action", "{}", PRODUCTION);
        assertThat(r.result().logs).containsExactly("[CUSTOM] OK invalid tolerate_ttl format: 192.0.2.1 44 1h30m0s 1");
    }

    @Test
    void prometheusHasTouchCounterAndGaugeArithmeticOnlyInProduction() {
        String calls = ", \"prometheus\": {\"expected_calls\": [{\"method\": \"touch_counter\"}, {\"method\": \"add_gauge\"},"
                + " {\"method\": \"sub_gauge\"}]}";
        LuaTestRun prod = renamed("prometheus", PRODUCTION, calls);
        assertThat(prod.exit()).as(prod.stdout()).isZero();
        LuaTestRun test = renamed("prometheus", TEST, calls);
        assertThat(test.exit()).isEqualTo(1);
        assertThat(test.result().errors.get(0))
                .startsWith("environment source execution failed: script.lua:21: attempt to call a ");
        // expected_calls are still checked in production mode
        LuaTestRun wrongOrder = renamed("prometheus", PRODUCTION, ", \"prometheus\": {\"expected_calls\":"
                + " [{\"method\": \"sub_gauge\"}]}");
        assertThat(wrongOrder.exit()).isEqualTo(1);
    }

    @Test
    void productionRequestTableHasEveryKeyUnderProductionNames() {
        String lua = "function nauthilus_call_action(r)\n"
                + " local keys = {'client_hostname', 'brute_force_counter', 'client_host', 'brute_force_count',"
                + " 'ssl_client_not_before', 'client_net', 'repeating', 'auth_login_attempt', 'log_format', 'status_message',"
                + " 'totp_recovery_codes'}\n"
                + " local out = {}\n"
                + " for _, k in ipairs(keys) do out[#out + 1] = k .. '=' .. (r[k] == nil and 'nil' or tostring(r[k])) end\n"
                + " nauthilus_builtin.custom_log_add('req', table.concat(out, ' '))\n"
                + " nauthilus_builtin.custom_log_add('kinds', type(r.requested_scopes) .. ' ' .. type(r.logging) .. ' '"
                + " .. tostring(r.logging.log_level) .. ' ' .. tostring(__test_context))\n"
                + " return 0 end";
        String fixture = "{\"context\": {\"client_host\": \"mx.example.org\", \"brute_force_count\": 3, \"debug\": true}}";
        LuaTestRun prod = LuaTestRun.inline(dir, lua, "action", fixture, PRODUCTION);
        assertThat(prod.exit()).as(prod.stdout()).isZero();
        assertThat(prod.result().logs).containsExactly(
                "[CUSTOM] req: client_hostname=mx.example.org brute_force_counter=3 client_host=nil brute_force_count=nil"
                        + " ssl_client_not_before= client_net= repeating=false auth_login_attempt=0 log_format=default"
                        + " status_message=nil totp_recovery_codes=nil",
                "[CUSTOM] kinds: table table debug nil");
        LuaTestRun test = LuaTestRun.inline(dir, lua, "action", fixture, TEST);
        assertThat(test.result().logs).containsExactly(
                "[CUSTOM] req: client_hostname=nil brute_force_counter=nil client_host=mx.example.org brute_force_count=3"
                        + " ssl_client_not_before=nil client_net=nil repeating=nil auth_login_attempt=nil log_format=json"
                        + " status_message= totp_recovery_codes=nil",
                "[CUSTOM] kinds: nil table debug context.Background");
    }

    @Test
    void builtinConstantsArePerKindInProduction() {
        String lua = "function nauthilus_call_action(r)\n"
                + " nauthilus_builtin.custom_log_add('b', tostring(nauthilus_builtin.BACKEND_RESULT_OK) .. ' '"
                + " .. tostring(nauthilus_builtin.ACTION_RESULT_OK) .. ' ' .. type(nauthilus_builtin.status_message_set))\n"
                + " return nauthilus_builtin.ACTION_RESULT_OK end\n"
                + "function nauthilus_run_hook(r) return {builtin = type(nauthilus_builtin)} end";
        assertThat(LuaTestRun.inline(dir, lua, "action", null, PRODUCTION).result().logs)
                .containsExactly("[CUSTOM] b: nil 0 nil");
        assertThat(LuaTestRun.inline(dir, lua, "action", null, TEST).result().logs)
                .containsExactly("[CUSTOM] b: 0 0 function");
        String hook = "function nauthilus_run_hook(r) if nauthilus_builtin ~= nil then error('builtin in a hook') end end";
        assertThat(LuaTestRun.inline(dir, hook, "hook", null, PRODUCTION).exit()).isZero();
        assertThat(LuaTestRun.inline(dir, hook, "hook", null, TEST).exit()).isEqualTo(1);
    }

    @Test
    void backendResultFieldAssignmentPassesInTestModeAndFailsInProduction() {
        LuaTestRun test = LuaTestRun.run(RES, "production/backend_assign.lua", "backend", "", TEST);
        assertThat(test.exit()).as(test.stdout()).isZero();
        assertThat(test.result().backendAuthenticated).isTrue();
        LuaTestRun prod = LuaTestRun.run(RES, "production/backend_assign.lua", "backend", "", PRODUCTION);
        assertThat(prod.exit()).isEqualTo(1);
        // gopher-lua state.go setFieldString: no __newindex on the userdata, so an index error at the
        // assignment (gopher's wording, "non-table object(userdata) with key ...", is the dialect's text)
        assertThat(prod.result().errors).singleElement().asString()
                .startsWith("backend execution failed: production/backend_assign.lua:5: attempt to index a ");
    }

    @Test
    void backendSettersPassInBothModesWithOneFixture() {
        for (NauthilusMode mode : NauthilusMode.values()) {
            LuaTestRun r = LuaTestRun.run(RES, "production/backend_setters.lua", "backend", "production/backend.json", mode);
            assertThat(r.exit()).as(mode + r.stdout()).isZero();
            assertThat(r.result().backendDisplayName).isEqualTo("cn");
        }
    }

    @Test
    void productionBackendResultStartsEmptyAndHasGroups() {
        String lua = "function nauthilus_backend_verify_password(r)\n"
                + " local b = nauthilus_backend_result.new()\n"
                + " b:groups({'staff', 5, 'ops'})\n"
                + " nauthilus_builtin.custom_log_add('b', tostring(b:authenticated()) .. ' ' .. b:account_field() .. ' '"
                + " .. table.concat(b:groups(), ','))\n"
                + " return 0, b end";
        String fixture = "{\"backend_result\": {\"authenticated\": true, \"account_field\": \"uid\"}}";
        LuaTestRun prod = LuaTestRun.inline(dir, lua, "backend", fixture, PRODUCTION);
        assertThat(prod.result().logs).containsExactly("[CUSTOM] b: false  staff,ops");
        LuaTestRun test = LuaTestRun.inline(dir, lua, "backend", fixture, TEST);
        assertThat(test.exit()).isEqualTo(1); // test mode's mock has no groups
    }

    @Test
    void productionBackendTakesOnlyTheUserdataAndReadsTheCodeAsToInt() {
        String table = "function nauthilus_backend_verify_password(r) return 0, {authenticated = true} end";
        assertThat(LuaTestRun.inline(dir, table, "backend", null, TEST).exit()).isZero();
        LuaTestRun prod = LuaTestRun.inline(dir, table, "backend", null, PRODUCTION);
        assertThat(prod.result().errors).containsExactly("wrong_user_data_result: Lua script returned nil user data");
        String stringCode = "function nauthilus_backend_verify_password(r) return '0', nauthilus_backend_result.new() end";
        assertThat(LuaTestRun.inline(dir, stringCode, "backend", null, PRODUCTION).exit()).isZero();
        assertThat(LuaTestRun.inline(dir, stringCode, "backend", null, TEST).result().errors)
                .containsExactly("backend returned unexpected status type: string");
    }

    @Test
    void listAccountsTotpAndWebAuthnEntryPoints() {
        String fixture = "{\"context\": {\"username\": \"alice\"}}";
        LuaTestRun list = LuaTestRun.run(RES, "production/backend_commands.lua", "backend_list_accounts", null, PRODUCTION);
        assertThat(list.exit()).as(list.stdout()).isZero();
        assertThat(list.result().backendAccounts).containsExactly("alice", "bob");
        assertThat(list.stdout()).contains("Callback Type: backend_list_accounts\n").contains("Backend Accounts: [alice bob]\n");
        LuaTestRun totp = LuaTestRun.inline(dir, read("production/backend_commands.lua"), "backend_add_totp", fixture,
                PRODUCTION);
        assertThat(totp.exit()).isZero();
        assertThat(totp.result().logs).containsExactly("[CUSTOM] totp_for: alice");
        LuaTestRun broken = LuaTestRun.inline(dir, read("production/backend_commands.lua"), "backend_add_totp",
                "{\"context\": {\"username\": \"broken\"}}", PRODUCTION);
        assertThat(broken.result().errors).containsExactly("script_execution_failed: Lua script finished with an error");
        LuaTestRun map = LuaTestRun.inline(dir, read("production/backend_commands.lua"), "backend_list_accounts",
                "{\"context\": {\"username\": \"map\"}}", PRODUCTION);
        assertThat(map.result().errors).containsExactly(
                "interface conversion: interface {} is map[interface {}]interface {}, not []interface {}");
        LuaTestRun webauthn = LuaTestRun.run(RES, "production/backend_commands.lua", "backend_get_webauthn_credentials",
                null, PRODUCTION);
        assertThat(webauthn.result().webAuthnCredentials).containsExactly("{\"id\":\"c1\"}", "{\"id\":\"c2\"}");
        for (String kind : new String[] {"backend_delete_totp", "backend_add_totp_recovery_codes",
                "backend_delete_totp_recovery_codes", "backend_save_webauthn_credential",
                "backend_delete_webauthn_credential", "backend_update_webauthn_credential"}) {
            LuaTestRun r = LuaTestRun.run(RES, "production/backend_commands.lua", kind, null, PRODUCTION);
            assertThat(r.exit()).as(kind + r.stdout()).isZero();
        }
    }

    @Test
    void testModeHasNoProductionBackendKinds() {
        assertThat(CallbackKind.of("backend_list_accounts")).isNull();
        assertThat(CallbackKind.of("backend_list_accounts", TEST)).isNull();
        assertThat(CallbackKind.of("backend_list_accounts", PRODUCTION)).isEqualTo(CallbackKind.BACKEND_LIST_ACCOUNTS);
        assertThat(CallbackKind.flags(TEST)).isEqualTo("subject, environment, action, backend, hook, cache_flush");
        assertThatThrownBy(() -> new TestRunner("x.lua", CallbackKind.BACKEND_ADD_TOTP, MockData.empty(),
                TestModeModules.standard(), dir)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void httpRequestHasProductionsNamesAndValueErrorPairs() throws Exception {
        String hook = "function nauthilus_run_hook(r)\n"
                + " local hr = require('nauthilus_http_request')\n"
                + " local body, err = hr.get_http_request_body()\n"
                + " local ct = hr.get_http_request_header('content-type')\n"
                + " local all = hr.get_all_http_request_headers()\n"
                + " local p = hr.get_http_path()\n"
                + " local q = hr.get_http_query_param('user')\n"
               
                + " return {body = body, err = tostring(err), ct = ct[1], all = all['content-type'][1], path = p, q = q,"
                + " test_only = tostring(hr.get_http_body)}\n"
                + "end\n";
        String fixture = "{\"http_request\": {\"method\": \"POST\", \"path\": \"/hook/x%20y?user=al%2Bice\","
                + " \"body\": \"{}\", \"headers\": {\"Content-Type\": \"application/json\"}}}";
        LuaTestRun run = LuaTestRun.inline(dir, hook, "hook", fixture, PRODUCTION);
        TestResult r = run.result();
        assertThat(r.errors).as(run.stdout()).isEmpty();
        assertThat(r.hookAnswer).isEqualTo(java.util.Map.of("body", "{}", "err", "nil", "ct", "application/json",
                "all", "application/json", "path", "/hook/x y", "q", "al+ice", "test_only", "nil"));
    }
}
