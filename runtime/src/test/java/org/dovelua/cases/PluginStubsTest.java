package org.dovelua.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin case file's {@code stubs:} (read and checked as a doveadm case file's, mistakes with
 * their place), the stub answering the plugin's glua_http, an unstubbed host failing with the
 * hint, and {@code expect: http:} met and unmet.
 */
class PluginStubsTest {
    @TempDir
    Path dir;

    private static final String PLUGIN = "local http = require('glua_http')\n"
            + "function nauthilus_call_action(r)\n"
            + "  local res, err = http.post('http://bl.example/v1/check', {body = '{\"ip\":\"' .. r.client_ip .. '\"}',"
            + " headers = {['Content-Type'] = 'application/json'}})\n"
            + "  if err ~= nil then nauthilus_builtin.custom_log_add('err', err) return nauthilus_builtin.ACTION_RESULT_FAIL end\n"
            + "  nauthilus_builtin.custom_log_add('body', res.body)\n"
            + "  nauthilus_builtin.custom_log_add('code', res.status_code)\n"
            + "  return nauthilus_builtin.ACTION_RESULT_OK\nend\n";

    private static final String STUB = "stubs:\n  http://bl.example:\n    static:\n      responses:\n"
            + "        - {status: 201, body: listed}\n";

    private Path write(String top, String cases) throws Exception {
        Files.writeString(dir.resolve("p.lua"), PLUGIN);
        return Files.writeString(dir.resolve("p.cases.yaml"), "nauthilus: {plugin: p.lua, kind: action, mode: test}\n"
                + top + "cases:\n" + cases);
    }

    /** "" when the one case passes, else its report. */
    private String run(String top, String cases) throws Exception {
        CaseFile cf = CaseFile.read(write(top, cases));
        CaseOutcome o = CaseRunner.run(List.of(cf), new CaseRunner.Options(1, null, false), (x, d, t) -> { }).get(0);
        return o.status() == CaseOutcome.Status.PASSED ? "" : o.title() + "\n" + o.report();
    }

    @Test
    void aStubAnswersGluaHttpAndHttpIsMet() throws Exception {
        assertThat(run(STUB, "  - request: {client_ip: 192.0.2.1}\n    expect:\n      result: true\n"
                + "      logs: ['[CUSTOM] body: listed', '[CUSTOM] code: 201']\n"
                + "      http:\n        - method: POST\n          url: http://bl.example/v1/check\n"
                + "          headers: {Content-Type: application/json}\n          json: {ip: 192.0.2.1}\n"
                + "          status: 201\n")).isEmpty();
    }

    @Test
    void anUnmetHttpExpectationIsReportedWithTheRerunLine() throws Exception {
        String report = run(STUB, "  - name: asks\n    request: {client_ip: 192.0.2.1}\n    expect:\n      result: true\n"
                + "      http:\n        - {method: GET, json: {ip: 192.0.2.2}}\n        - {url: http://bl.example/x}\n");
        assertThat(report).contains("http requests (2 expected, 1 sent)")
                .contains("http request 1 (line 13) method\n  expected: GET\n  actual:   POST\n")
                .contains("http request 1 (line 13) json at ip\n  expected: \"192.0.2.2\"\n  actual:   \"192.0.2.1\"\n")
                .contains("rerun: dovelua test " + CaseFiles.shown(dir.resolve("p.cases.yaml")) + " --filter asks\n");
        assertThat(run(STUB, "  - name: none\n    request: {client_ip: 192.0.2.1}\n    expect: {http: []}\n"))
                .contains("http requests (0 expected, 1 sent)");
    }

    @Test
    void everyCaseSeesItsStubsRewound() throws Exception {
        String ordered = "stubs:\n  http://bl.example:\n    static:\n      responses:\n"
                + "        - {status: 200, body: first}\n        - {status: 200, body: second}\n";
        String one = "  - request: {client_ip: 192.0.2.1}\n    expect: {logs: ['[CUSTOM] body: first']}\n";
        CaseFile cf = CaseFile.read(write(ordered, one + one + one));
        List<CaseOutcome> out = CaseRunner.run(List.of(cf), new CaseRunner.Options(1, null, false), (x, d, t) -> { });
        assertThat(out).extracting(CaseOutcome::status).containsOnly(CaseOutcome.Status.PASSED).hasSize(3);
    }

    @Test
    void anUnstubbedHostFailsWithTheHint() throws Exception {
        String report = run("", "  - name: offline\n    request: {client_ip: 192.0.2.1}\n    expect: {result: true}\n");
        assertThat(report).contains("[CUSTOM] err: Post \"http://bl.example/v1/check\": dial tcp: lookup bl.example:"
                + " no such host")
                .contains("dovelua: hint: http://bl.example/v1/check has no stub, so it fails as an unreachable host:"
                        + " add --stub http://bl.example=KIND:FILE (static, nauthilus or nextcloud), or --allow-network");
    }

    @Test
    void stubMistakesInAPluginFileAreLocated() throws Exception {
        Path f = write("stubs:\n  http://bl.example:\n    static:\n      responses:\n        - {stauts: 200}\n",
                "  - expect: {}\n");
        assertThat(error(f)).isEqualTo("F:6:12: stubs: static: unknown key 'stauts' (expected one of: action,"
                + " body, delay_ms, headers, match, reason, status, status_line)");
        f = write("stubs:\n  bl.example: static:x.yaml\n", "  - expect: {}\n");
        assertThat(error(f)).isEqualTo("F:3:3: stubs: 'bl.example' is not an http(s) URL prefix (expected"
                + " scheme://host[:port][/path])");
        f = write("stubs:\n  http://bl.example: {fake: {}}\n", "  - expect: {}\n");
        assertThat(error(f)).startsWith("F:3:22: stubs: unknown stub kind 'fake'");
        f = write("", "  - expect: {http: [{methd: GET}]}\n");
        assertThat(error(f)).startsWith("F:3:22: unknown key 'methd' in an http: request");
    }

    private static String error(Path f) {
        try {
            CaseFile.read(f);
        } catch (CaseFileException e) {
            return e.getMessage().replace(f.toString(), "F");
        }
        throw new AssertionError("read without a mistake");
    }
}
