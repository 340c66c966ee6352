package org.dovelua.nauthilus.luatest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.lua.sandbox.ExecStub;
import org.dovelua.lua.sandbox.StubShell;
import org.dovelua.lua.sandbox.WaitStatus;
import org.dovelua.nauthilus.net.NetworkAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * glua_http (no http_client block), tcp and cmd reach dovelua's router and shell (issue 14): a stub
 * answers, anything else fails as Go does for an unresolvable host or a missing program, with a hint.
 * Loopback only.
 */
class NetworkModulesTest {
    @TempDir
    Path dir;

    final List<String> hints = new ArrayList<>();
    final HttpRouter router = new HttpRouter(hints::add);

    TestResult run(String lua, NetworkAccess access) throws Exception {
        Files.writeString(dir.resolve("script.lua"), lua);
        TestRunner runner = TestRunner.create("script.lua", CallbackKind.ACTION, "", TestModeModules.standard(), dir)
                .network(access);
        return runner.run();
    }

    TestResult run(String lua) throws Exception {
        return run(lua, new NetworkAccess(router, new StubShell(List.of())));
    }

    @Test
    void glueHttpRequestReachesItsStubWithGluahttpsOptionsAndReadsTheResponse() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setResponseCode(201).setBody("{\"ok\":true}")
                    .addHeader("content-type", "application/json").addHeader("set-cookie", "sid=\"abc\"; Path=/"));
            server.start(InetAddress.getLoopbackAddress(), 0);
            router.routeStub("https://api.example", server.url("/"));
            TestResult r = run("function nauthilus_call_action(r)\n local http = require('glua_http')\n"
                    + " local res, err = http.post('https://api.example/v1/check?old=1', {body = '{\"a\":1}',"
                    + " query = 'q=2', headers = {['x-key'] = 'k'}, auth = {user = 'u', pass = 'p'}, cookies = {c = '1'}})\n"
                    + " nauthilus_builtin.custom_log_add('res', tostring(err) .. ' ' .. res.status_code .. ' ' .. res.body"
                    + " .. ' ' .. res.body_size .. ' ' .. res.headers['Content-Type'] .. ' ' .. res.cookies.sid .. ' '"
                    + " .. res.url)\n return nauthilus_builtin.ACTION_RESULT_OK end");
            assertThat(r.logs).containsExactly("[CUSTOM] res: nil 201 {\"ok\":true} 11 application/json abc"
                    + " https://api.example/v1/check?q=2");
            RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(req.getMethod()).isEqualTo("POST");
            assertThat(req.getPath()).isEqualTo("/v1/check?q=2");
            assertThat(req.getBody().readUtf8()).isEqualTo("{\"a\":1}");
            assertThat(req.getHeader("X-Key")).isEqualTo("k");
            assertThat(req.getHeader("Authorization")).isEqualTo("Basic dTpw");
            assertThat(req.getHeader("Cookie")).isEqualTo("c=1");
            assertThat(req.getHeader("User-Agent")).isEqualTo("Go-http-client/1.1");
            assertThat(hints).isEmpty();
        }
    }

    @Test
    void glueHttpFollowsARedirectAsGosClientDoes() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setResponseCode(302).addHeader("Location", "/b"));
            server.enqueue(new MockResponse().setBody("there"));
            server.start(InetAddress.getLoopbackAddress(), 0);
            router.routeStub("http://api.example", server.url("/"));
            TestResult r = run("function nauthilus_call_action(r)\n local http = require('glua_http')\n"
                    + " local res, err = http.post('http://api.example/a', {body = 'x'})\n"
                    + " nauthilus_builtin.custom_log_add('res', res.status_code .. ' ' .. res.body .. ' ' .. res.url)\n"
                    + " return 0 end");
            assertThat(r.logs).containsExactly("[CUSTOM] res: 200 there http://api.example/b");
            assertThat(server.takeRequest(5, TimeUnit.SECONDS).getMethod()).isEqualTo("POST");
            // client.go redirectBehavior: a 302 after a POST is a GET without the body
            RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(second.getMethod()).isEqualTo("GET");
            assertThat(second.getPath()).isEqualTo("/b");
        }
    }

    @Test
    void glueHttpToAnUnstubbedHostFailsAsGoDoesAndHintsTheStub() throws Exception {
        TestResult r = run("function nauthilus_call_action(r)\n local http = require('glua_http')\n"
                + " local res, err = http.get('https://nowhere.example/x')\n"
                + " nauthilus_builtin.custom_log_add('err', tostring(res) .. ' ' .. err)\n return 0 end");
        assertThat(r.logs).containsExactly(
                "[CUSTOM] err: nil Get \"https://nowhere.example/x\": dial tcp: lookup nowhere.example: no such host");
        assertThat(hints).singleElement().asString().contains("--stub https://nowhere.example=KIND:FILE");
    }

    @Test
    void tcpConnectionReachesTheStubRoutedForItsHostAndPort() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                            .readLine();
                    OutputStream out = s.getOutputStream();
                    out.write("done\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return line;
                } catch (Exception e) {
                    return e.toString();
                }
            });
            router.routeStub("http://haproxy.test:9999", okhttp3.HttpUrl.parse("http://127.0.0.1:" + server.getLocalPort()));
            TestResult r = run("function nauthilus_call_action(r)\n local tcp = require('tcp')\n"
                    + " local conn, err = tcp.open('haproxy.test:9999')\n"
                    + " local werr = conn:write('add map ', 'block.map 10.0.0.0/8\\n')\n"
                    + " local got = conn:read('*l')\n"
                    + " nauthilus_builtin.custom_log_add('tcp', tostring(err) .. ' ' .. tostring(werr) .. ' ' .. got"
                    + " .. ' ' .. conn.readTimeout)\n conn:close()\n return 0 end");
            assertThat(r.errors).isEmpty();
            assertThat(r.logs).containsExactly("[CUSTOM] tcp: nil nil done 1");
            assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("add map block.map 10.0.0.0/8");
        }
    }

    @Test
    void tcpToAnUnroutedAddressFailsAsGosDialAndHintsTheStub() throws Exception {
        TestResult r = run("function nauthilus_call_action(r)\n local tcp = require('tcp')\n"
                + " local conn, err = tcp.open('stats.test:1234')\n"
                + " nauthilus_builtin.custom_log_add('tcp', tostring(conn) .. ' ' .. err)\n return 0 end");
        assertThat(r.logs).containsExactly("[CUSTOM] tcp: nil dial tcp: lookup stats.test: no such host");
        assertThat(hints).singleElement().asString().contains("--stub http://stats.test:1234=KIND:FILE");
    }

    @Test
    void cmdIsAnsweredByAnExecStubAndNoProcessRuns() throws Exception {
        ExecStub stub = new ExecStub("/usr/bin/checkpw *", "ok\n".getBytes(StandardCharsets.UTF_8),
                "warn\n".getBytes(StandardCharsets.UTF_8), WaitStatus.exited(3));
        TestResult r = run("function nauthilus_call_action(r)\n local cmd = require('cmd')\n"
                + " local res, err = cmd.exec('/usr/bin/checkpw alice')\n"
                + " nauthilus_builtin.custom_log_add('cmd', tostring(err) .. ' ' .. res.status .. ' ' .. res.stdout"
                + " .. res.stderr)\n return 0 end", new NetworkAccess(router, new StubShell(List.of(stub))));
        assertThat(r.logs).containsExactly("[CUSTOM] cmd: nil 3 ok\nwarn\n");
        assertThat(hints).isEmpty();
    }

    @Test
    void cmdWithoutAStubIsAMissingProgramAndHintsExec() throws Exception {
        TestResult r = run("function nauthilus_call_action(r)\n local cmd = require('cmd')\n"
                + " local res, err = cmd.exec('rm -rf /tmp/x')\n"
                + " nauthilus_builtin.custom_log_add('cmd', tostring(err) .. ' ' .. res.status .. ' [' .. res.stdout"
                + " .. '] ' .. res.stderr)\n return 0 end");
        // sh -c with a program not on PATH: dash's text, exit status 127 (cmd/api.go reads ExitStatus)
        assertThat(r.logs).containsExactly("[CUSTOM] cmd: nil 127 [] sh: 1: rm: not found\n");
        assertThat(hints).singleElement().asString().contains("--exec 'rm -rf /tmp/x'=STUB.yaml");
    }

    @Test
    void vadvHttpClientDoesItsRequestThroughTheStub() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setResponseCode(202).setBody("queued").addHeader("x-id", "7"));
            server.start(InetAddress.getLoopbackAddress(), 0);
            router.routeStub("https://api.telegram.org", server.url("/"));
            TestResult r = run("function nauthilus_call_action(r)\n local http = require('http')\n"
                    + " local c = http.client({timeout = 5, headers = {['x-client'] = 'c'}, basic_auth_user = 'u',"
                    + " basic_auth_password = 'p'})\n"
                    + " local req = http.request('POST', 'https://api.telegram.org/bot1/sendMessage', 'text=hi')\n"
                    + " req:header_set('content-type', 'application/x-www-form-urlencoded')\n"
                    + " local res, err = c:do_request(req)\n"
                    + " nauthilus_builtin.custom_log_add('res', tostring(err) .. ' ' .. res.code .. ' ' .. res.body .. ' '"
                    + " .. res.headers['X-Id'] .. ' ' .. http.query_escape('a b*~') .. ' ' .. select(2,"
                    + " http.query_unescape('%zz')))\n return 0 end");
            assertThat(r.errors).isEmpty();
            assertThat(r.logs).containsExactly("[CUSTOM] res: nil 202 queued 7 a+b%2A~ invalid URL escape \"%zz\"");
            RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(req.getPath()).isEqualTo("/bot1/sendMessage");
            assertThat(req.getBody().readUtf8()).isEqualTo("text=hi");
            assertThat(req.getHeader("User-Agent")).isEqualTo("gopher-lua");
            assertThat(req.getHeader("X-Client")).isEqualTo("c");
            assertThat(req.getHeader("Authorization")).isEqualTo("Basic dTpw");
            assertThat(req.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        }
    }

    @Test
    void vadvHttpToAnUnstubbedHostIsNilAndGosError() throws Exception {
        TestResult r = run("function nauthilus_call_action(r)\n local http = require('http')\n"
                + " local res, err = http.client():do_request(http.request('GET', 'http://nowhere.test/'))\n"
                + " nauthilus_builtin.custom_log_add('err', tostring(res) .. ' ' .. err)\n return 0 end");
        assertThat(r.logs).containsExactly("[CUSTOM] err: nil Get \"http://nowhere.test/\": dial tcp: lookup nowhere.test:"
                + " no such host");
        assertThat(hints).singleElement().asString().contains("--stub http://nowhere.test=KIND:FILE");
    }

    @Test
    void glueHttpBatchAppendsOnlySuccessesToResponsesAndOnlyFailuresToErrors() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setBody("one"));
            server.start(InetAddress.getLoopbackAddress(), 0);
            router.routeStub("http://api.example", server.url("/"));
            // gopher-lua LTable.Append skips nil, so neither table keeps the other's positions
            TestResult r = run("function nauthilus_call_action(r)\n local http = require('glua_http')\n"
                    + " local rs, errs = http.request_batch({{'get', 'http://down.example/'}, {'get', 'http://api.example/1'}})\n"
                    + " nauthilus_builtin.custom_log_add('batch', #rs .. ' ' .. rs[1].body .. ' ' .. #errs .. ' ' .. errs[1])\n"
                    + " local only = http.request_batch({})\n"
                    + " nauthilus_builtin.custom_log_add('empty', #only .. ' ' .. select('#', http.request_batch({})))\n"
                    + " return 0 end");
            assertThat(r.logs).containsExactly("[CUSTOM] batch: 1 one 1 Get \"http://down.example/\": dial tcp: lookup"
                    + " down.example: no such host", "[CUSTOM] empty: 0 1");
        }
    }

    @Test
    void aConnectionClosedBeforeTheAnswerIsGosEof() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.DISCONNECT_AFTER_REQUEST));
            server.start(InetAddress.getLoopbackAddress(), 0);
            router.routeStub("http://down.example", server.url("/"));
            TestResult r = run("function nauthilus_call_action(r)\n local res, err = require('glua_http').get("
                    + "'http://down.example/x')\n nauthilus_builtin.custom_log_add('err', err)\n return 0 end");
            // net/http: io.EOF from the transport, not the stub's loopback port
            assertThat(r.logs).containsExactly("[CUSTOM] err: Get \"http://down.example/x\": EOF");
        }
    }
}
