package org.dovelua.nauthilus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dovelua.nauthilus.luatest.CallbackKind;
import org.dovelua.nauthilus.luatest.TestModeModules;
import org.dovelua.nauthilus.luatest.TestResult;
import org.dovelua.nauthilus.luatest.TestRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first test-mode mocks (mocks.go): names, argument texts, return values, context copy semantics. */
class TestModeMocksTest {
    @TempDir
    Path dir;

    private TestResult run(String body, String fixture) throws Exception {
        Files.writeString(dir.resolve("s.lua"), body);
        Files.writeString(dir.resolve("f.json"), fixture);
        TestRunner r = TestRunner.create("s.lua", CallbackKind.ACTION, "f.json", TestModeModules.standard(), dir);
        return r.run();
    }

    private static String log(String expr) {
        return "nauthilus_builtin.custom_log_add('v', " + expr + ")\n";
    }

    @Test
    void contextCopiesValuesAndReadsFixtureFields() throws Exception {
        TestResult r = run("local c = require('nauthilus_context')\n"
                + "function nauthilus_call_action(req)\n"
                + " local t = {1, 2, x = 'y'}\n c.context_set('t', t)\n t[1] = 99\n"
                + log("tostring(c.context_get('t')[1]) .. ' ' .. c.context_get('t').x")
                + " c.context_set('arr', {'a', 'b'})\n" + log("#c.context_get('arr')")
                + " c.context_set('f', print)\n" + log("type(c.context_get('f'))")
                + log("tostring(c.context_get('absent'))")
                + log("type(c.context_get('brute_force_counter')) .. ':' .. c.context_get('brute_force_counter')")
                + log("c.context_get('client_hostname') .. ' ' .. c.context_get('account') .. ' ' .. c.context_get('tier')")
                + log("tostring(c.context_get('client_host'))")
                + " c.context_delete('tier')\n" + log("tostring(c.context_get('tier'))")
                + " c.context_set('b', false)\n" + log("tostring(c.context_get('b'))")
                + "end",
                "{\"context\": {\"client_host\": \"mx\", \"account\": \"acc\", \"brute_force_count\": 5,"
                        + " \"attributes\": {\"tier\": \"gold\"}}}");
        assertThat(r.errors).isEmpty();
        assertThat(r.logs).containsExactly("[CUSTOM] v: 1 y", "[CUSTOM] v: 2", "[CUSTOM] v: string", "[CUSTOM] v: nil",
                "[CUSTOM] v: string:5", "[CUSTOM] v: mx acc gold", "[CUSTOM] v: nil", "[CUSTOM] v: nil",
                "[CUSTOM] v: false");
    }

    @Test
    void contextWithoutFixtureBlockStillWorks() throws Exception {
        TestResult r = run("local c = require('nauthilus_context')\nfunction nauthilus_call_action(req)\n"
                + " c.context_set('k', 'v')\n" + log("c.context_get('k')") + "end", "{}");
        assertThat(r.logs).containsExactly("[CUSTOM] v: v");
    }

    @Test
    void utilIsTheGoMockSetOnly() throws Exception {
        TestResult r = run("local u = require('nauthilus_util')\nfunction nauthilus_call_action(req)\n"
                + log("u.getenv('A') .. '|' .. u.getenv('B', 'dflt') .. '|' .. u.getenv('C')")
                + log("u.get_redis_key({redis_prefix = 'ntc:'}, 'k') .. '|' .. u.get_redis_key({}, 'k')")
                + log("tostring(u.is_table({})) .. tostring(u.is_string(1)) .. u.table_length({1, 2, x = 3})")
                + log("tostring(u.exists_in_table) .. tostring(u.toboolean) .. tostring(u.is_routable_ip)")
                + log("tostring(pcall(u.if_error_raise, nil)) .. ' ' .. tostring(select(2, pcall(u.if_error_raise, 'bad')))")
                + "end",
                "{\"util\": {\"envs\": {\"A\": \"a\"}, \"expected_calls\": [{\"method\": \"getenv\", \"arg_contains\": \"a\"},"
                        + "{\"method\": \"getenv\", \"arg_contains\": \"B\"}, {\"method\": \"getenv\"},"
                        + "{\"method\": \"get_redis_key\", \"arg_contains\": \"k\"}, {\"method\": \"get_redis_key\"},"
                        + "{\"method\": \"is_table\"}, {\"method\": \"is_string\"}, {\"method\": \"table_length\"},"
                        + "{\"method\": \"if_error_raise\", \"arg_contains\": \"nil\"},"
                        + "{\"method\": \"if_error_raise\", \"arg_contains\": \"bad\"}]}}");
        assertThat(r.errors).isEmpty();
        assertThat(r.logs).containsExactly("[CUSTOM] v: a|dflt|", "[CUSTOM] v: ntc:k|k", "[CUSTOM] v: truefalse3",
                "[CUSTOM] v: nilnilnil", "[CUSTOM] v: true bad");
    }

