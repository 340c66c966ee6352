package org.dovelua.lua.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.dovelua.lua.LuaScript;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.lua.ScriptException;
import org.dovelua.lua.ScriptOptions;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.DovecotLib;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaValue;

/**
 * {@code dovecot.http} (dlua-dovecot-http.c, spec §4.4) against MockWebServer on loopback. The
 * expected texts are the ones real Dovecot 2.3.19.1 showed for the same calls.
 */
class HttpClientLibTest {
    private final MockWebServer server = new MockWebServer();
    private final List<String> hints = new ArrayList<>();
    private HttpRouter router;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        base = "http://127.0.0.1:" + server.getPort();
        router = new HttpRouter(hints::add);
        router.route(base, HttpUrl.parse(base + "/"));
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private LuaScript script(boolean v24) throws ScriptException {
        DovecotEvent root = DovecotEvent.root("auth", (p, l, m) -> { }, false);
        LuaScript s = LuaScript.load("/etc/dovecot/t.lua", new byte[0], root,
                new ScriptOptions().callTimeout(Duration.ofSeconds(20)));
        DovecotLib d = new DovecotLib(s);
        s.globals().load(d);
        s.globals().load(new HttpClientLib(router, v24, d.events()));
        s.runBody();
        return s;
    }

    /** The loopback TLS stub's self-signed certificate (conformance-tests' tls-ca.pem). */
    private static byte[] stubCa() throws IOException {
        try (java.io.InputStream in = HttpClientLibTest.class.getResourceAsStream("/tls/stub-ca.pem")) {
            return in.readAllBytes();
        }
    }

    /** A 2.4 state whose dovecot.http finds {@code ca} as the file /etc/dovecot/ca.pem. */
    private LuaScript caScript(byte[] ca) throws ScriptException {
        DovecotEvent root = DovecotEvent.root("auth", (p, l, m) -> { }, false);
        LuaScript s = LuaScript.load("/etc/dovecot/t.lua", new byte[0], root,
                new ScriptOptions().callTimeout(Duration.ofSeconds(20)));
        DovecotLib d = new DovecotLib(s);
        s.globals().load(d);
        s.globals().load(new HttpClientLib(router, true, d.events())
                .sslClientCa(path -> path.equals("/etc/dovecot/ca.pem") ? ca : null, null));
        s.runBody();
        return s;
    }

    private String eval(LuaScript s, String body) throws ScriptException {
        s.globals().load("function __t() " + body + " end", "=t").call();
        return s.call("__t", LuaValue.NONE, 1).arg1().tojstring();
    }

    private String eval(String body) throws ScriptException {
        return eval(script(false), body);
    }

    private static List<String> names(RecordedRequest rec) {
        List<String> n = new ArrayList<>();
        rec.getHeaders().forEach(p -> n.add(p.getFirst()));
        return n;
    }

    private static String get(String url, String settings) {
        return "local c = dovecot.http.client(" + settings + ") local r = c:request{url='" + url + "'} local resp = r:submit() ";
    }

    @Test
    void theOkHttpClientIsMadeByTheFirstClientNotByTheState() throws Exception {
        // issue 20: building OkHttp's client reads the trust store; a state without http.client must not pay it
        DovecotEvent root = DovecotEvent.root("auth", (p, l, m) -> { }, false);
        LuaScript s = LuaScript.load("/etc/dovecot/t.lua", new byte[0], root, new ScriptOptions());
        DovecotLib d = new DovecotLib(s);
        s.globals().load(d);
        HttpClientLib lib = new HttpClientLib(router, false, d.events());
        s.globals().load(lib);
        s.runBody();
        assertThat(lib.started()).isFalse();
        lib.close(); // closing a state that never made a client is fine
        server.enqueue(new MockResponse().setBody("late"));
        // and a client made after that still answers as before
        assertThat(eval(s, get(base + "/x", "{}") + "return resp:status() .. ' ' .. resp:payload()")).isEqualTo("200 late");
        assertThat(lib.started()).isTrue();
        lib.close();
    }

    @Test
    void dovecotShowsAuthStyleSubTable() throws Exception {
        LuaScript s = script(false);
        assertThat(eval(s, "local k = {} for n in pairs(dovecot) do k[#k+1] = n end table.sort(k) return table.concat(k, ',')"))
                .isEqualTo("http");
        assertThat(eval(s, "local k = {} for n in pairs(dovecot.http) do k[#k+1] = n end return table.concat(k, ',')"))
                .isEqualTo("client");
    }

    @Test
    void objectsCarryTheirMethods() throws Exception {
        server.enqueue(new MockResponse().setBody("x"));
        String keys = "local function keys(t) local k = {} for n, v in pairs(t) do k[#k+1] = n .. ':' .. type(v) end "
                + "table.sort(k) return table.concat(k, ',') end ";
        assertThat(eval(keys + "local c = dovecot.http.client{} local r = c:request{url='" + base + "/'} "
                + "return keys(c) .. ' ' .. keys(r) .. ' ' .. keys(r:submit())"))
                .isEqualTo("item:userdata,request:function "
                        + "add_header:function,item:userdata,remove_header:function,set_payload:function,submit:function "
                        + "header:function,item:userdata,payload:function,reason:function,status:function");
    }

    @Test
    void statusReasonHeadersPayload() throws Exception {
        server.enqueue(new MockResponse().setStatus("HTTP/1.1 201 Created Here").addHeader("X-Foo", "bar")
                .addHeader("X-Foo", "baz").setBody("hello"));
        assertThat(eval(get(base + "/ok", "{}") + "return resp:status() .. '|' .. type(resp:status()) .. '|' "
                + ".. resp:reason() .. '|' .. resp:header('x-FOO') .. '|' .. type(resp:header('Nope')) .. '[' "
                + ".. resp:header('Nope') .. ']|' .. resp:payload()"))
                .isEqualTo("201|number|Created Here|bar|string[]|hello");
    }

    @Test
    void standardHeadersInDovecotsOrder() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.EXPECT_CONTINUE));
        eval("local c = dovecot.http.client{user_agent='ua/1'} local r = c:request{url='" + base + "/p?q=1', method='POST'} "
                + "r:add_header('X-Test', '1') r:add_header('X-Gone', '2') r:remove_header('x-gone') "
                + "r:set_payload('{\"a\":1}') return r:submit():status()");
        RecordedRequest rec = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(rec.getRequestLine()).isEqualTo("POST /p?q=1 HTTP/1.1");
        assertThat(names(rec)).containsExactly("Host", "Date", "User-Agent", "Expect",
                "Content-Length", "Connection", "X-Test");
        assertThat(rec.getHeader("Host")).isEqualTo("127.0.0.1:" + server.getPort());
        assertThat(rec.getHeader("Date")).matches("[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT");
        assertThat(rec.getHeader("Expect")).isEqualTo("100-continue");
        assertThat(rec.getHeader("Connection")).isEqualTo("Keep-Alive");
        assertThat(rec.getBody().readUtf8()).isEqualTo("{\"a\":1}");
        HttpExchange ex = router.exchanges().get(0);
        assertThat(ex.method()).isEqualTo("POST");
        assertThat(ex.url()).isEqualTo(base + "/p?q=1");
        assertThat(ex.requestBodyText()).isEqualTo("{\"a\":1}");
        assertThat(ex.requestHeader("x-test")).isEqualTo("1");
        assertThat(ex.status()).isEqualTo(200);
    }

    /** A bare loopback server: answers 100 Continue, reads Content-Length bytes, answers {@code reply}. */
    private static String[] serveOnce(java.net.ServerSocket ss, String reply) {
        String[] got = new String[1];
        Thread t = new Thread(() -> {
            try (java.net.Socket c = ss.accept()) {
                java.io.InputStream in = c.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    head.append((char) in.read());
                }
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("Content-Length: (\\d+)").matcher(head);
                int n = m.find() ? Integer.parseInt(m.group(1)) : 0;
                if (head.toString().contains("Expect: 100-continue")) {
                    c.getOutputStream().write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                got[0] = head + new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
                c.getOutputStream().write(reply.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                got[0] = "server failed: " + e;
            }
        });
        t.start();
        return got;
    }

    @Test
    void getAndHeadWithAPayloadSendIt() throws Exception {
        // lib-http sends a GET's payload like any other (seen on 2.3.19); OkHttp would refuse it
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + ss.getLocalPort();
            router.route(url, HttpUrl.parse(url + "/"));
            String[] got = serveOnce(ss, "HTTP/1.1 200 OK\r\nX-Foo: bar\r\nContent-Length: 6\r\n\r\ngot it");
            assertThat(eval("local c = dovecot.http.client{} local r = c:request{url='" + url + "/q?a=1'} "
                    + "r:set_payload('{\"u\":1}') local resp = r:submit() "
                    + "return resp:status() .. '|' .. resp:reason() .. '|' .. resp:header('x-foo') .. '|' .. resp:payload()"))
                    .isEqualTo("200|OK|bar|got it");
            assertThat(got[0]).matches("GET /q\\?a=1 HTTP/1\\.1\r\nHost: 127\\.0\\.0\\.1:\\d+\r\nDate: [^\r]+\r\n"
                    + "Expect: 100-continue\r\nContent-Length: 7\r\nConnection: Keep-Alive\r\n\r\n\\{\"u\":1}");
            got = serveOnce(ss, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
            assertThat(eval("local c = dovecot.http.client{} local r = c:request{url='" + url + "/h', method='HEAD'} "
                    + "r:set_payload('x') local resp = r:submit() return resp:status() .. '|' .. #resp:payload()"))
                    .isEqualTo("200|0");
            assertThat(got[0]).startsWith("HEAD /h HTTP/1.1\r\n").endsWith("\r\n\r\nx");
            got = serveOnce(ss, "HTTP/1.1 200\r\n\r\n");
            assertThat(eval("local r = dovecot.http.client{}:request{url='" + url + "/'} r:set_payload('x') "
                    + "local resp = r:submit() return resp:status() .. '|' .. resp:reason()"))
                    .isEqualTo("9007|Expected ' ' after response status code, but found <CR><LF><CR><LF>");
        }
        assertThat(router.exchanges()).extracting(HttpExchange::method).containsExactly("GET", "HEAD", "GET");
        assertThat(router.exchanges().get(0).requestBodyText()).isEqualTo("{\"u\":1}");
    }

    @Test
    void aStubTakesAGetWithoutItsPayloadButTheRecordKeepsIt() throws Exception {
        HttpRouter stubs = new HttpRouter(hints::add).routeStub("https://api.example.com", HttpUrl.parse(base + "/"));
        router = stubs;
        server.enqueue(new MockResponse().setBody("stubbed"));
        assertThat(eval("local r = dovecot.http.client{}:request{url='https://api.example.com/x'} r:set_payload('body') "
                + "return r:submit():payload()")).isEqualTo("stubbed");
        RecordedRequest rec = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(rec.getRequestLine()).isEqualTo("GET /x HTTP/1.1");
        assertThat(rec.getBodySize()).isZero();
        assertThat(stubs.exchanges().get(0).requestBodyText()).isEqualTo("body");
        assertThat(stubs.exchanges().get(0).requestHeader("Expect")).isEqualTo("100-continue");
    }

    @Test
    void getWithAPayloadToAClosedPortOrAnUnroutedHost() throws Exception {
        int closed;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = ss.getLocalPort();
        }
        router.route("http://127.0.0.1:" + closed, HttpUrl.parse("http://127.0.0.1:" + closed + "/"));
        assertThat(eval("local r = dovecot.http.client{}:request{url='http://127.0.0.1:" + closed + "/'} "
                + "r:set_payload('x') local resp = r:submit() return resp:status() .. '|' .. resp:reason()"))
                .isEqualTo("9003|connect(127.0.0.1:" + closed + ") failed: Connection refused");
        assertThat(eval("local r = dovecot.http.client{}:request{url='https://nowhere.example.com/'} "
                + "r:set_payload('x') local resp = r:submit() return resp:status() .. '|' .. resp:reason()"))
                .isEqualTo("9002|Failed to lookup host nowhere.example.com: Name or service not known");
    }

    @Test
    void getWithoutUserAgentHasNoUserAgent() throws Exception {
        server.enqueue(new MockResponse());
        eval(get(base + "/", "{}") + "return 1");
        RecordedRequest rec = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(names(rec)).containsExactly("Host", "Date", "Connection");
    }

    @Test
    void addHeaderReplacesAndExplicitSpecialHeadersWin() throws Exception {
        server.enqueue(new MockResponse());
        eval("local c = dovecot.http.client{user_agent='ua'} local r = c:request{url='" + base + "/'} "
                + "r:add_header('X-A', '1') r:add_header('x-a', '2') r:add_header('User-Agent', 'mine') return r:submit():status()");
        RecordedRequest rec = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(names(rec)).containsExactly("Host", "Date", "Connection", "X-A", "User-Agent");
        assertThat(rec.getHeader("X-A")).isEqualTo("2");
        assertThat(rec.getHeader("User-Agent")).isEqualTo("mine");
    }

    @Test
    void v24PayloadIsAsynchronousUnlessAsked() throws Exception {
        server.enqueue(new MockResponse());
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.EXPECT_CONTINUE));
        LuaScript s = script(true);
        eval(s, "local c = dovecot.http.client{} local r = c:request{url='" + base + "/', method='PUT'} r:set_payload('x') return r:submit():status()");
        eval(s, "local c = dovecot.http.client{} local r = c:request{url='" + base + "/', method='PUT'} r:set_payload('x', true) return r:submit():status()");
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Expect")).isNull();
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeader("Expect")).isEqualTo("100-continue");
        assertThat(eval(s, "return select(2, pcall(function() local c = dovecot.http.client{} "
                + "c:request{url='" + base + "/'}:set_payload('a', true, 1) end))")).isEqualTo("expected 2 to 3 arguments, got 4");
    }

    @Test
    void connectionRefusedIs9003() throws Exception {
        int port = server.getPort();
        server.shutdown();
        assertThat(eval(get(base + "/x", "{}") + "return resp:status() .. '|' .. resp:reason() .. '|' .. resp:payload() .. '|' .. resp:header('a')"))
                .isEqualTo("9003|connect(127.0.0.1:" + port + ") failed: Connection refused||");
    }

    @Test
    void unroutedHostIs9002WithAHint() throws Exception {
        assertThat(eval(get("https://login.example.com/api", "{}") + "return resp:status() .. '|' .. resp:reason()"))
                .isEqualTo("9002|Failed to lookup host login.example.com: Name or service not known");
        assertThat(hints).singleElement().asString().contains("https://login.example.com/api")
                .contains("--stub https://login.example.com=KIND:FILE").contains("--allow-network");
        assertThat(router.exchanges().get(0).status()).isEqualTo(9002);
    }

    @Test
    void httpsRoutesToLoopbackWithOriginalHost() throws Exception {
        router.route("https://login.example.com", HttpUrl.parse(base + "/"));
        server.enqueue(new MockResponse().setBody("ok"));
        assertThat(eval(get("https://login.example.com/api/v1/auth/json?mode=no-auth", "{}") + "return resp:payload()"))
                .isEqualTo("ok");
        RecordedRequest rec = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(rec.getPath()).isEqualTo("/api/v1/auth/json?mode=no-auth");
        assertThat(rec.getHeader("Host")).isEqualTo("login.example.com");
    }

    @Test
    void allowNetworkLetsUnroutedUrlsThrough() throws Exception {
        MockWebServer other = new MockWebServer();
        other.start(java.net.InetAddress.getLoopbackAddress(), 0);
        try {
            other.enqueue(new MockResponse().setBody("direct"));
            String url = "http://127.0.0.1:" + other.getPort() + "/";
            assertThat(eval(get(url, "{}") + "return resp:status()")).isEqualTo("9002");
            router.allowNetwork(true);
            assertThat(eval(get(url, "{}") + "return resp:payload()")).isEqualTo("direct");
        } finally {
            other.shutdown();
        }
    }

    @Test
    void retryReasonCountsRetries() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        server.enqueue(new MockResponse().setBody("second"));
        assertThat(eval(get(base + "/", "{max_attempts=2}") + "return resp:reason()"))
                .matches("OK \\(1 retries in \\d+\\.\\d{3} secs\\)"); // as 2.3.19 (differential 074)
    }

    /** 2.4: http_client_settings_check() parses proxy_url with http_url_parse(url, NULL, 0) (case 525). */
    @Test
    void aProxyUrlLibHttpRefusesIsAnInvalidSettingOn24() throws Exception {
        LuaScript s = script(true);
        assertThat(eval(s, "local ok, e = pcall(dovecot.http.client, {proxy_url = 'http://user@proxy:3128/'}) return tostring(e)"))
                .isEqualTo("Invalid HTTP client setting: http_client settings: Invalid settings: Invalid"
                        + " http_client_proxy_url: HTTP URL does not allow `userinfo@' part");
        assertThat(eval(s, "return type(dovecot.http.client{proxy_url = 'http://proxy:3128'})")).isEqualTo("table");
    }

    /** http_client_request_url_str(): a URL http_url_parse() refuses fails the request with 9001. */
    @Test
    void aRequestFromCCodeToAUrlLibHttpRefusesFailsWithInvalidUrl() {
        HttpClientLib lib = new HttpClientLib(router, true, null).urlRules(HttpUrlParser.Rules.V24);
        HttpClientLib.Answer a = lib.request(new HttpClientSettings(), "GET", "http://h/a b?token", java.util.List.of(), null);
        assertThat(a.status()).isEqualTo(9001);
        assertThat(a.reason()).isEqualTo("Invalid HTTP URL: Path component contains invalid character ' '");
        assertThat(server.getRequestCount()).isZero();
        lib.close();
    }

    /** db-oauth2 makes its lib-http client once: requests from C code with the same settings share it. */
    @Test
    void requestsOfTheSameSettingsFromCCodeShareOneClient() throws Exception {
        HttpClientIds ids = new HttpClientIds();
        HttpClientLib lib = new HttpClientLib(router, true, null).clientIds(ids);
        HttpClientSettings settings = new HttpClientSettings();
        server.enqueue(new MockResponse().setBody("a"));
        server.enqueue(new MockResponse().setBody("b"));
        assertThat(new String(lib.request(settings, "GET", base + "/a", java.util.List.of(), null).body(),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("a");
        assertThat(new String(lib.request(settings, "GET", base + "/b", java.util.List.of(), null).body(),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("b");
        // one client number taken for both requests, two request numbers
        assertThat(ids.next(false)).isEqualTo(2);
        assertThat(ids.nextRequest()).isEqualTo(3);
        lib.close();
    }

    /**
     * The auth process's C clients (db-oauth2's, case 482): a POST's payload joins the header block
     * it counts ("Send more"), the response's end waits for the callback, a client made quiet logs
     * only the shared context's lines, and the connection takes the process's fd.
     */
    @Test
    void cClientsRequestsAreTracedUpToTheirCallback() throws Exception {
        List<String> log = new ArrayList<>();
        DovecotEvent root = DovecotEvent.root("auth", (p, l, m) -> log.add(m), true);
        int[] next = {19};
        HttpClientLib lib = new HttpClientLib(router, true, null, null, root).clientIds(new HttpClientIds())
                .callbacksInResponse(new SocketFds() {
                    @Override
                    public int open() {
                        return next[0]++;
                    }

                    @Override
                    public void close(int fd) {
                    }
                });
        HttpClientSettings quiet = new HttpClientSettings();
        HttpClientSettings passdb = new HttpClientSettings();
        passdb.userAgent = "dovecot-oauth2-passdb/2.4.1-4";
        passdb.maxIdleTimeMsecs = 60_000;
        lib.initClient(quiet, false);
        lib.initClient(passdb, true);
        server.enqueue(new MockResponse().setBody("{}"));
        byte[] payload = "token=x".getBytes(StandardCharsets.UTF_8);
        lib.request(passdb, "POST", base + "/introspect", List.of(Map.entry("Content-Type",
                "application/x-www-form-urlencoded")), payload);
        RecordedRequest sent = server.takeRequest();
        int head = sent.getRequestLine().length() + 2 + sent.getHeaders().toString().replace("\n", "\r\n").length() + 2;
        String req = "http-client[2]: request [Req1: POST " + base + "/introspect]: ";
        assertThat(log).contains(req + "Send more (sent 7, buffered=" + (head + 7) + ")",
                "http-client: conn 127.0.0.1:" + server.getPort() + " [1]: Client connected (fd=19)");
        assertThat(log).last().asString().startsWith(req + "Got 200 response: OK");
        log.clear();
        lib.callbackReturned();
        assertThat(log).contains(req + "Free (requests left=1)", "http-client: conn 127.0.0.1:" + server.getPort()
                + " [1]: No more requests queued; going idle (timeout = 60000 msecs)");
        lib.ioloopTurn();
        log.clear();
        server.enqueue(new MockResponse().setBody("{}"));
        lib.request(quiet, "GET", base + "/tokeninfo", List.of(), null);
        assertThat(log).contains("http-client: conn 127.0.0.1:" + server.getPort() + " [1]: Claimed as idle")
                .noneMatch(l -> l.startsWith("http-client[1]"));
        lib.close();
    }

    /** http_client_request_send_error reports an error without the retries (cases 462, 463 "always"). */
    @Test
    void anErrorAfterRetriesKeepsItsOwnReason() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        assertThat(eval(get(base + "/", "{max_attempts=2}") + "return resp:status() .. ' ' .. resp:reason()"))
                .startsWith("9005 Connection lost: ").doesNotContain("retries in");
    }

    @Test
    void routesMatchPathPrefixesBySegment() {
        HttpUrl a = HttpUrl.parse("http://127.0.0.1:1/");
        HttpUrl b = HttpUrl.parse("http://127.0.0.1:2/");
        HttpRouter r = HttpRouter.offline().route("https://api.example.com/x", a).route("https://api.example.com", b);
        assertThat(r.targetFor(HttpUrl.parse("https://api.example.com/x/y"))).isEqualTo(a);
        assertThat(r.targetFor(HttpUrl.parse("https://api.example.com/x"))).isEqualTo(a);
        assertThat(r.targetFor(HttpUrl.parse("https://api.example.com/xy"))).isEqualTo(b);
        assertThat(r.targetFor(HttpUrl.parse("https://API.example.com:443/"))).isEqualTo(b);
        assertThat(r.targetFor(HttpUrl.parse("https://api.example.com:8443/"))).isNull();
        assertThat(r.targetFor(HttpUrl.parse("http://api.example.com/"))).isNull();
    }

    @Test
    void droppedConnectionIs9005() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        assertThat(eval(get(base + "/drop", "{}") + "return resp:status() .. '|' .. resp:reason()"))
                .matches("9005\\|Connection lost: read\\(\\(conn:127\\.0\\.0\\.1:\\d+,id=\\d+\\)\\) failed: EOF "
                        + "\\(Request queued \\d+\\.\\d{3} secs ago, 1 send attempts in .*\\)");
    }

    @Test
    void retriesAConnectionLossWithinMaxAttempts() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        server.enqueue(new MockResponse().setBody("second"));
        assertThat(eval(get(base + "/", "{max_attempts=2}") + "return resp:status() .. '|' .. resp:payload()"))
                .isEqualTo("200|second");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void garbageIs9007() throws Exception {
        server.enqueue(new MockResponse().setStatus("garbage"));
        // the first 20 bytes received, as lib-http quotes them (2.3.19, differential case 073)
        assertThat(eval(get(base + "/bad", "{}") + "return resp:status() .. '|' .. resp:reason()"))
                .isEqualTo("9007|Invalid HTTP version in response: `garbage'<CR><LF>`Content-Len'");
    }

    @Test
    void statusLinesOkHttpTakesButLibHttpRefusesAre9007() throws Exception {
        server.enqueue(new MockResponse().setStatus("HTTP/1.1 200"));
        assertThat(eval(get(base + "/a", "{}") + "return resp:status() .. '|' .. resp:reason()"))
                .isEqualTo("9007|Expected ' ' after response status code, but found <CR><LF>`Content-Length: 0'<CR>");
        server.enqueue(new MockResponse().setStatus("HTTP/1.1 099 Low"));
        assertThat(eval(get(base + "/b", "{}") + "return resp:status() .. '|' .. resp:reason()"))
                .isEqualTo("9007|Invalid HTTP status code in response");
        server.enqueue(new MockResponse().setStatus("HTTP/1.1 200 OK").setBody("fine"));
        assertThat(eval(get(base + "/c", "{}") + "return resp:status() .. '|' .. resp:payload()"))
                .isEqualTo("200|fine");
    }

    @Test
    void replySanitizeQuotesAsLibHttp() {
        // 2.3.19 for "garbage\r\n\r\n": Invalid HTTP version in response: `garbage'<CR><LF><CR><LF>
        assertThat(HttpClientLib.replySanitize("garbage\r\n\r\n")).isEqualTo("`garbage'<CR><LF><CR><LF>");
        assertThat(HttpClientLib.replySanitize("garbage\r\nContent-Length: 0")).isEqualTo("`garbage'<CR><LF>`Content-Len'");
        assertThat(HttpClientLib.replySanitize("\u0001x")).isEqualTo("<0x01>`x'");
    }

    @Test
    void slowResponseIs9008() throws Exception {
        server.enqueue(new MockResponse().setBody("late").setHeadersDelay(3, TimeUnit.SECONDS));
        assertThat(eval(get(base + "/slow", "{request_timeout_msecs=300}") + "return resp:status() .. '|' .. resp:reason()"))
                .matches("9008\\|Request timed out \\(Request queued 0\\.\\d{3} secs ago.*\\)");
    }

    /**
     * A connect that times out is lib-http's 9003 "Connection timed out in N secs" (seen on 2.3.19 and
     * 2.4.1, cases 502, 503), whatever case the JDK gives "Connect timed out" in. The address is a
     * listener whose accept queue is full, which drops further SYNs (Linux tcp_conn_request).
     */
    @Test
    void aConnectThatTimesOutIs9003() throws Exception {
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> queued = new ArrayList<>();
            java.net.InetSocketAddress at = new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(),
                    full.getLocalPort());
            try {
                while (true) {
                    java.net.Socket c = new java.net.Socket();
                    try {
                        c.connect(at, 300);
                    } catch (java.net.SocketTimeoutException e) {
                        c.close();
                        break;
                    }
                    queued.add(c);
                }
                String url = "http://127.0.0.1:" + full.getLocalPort();
                router.route(url, HttpUrl.parse(url + "/"));
                assertThat(eval(get(url + "/conn", "{connect_timeout_msecs=200}")
                        + "return resp:status() .. '|' .. resp:reason()"))
                        .matches("9003\\|connect\\(127\\.0\\.0\\.1:\\d+\\) failed: Connection timed out in \\d\\.\\d{3} secs");
            } finally {
                for (java.net.Socket c : queued) {
                    c.close();
                }
            }
        }
    }

    /** A loopback TLS server with the self-signed certificate for 127.0.0.1 (test resources), answering "ok" once. */
    private static javax.net.ssl.SSLServerSocket tlsServer(String... protocols) throws Exception {
        javax.net.ssl.SSLContext ctx = org.dovelua.testkit.tls.LoopbackTls.serverContext();
        javax.net.ssl.SSLServerSocket ss = (javax.net.ssl.SSLServerSocket) ctx.getServerSocketFactory()
                .createServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress());
        if (protocols.length > 0) {
            ss.setEnabledProtocols(protocols);
        }
        Thread t = new Thread(() -> {
            try (java.net.Socket s = ss.accept()) {
                java.io.InputStream in = s.getInputStream();
                byte[] head = new byte[4];
                while (!new String(head, StandardCharsets.ISO_8859_1).equals("\r\n\r\n")) {
                    System.arraycopy(head, 1, head, 0, 3);
                    int c = in.read();
                    if (c < 0) {
                        return;
                    }
                    head[3] = (byte) c;
                }
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            } catch (java.io.IOException e) {
                // the client refused the certificate
            }
        });
        t.setDaemon(true);
        t.start();
        return ss;
    }

    /**
     * An https server whose certificate the client does not trust: 9003 with lib-ssl-iostream's text
     * (seen on 2.3.19 and 2.4.1, cases 506, 507); trusted through ssl_client_ca_file: its answer.
     */
    @Test
    void tlsTrustsTheSystemAndSslClientCaFile() throws Exception {
        router.allowNetwork(true);
        byte[] ca = stubCa();
        try (javax.net.ssl.SSLServerSocket ss = tlsServer()) {
            String url = "https://127.0.0.1:" + ss.getLocalPort();
            LuaScript s = caScript(ca);
            assertThat(eval(s, get(url + "/tls", "{}") + "return resp:status() .. '|' .. resp:reason()"))
                    .matches("9003\\|SSL handshaking with 127\\.0\\.0\\.1:\\d+ failed: read\\(SSL \\(conn:127\\.0\\.0\\.1:\\d+,id=\\d+\\)\\)"
                            + " failed: Received invalid SSL certificate: self-signed certificate: /CN=127\\.0\\.0\\.1"
                            + " \\(check ssl_client_ca_\\* settings\\?\\)");
        }
        try (javax.net.ssl.SSLServerSocket ss = tlsServer()) {
            String url = "https://127.0.0.1:" + ss.getLocalPort();
            LuaScript s = caScript(ca);
            assertThat(eval(s, get(url + "/tls", "{ssl_client_ca_file='/etc/dovecot/ca.pem'}")
                    + "return resp:status() .. '|' .. resp:payload()")).isEqualTo("200|ok");
        }
    }

    /**
     * 2.4's lib-ssl-iostream lines follow the handshake the JDK negotiated: a TLS 1.2 server gets
     * OpenSSL's TLS 1.2 client states (an ECDHE suite: its ServerKeyExchange), the trusted
     * certificate's line where the Certificate is read, and no ticket read after (LibHttpTraceTest).
     */
    @Test
    void aTls12HandshakeLogsTls12States() throws Exception {
        router.allowNetwork(true);
        byte[] ca = stubCa();
        try (javax.net.ssl.SSLServerSocket ss = tlsServer("TLSv1.2")) {
            String url = "https://127.0.0.1:" + ss.getLocalPort();
            List<String> log = new ArrayList<>();
            DovecotEvent root = DovecotEvent.root("auth-worker", (p, l, m) -> log.add(m), true);
            LuaScript s = LuaScript.load("/etc/dovecot/t.lua", new byte[0], root,
                    new ScriptOptions().callTimeout(Duration.ofSeconds(20)));
            DovecotLib d = new DovecotLib(s);
            s.globals().load(d);
            HttpClientLib http = new HttpClientLib(router, true, d.events(), s.event(), root)
                    .sslClientCa(path -> path.equals("/etc/dovecot/ca.pem") ? ca : null, null).sslIostream(true, true);
            s.globals().load(http);
            s.runBody();
            http.initDone();
            assertThat(eval(s, get(url + "/tls", "{ssl_client_ca_file='/etc/dovecot/ca.pem'}")
                    + "return resp:status() .. '|' .. resp:payload()")).isEqualTo("200|ok");
            String conn = "http-client: conn 127.0.0.1:" + ss.getLocalPort() + " [1]: 127.0.0.1: ";
            assertThat(log.stream().filter(l -> l.startsWith(conn)).map(l -> l.substring(conn.length())))
                    .containsExactlyElementsOf(OpenSslStateLines.TLS12_ECDHE_WITH_TICKET);
        }
    }

    @Test
    void aResponseBodyStallingPastTheRequestTimeoutIsCut() throws Exception {
        // the idle timeout is the socket's SO_TIMEOUT now, not OkHttp's read timeout: it must still cut a stalled body
        server.enqueue(new MockResponse().setBody("0123456789").throttleBody(5, 2, TimeUnit.SECONDS));
        assertThat(eval(get(base + "/stall", "{request_timeout_msecs=300}") + "return resp:status() .. '|' .. resp:payload()"))
                .isEqualTo("200|01234");
    }

    @Test
    void aLargePayloadThePeerNeverReadsTimesOut() throws Exception {
        // a request bigger than a socket's first send buffer keeps its write timeout (HttpClientLib.writeTimeout)
        try (java.net.ServerSocket deaf = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    deaf.accept(); // and never read
                    Thread.sleep(60_000);
                } catch (IOException | InterruptedException e) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + deaf.getLocalPort() + "/upload";
            router.route(url, HttpUrl.parse("http://127.0.0.1:" + deaf.getLocalPort() + "/"));
            assertThat(eval("local c = dovecot.http.client{request_timeout_msecs=300} "
                    + "local r = c:request{url='" + url + "', method='POST'} r:set_payload(string.rep('x', 64 * 1024 * 1024)) "
                    + "local resp = r:submit() return resp:status() .. '|' .. resp:reason()"))
                    .matches("9008\\|Request timed out \\(Request queued \\d+\\.\\d{3} secs ago.*\\)");
            acceptor.interrupt();
        }
    }

    @Test
    void onlyARequestThatCouldWaitInAWriteHasAWriteTimeout() {
        List<Map.Entry<String, String>> wire = List.of(Map.entry("Host", "example.com"), Map.entry("Date", "now"));
        String line = "POST http://example.com/ HTTP/1.1";
        assertThat(HttpClientLib.writeTimeout(line, wire, null, 5000)).isZero();
        assertThat(HttpClientLib.writeTimeout(line, wire, new byte[HttpClientLib.UNBLOCKED_WRITE - 100], 5000)).isZero();
        assertThat(HttpClientLib.writeTimeout(line, wire, new byte[HttpClientLib.UNBLOCKED_WRITE], 5000)).isEqualTo(5000);
        assertThat(HttpClientLib.writeTimeout(line, wire, new byte[HttpClientLib.UNBLOCKED_WRITE], 4294967295L))
                .isEqualTo(Integer.MAX_VALUE);
        // a long URL counts as much as a payload
        String longLine = "GET http://example.com/" + "a".repeat(HttpClientLib.UNBLOCKED_WRITE) + " HTTP/1.1";
        assertThat(HttpClientLib.writeTimeout(longLine, wire, null, 5000)).isEqualTo(5000);
    }

    @Test
    void redirectsFollowDovecotsSettings() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(302).addHeader("Location", "/ok"));
        assertThat(eval(get(base + "/r", "{}") + "return resp:status() .. '|' .. resp:reason()"))
                .isEqualTo("9004|Invalid redirect location: Relative HTTP URL not allowed");
        server.enqueue(new MockResponse().setResponseCode(302).addHeader("Location", base + "/ok"));
        assertThat(eval(get(base + "/r", "{}") + "return resp:status() .. '|' .. resp:reason()"))
                .isEqualTo("9004|Redirect refused");
        server.enqueue(new MockResponse().setResponseCode(302).addHeader("Location", base + "/ok"));
        server.enqueue(new MockResponse().setBody("there"));
        assertThat(eval(get(base + "/r", "{max_redirects=1}") + "return resp:status() .. '|' .. resp:payload()"))
                .isEqualTo("200|there");
        server.enqueue(new MockResponse().setResponseCode(302).addHeader("Location", base + "/ok"));
        assertThat(eval(get(base + "/r", "{no_auto_redirect=true}") + "return resp:status() .. '|' .. resp:header('location')"))
                .isEqualTo("302|" + base + "/ok");
    }

    @Test
    void settings23TypesAndTexts() throws Exception {
        LuaScript s = script(false);
        String[][] cases = {
            {"{max_attempts='3'}", "Invalid HTTP client setting: max_attempts: non-negative number expected"},
            {"{max_attempts=-1}", "Invalid HTTP client setting: max_attempts: non-negative number expected"},
            {"{max_attempts=1.5}", "Invalid HTTP client setting: max_attempts: non-negative number expected"},
            {"{debug='yes'}", "Invalid HTTP client setting: debug: boolean expected"},
            {"{user_agent=5}", "Invalid HTTP client setting: user_agent: string expected"},
            {"{user_agent=true}", "Invalid HTTP client setting: user_agent: string expected"},
            {"{proxy_url='::bad'}", "Invalid HTTP client setting: proxy_url is invalid: Relative HTTP URL not allowed"},
            {"{timeout=5, max_attempts=2}", "ok"},
            {"'x'", "bad argument #1 to 'client' (table expected, got string)"}, // a tail call: no caller line
            {"", "expected 1 arguments, got 0"},
        };
        for (String[] c : cases) {
            assertThat(eval(s, "local ok, e = pcall(function() return dovecot.http.client(" + c[0] + ") end) return ok and 'ok' or e"))
                    .as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void settings24NamesAndSyntax() throws Exception {
        // the texts real 2.4.1 gives (differential case 215): values are hardcoded overrides of http_client_*
        LuaScript s = script(true);
        String[][] cases = {
            {"{timeout=5}", "Invalid HTTP client setting: timeout is unknown setting"},
            {"{auto_retry='cow'}", "Invalid HTTP client setting: http_client settings: Failed to parse configuration: Failed to override configuration from hardcoded: Invalid http_client_auto_retry=cow: Invalid boolean value: cow (use yes or no)"},
            {"{request_max_attempts='three'}", "Invalid HTTP client setting: http_client settings: Failed to parse configuration: Failed to override configuration from hardcoded: Invalid http_client_request_max_attempts=three: Invalid number three: Not a valid number"},
            {"{request_timeout=5}", "Invalid HTTP client setting: http_client settings: Failed to parse configuration: Failed to override configuration from hardcoded: Invalid http_client_request_timeout=5: Time interval '5' is missing units (add e.g. 's' for seconds)"},
            {"{request_timeout='5 parsecs'}", "Invalid HTTP client setting: http_client settings: Failed to parse configuration: Failed to override configuration from hardcoded: Invalid http_client_request_timeout=5 parsecs: Invalid time interval: 5 parsecs"},
            {"{request_timeout='500ms', request_max_attempts=3, auto_redirect='no', user_agent='x', ssl_min_protocol='TLSv1.2'}", "ok"},
            {"{max_attempts=1}", "Invalid HTTP client setting: max_attempts is unknown setting"},
        };
        for (String[] c : cases) {
            assertThat(eval(s, "local ok, e = pcall(function() return dovecot.http.client(" + c[0] + ") end) return ok and 'ok' or e"))
                    .as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void intervalsAsStrParseReadsThem() throws Exception {
        assertThat(HttpClientSettings.interval("0", true)).isZero();
        assertThat(HttpClientSettings.interval("5s", true)).isEqualTo(5000);
        assertThat(HttpClientSettings.interval("5 secs", true)).isEqualTo(5000);
        assertThat(HttpClientSettings.interval("500ms", true)).isEqualTo(500);
        assertThat(HttpClientSettings.interval("2m", true)).isEqualTo(120_000);
        assertThat(HttpClientSettings.interval("1h", false)).isEqualTo(3600);
        assertThat(HttpClientSettings.interval("2000 msecs", false)).isEqualTo(2);
    }

    /**
     * lauxlib's argument errors carry the calling chunk's position (real 2.3.19:
     * {@code [string "..."]:1: bad argument ...}); LuaJ writes it as {@code chunk:1 msg}, the known
     * position-format divergence. Dovecot's own texts carry none.
     */
    @Test
    void requestErrors() throws Exception {
        LuaScript s = script(false);
        String pre = "local c = dovecot.http.client{} ";
        String[][] cases = {
            {"c:request{}", "cannot create request: url not specified"},
            {"c:request{url='bogus'}", "Failed to parse url bogus: Relative HTTP URL not allowed"},
            {"c:request{url='ftp://x/y'}", "Failed to parse url ftp://x/y: Not an HTTP URL"},
            {"c:request('x')", "t:1: bad argument #1 to 'request' (table expected, got string)"},
            {"c.request(c)", "expected 2 arguments, got 1"},
            {"c.request('x', {})", "Bad argument #1, expected struct http_client got string"},
            {"local r = c:request{url='http://a/'} r:add_header('a')", "expected 3 arguments, got 2"},
            {"local r = c:request{url='http://a/'} r:add_header('a', {})", "t:1: bad argument #2 to 'add_header' (string expected, got table)"},
            {"local r = c:request{url='http://a/'} r.submit(nil)", "Bad argument #1, expected struct http_client_request got nil"},
        };
        for (String[] c : cases) {
            assertThat(eval(s, pre + "local ok, e = pcall(function() " + c[0] + " end) return ok and 'ok' or e"))
                    .as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void responseMethodArgumentChecks() throws Exception {
        server.enqueue(new MockResponse());
        LuaScript s = script(false);
        assertThat(eval(s, get(base + "/", "{}") + "local a = select(2, pcall(resp.header, resp)) "
                + "local b = select(2, pcall(resp.status, nil)) return a .. '|' .. b"))
                .isEqualTo("expected 2 arguments, got 1|Bad argument #1, expected struct dlua_http_response got nil");
    }

    @Test
    void crashesKillTheProcessAsOn2319() throws Exception {
        server.enqueue(new MockResponse());
        LuaScript s = script(false);
        // pcall cannot catch them: the worker process dies
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> eval(s, "return pcall(function() "
                + "dovecot.http.client{}:request{url='" + base + "/'}:add_header('A', 'x\\n') end)"))
                .isInstanceOf(ProcessDeath.class).hasMessageContaining("line 444").hasMessageContaining("strpbrk(value");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> eval(s, "local r = dovecot.http.client{}:request{url='"
                + base + "/'} r:submit() return pcall(r.submit, r)"))
                .isInstanceOf(ProcessDeath.class).hasMessageStartingWith("Segmentation fault");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> eval(s, "return pcall(function() "
                + "local c = dovecot.http.client{} c.request({}, {url='" + base + "/'}) end)"))
                .isInstanceOf(ProcessDeath.class).hasMessageStartingWith("Segmentation fault");
    }

    @Test
    void binaryPayloadsSurviveIntact() throws Exception {
        okio.Buffer body = new okio.Buffer().write(new byte[] {0, (byte) 0xff, 'a'});
        server.enqueue(new MockResponse().setBody(body));
        assertThat(eval(get(base + "/", "{}") + "local p = resp:payload() return #p .. ':' .. p:byte(1) .. ':' .. p:byte(2)"))
                .isEqualTo("3:0:255");
    }

    @Test
    void traceShowsBothDirections() throws Exception {
        server.enqueue(new MockResponse().setBody("pong"));
        eval(get(base + "/ping", "{}") + "return 1");
        String trace = router.exchanges().get(0).trace();
        assertThat(trace).startsWith("> GET " + base + "/ping\n> Host: ").contains("< 200 OK\n").endsWith("<\n< pong\n");
        assertThat(new String(router.exchanges().get(0).responseBody(), StandardCharsets.UTF_8)).isEqualTo("pong");
    }

    /** 2.4.3's request events (b98b7e1189; case 403): the label prefix, under the client or a given event. */
    @Test
    void requestEventsCarryTheRequestLabel() throws Exception {
        List<String> log = new ArrayList<>();
        DovecotEvent root = DovecotEvent.root("auth-worker", (p, l, m) -> log.add(l.label() + ": " + m), false);
        LuaScript s = LuaScript.load("/etc/dovecot/t.lua", new byte[0], root,
                new ScriptOptions().callTimeout(Duration.ofSeconds(20)));
        DovecotLib d = new DovecotLib(s);
        s.globals().load(d);
        HttpClientLib http = new HttpClientLib(router, true, d.events(), s.event()).requestEvents(true);
        s.globals().load(http);
        s.runBody();
        http.initDone();
        assertThat(eval(s, "local r = dovecot.http.client{}:request{url='" + base + "/a?b=1', method='POST'}"
                + " r:get_event():log_info('own') local e = dovecot.event() e:append_log_prefix('mine: ')"
                + " r:set_event(e) r:get_event():log_info('set') return tostring(r:get_event() ~= e)")).isEqualTo("true");
        assertThat(log).containsExactly("Info: http-client[2]: request [Req1: POST " + base + "/a?b=1]: own",
                "Info: mine: request [Req1: POST " + base + "/a?b=1]: set");
        assertThat(eval(s, "local r = dovecot.http.client{}:request{url='" + base + "/'}"
                + " return select(2, pcall(r.set_event, r, 'x'))")).isEqualTo("Bad argument #2, expected struct event got string");
        assertThat(eval(s, "local r = dovecot.http.client{}:request{url='" + base + "/'}"
                + " return select(2, pcall(r.get_event, r, 1))")).isEqualTo("expected 1 arguments, got 2");
        // before 2.4.3 there are no such methods
        assertThat(eval(script(true), "return type(dovecot.http.client{}:request{url='" + base + "/'}.set_event)"))
                .isEqualTo("nil");
    }

    /** 2.4.2's lib-dns-client settings (dd6f9b3a3f; cases 404, 405): taken as overrides, read at a lookup. */
    @Test
    void dnsClientSettingsAreReadAtTheHostLookup() throws Exception {
        LuaScript s = script(true);
        String unknown = "return select(2, pcall(dovecot.http.client, {dns_client_timeout = 'soon'}))";
        assertThat(eval(s, unknown)).isEqualTo("Invalid HTTP client setting: dns_client_timeout is unknown setting");
        DovecotEvent root = DovecotEvent.root("auth", (p, l, m) -> { }, false);
        LuaScript s2 = LuaScript.load("/etc/dovecot/t.lua", new byte[0], root, new ScriptOptions());
        DovecotLib d = new DovecotLib(s2);
        s2.globals().load(d);
        s2.globals().load(new HttpClientLib(router, true, d.events())
                .dnsClientSettings(new DnsClientSettings("/run/dovecot", p -> false, true)));
        s2.runBody();
        assertThat(eval(s2, "return type(dovecot.http.client{dns_client_timeout = 'soon', base_dir = '/x'})")).isEqualTo("table");
        assertThat(eval(s2, "local r = dovecot.http.client{dns_client_timeout = 'soon'}:request{url = 'http://name.invalid/'}"
                + ":submit() return r:status() .. ' ' .. r:reason()")).isEqualTo("9002 Failed to lookup host name.invalid:"
                + " dns_client settings: Failed to parse configuration: Failed to override configuration from hardcoded:"
                + " Invalid dns_client_timeout=soon: Invalid time interval: soon");
    }
}