    @Test
    void utilLogArgumentTexts() throws Exception {
        TestResult r = run("local u = require('nauthilus_util')\nfunction nauthilus_call_action(req)\n"
                + " u.log(req, 'warn', 'x')\n u.log_info(req, 'x')\n u.log_error(req, 'x', 'the error')\nend",
                "{\"util\": {\"expected_calls\": [{\"method\": \"log\", \"arg_contains\": \"warn\"},"
                        + "{\"method\": \"log_info\", \"arg_contains\": \"info\"},"
                        + "{\"method\": \"log_error\", \"arg_contains\": \"the error\"}]}}");
        assertThat(r.errors).isEmpty();
    }

    @Test
    void prometheusHttpResponseOtelAndPolicy() throws Exception {
        TestResult r = run("local p = require('nauthilus_prometheus')\nlocal h = require('nauthilus_http_response')\n"
                + "local o = require('nauthilus_opentelemetry')\nlocal pol = require('nauthilus_policy')\n"
                + "function nauthilus_call_action(req)\n"
                + " p.increment_counter('c', {})\n local t = p.start_histogram_timer('h', {})\n p.stop_timer(t)\n"
                + log("tostring(t._mock_timer) .. ' ' .. tostring(p.touch_counter) .. ' ' .. h.STATUS_FORBIDDEN")
                + " h.set_http_response_header('X-Test', 'v')\n h.json(403, {})\n"
                + log("tostring(o.is_enabled())")
                + " local tr = o.tracer('t')\n" + log("tr:with_span('span-a', function(span) span.finish() return 'inner' end)")
                + " pol.emit_attribute({id = ' risk ', value = 0.5, details = {b = true, a = {1, 2}}})\n"
                + log("tostring(select(1, pcall(pol.emit_attribute, {id = ''})))")
                + "end",
                "{\"prometheus\": {\"expected_calls\": [{\"method\": \"increment_counter\"},"
                        + "{\"method\": \"start_histogram_timer\"}, {\"method\": \"stop_timer\"}]},"
                        + "\"http_response\": {\"expected_calls\": [{\"method\": \"set_http_response_header\", \"arg_contains\": \"x-test\"},"
                        + "{\"method\": \"json\", \"arg_contains\": \"403\"}]},"
                        + "\"opentelemetry\": {\"expected_calls\": [{\"method\": \"is_enabled\"}, {\"method\": \"tracer\"},"
                        + "{\"method\": \"with_span\", \"arg_contains\": \"span-a\"}, {\"method\": \"finish\"}]},"
                        + "\"policy\": {\"expected_calls\": [{\"method\": \"emit_attribute\","
                        + " \"arg_contains\": \"id=risk value=0.5 details.a=1,2 details.b=true\"}]}}");
        assertThat(r.errors).isEmpty();
        assertThat(r.logs).containsExactly("[CUSTOM] v: true nil 403", "[CUSTOM] v: false", "[CUSTOM] v: inner",
                "[CUSTOM] v: false");
    }

    @Test
    void cacheSeededFromTheFixture() throws Exception {
        TestResult r = run("local c = require('nauthilus_cache')\nfunction nauthilus_call_action(req)\n"
                + log("c.cache_get('seed') .. ' ' .. tostring(c.cache_exists('seed')) .. ' ' .. c.cache_size()")
                + " c.cache_push('l', 'a')\n" + log("c.cache_push('l', 'b')")
                + " local all = c.cache_pop_all('l')\n" + log("#all .. all[2] .. tostring(c.cache_exists('l'))")
                + log("select(1, c.cache_update('n', function(v) return 'new' end))")
                + log("tostring(select(1, c.cache_update('n', function(v) error('upd') end)))")
                + log("tostring(c.cache_delete('seed')) .. tostring(c.cache_delete('seed'))")
                + "end", "{\"cache\": {\"entries\": {\"seed\": \"x\"}}}");
        assertThat(r.errors).isEmpty();
        assertThat(r.logs).containsExactly("[CUSTOM] v: x true 1", "[CUSTOM] v: 2", "[CUSTOM] v: 2bfalse",
                "[CUSTOM] v: new", "[CUSTOM] v: nil", "[CUSTOM] v: truefalse");
    }

}
