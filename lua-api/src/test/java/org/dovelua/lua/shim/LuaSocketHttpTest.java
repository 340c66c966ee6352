package org.dovelua.lua.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.dovelua.lua.BuiltinModules;
import org.dovelua.lua.LuaScript;
import org.dovelua.lua.ProcessDeath;
import org.dovelua.lua.ScriptException;
import org.dovelua.lua.ScriptOptions;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.http.HttpExchange;
import org.dovelua.lua.http.HttpRouter;
import org.dovelua.lua.sandbox.SandboxLib;
import org.dovelua.lua.sandbox.VirtualFileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaValue;

/**
 * LuaSocket's {@code socket.http.request} and LuaSec's {@code ssl.https.request} (Debian's real
 * http.lua and https.lua over dovelua's socket.core) against MockWebServer on loopback, routed
 * as {@code --stub} routes them: what reaches the stub, what the script gets back, what the router
 * records.
 */
class LuaSocketHttpTest {
    private final MockWebServer server = new MockWebServer();
    private final List<String> hints = new ArrayList<>();
    private HttpRouter router;
    private HttpUrl stub;

    @BeforeEach
    void start() throws IOException {
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        stub = HttpUrl.parse("http://127.0.0.1:" + server.getPort() + "/");
        router = new HttpRouter(hints::add).routeStub("http://api.example.com", stub)
                .routeStub("https://secure.example.com", stub);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private String run(String body) throws ScriptException {
        return run(body, Duration.ofSeconds(20));
    }

    private String run(String body, Duration limit) throws ScriptException {
        DovecotEvent root = DovecotEvent.root("auth", (p, l, m) -> { }, false);
        ScriptOptions options = new ScriptOptions().callTimeout(limit).sandbox(g -> g.load(
                BuiltinModules.install(new SandboxLib(new VirtualFileSystem(), hints::add), router, org.dovelua.lua.shim.luasql.SqlServers.offline())));
        try (LuaScript s = LuaScript.load("/etc/dovecot/t.lua", new byte[0], root,
                options)) {
            s.runBody();
            s.globals().load("function __t() " + body + " end", "=t").call();
            return s.call("__t", LuaValue.NONE, 1).arg1().tojstring();
        }
    }

    private static final String SHOW = "local function show(t) local k = {} for n, v in pairs(t) do k[#k+1] = n .. '=' .. v end "
            + "table.sort(k) return table.concat(k, ',') end ";

    @Test
    void simpleGetReturnsBodyCodeLowerCasedHeadersAndStatusLine() throws Exception {
        server.enqueue(new MockResponse().setStatus("HTTP/1.1 200 Fine").addHeader("X-Thing", "a").setBody("hello"));
        String out = run(SHOW + "local http = require('socket.http') "
                + "local b, c, h, s = http.request('http://api.example.com/v1/check?u=x') "
                + "return b .. '|' .. math.type(c) .. c .. '|' .. h['x-thing'] .. h['content-length'] .. '|' .. s");
        assertThat(out).isEqualTo("hello|integer200|a5|HTTP/1.1 200 Fine");
        RecordedRequest rec = server.takeRequest();
        assertThat(rec.getRequestLine()).isEqualTo("GET /v1/check?u=x HTTP/1.1");
        assertThat(rec.getHeader("Host")).isEqualTo("api.example.com");
        assertThat(rec.getHeader("User-Agent")).isEqualTo("LuaSocket 3.0.0");
        assertThat(rec.getHeader("Connection")).isEqualTo("close, TE");
        assertThat(rec.getHeader("TE")).isEqualTo("trailers");
        HttpExchange ex = router.exchanges().get(0);
        assertThat(ex.method()).isEqualTo("GET");
        assertThat(ex.url()).isEqualTo("http://api.example.com/v1/check?u=x");
        assertThat(ex.status()).isEqualTo(200);
        assertThat(ex.reason()).isEqualTo("Fine");
        assertThat(ex.requestHeader("user-agent")).isEqualTo("LuaSocket 3.0.0");
        assertThat(ex.responseBodyText()).isEqualTo("hello");
    }

    @Test
    void simpleFormWithABodyPostsAForm() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(201).setBody("made"));
        assertThat(run("local b, c = require('socket.http').request('http://api.example.com/u', 'user=a&pw=b') "
                + "return b .. c")).isEqualTo("made201");
        RecordedRequest rec = server.takeRequest();
        assertThat(rec.getMethod()).isEqualTo("POST");
        assertThat(rec.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(rec.getHeader("Content-Length")).isEqualTo("11");
        assertThat(rec.getBody().readUtf8()).isEqualTo("user=a&pw=b");
        assertThat(router.exchanges().get(0).requestBodyText()).isEqualTo("user=a&pw=b");
    }

    @Test
    void genericFormWithSourceSinkMethodAndHeaders() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"ok\":true}"));
        String out = run("local http, ltn12 = require('socket.http'), require('ltn12') local t = {} "
                + "local r, c, h = http.request{url = 'http://api.example.com/auth', method = 'PUT', "
                + "headers = {['Content-Type'] = 'application/json', ['content-length'] = 9, ['X-Key'] = 'k1'}, "
                + "source = ltn12.source.string('{\"u\":\"a\"}'), sink = ltn12.sink.table(t)} "
                + "return tostring(r) .. c .. table.concat(t)");
        assertThat(out).isEqualTo("1200{\"ok\":true}");
        RecordedRequest rec = server.takeRequest();
        assertThat(rec.getMethod()).isEqualTo("PUT");
        assertThat(rec.getHeader("X-Key")).isEqualTo("k1");
        assertThat(rec.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(rec.getBody().readUtf8()).isEqualTo("{\"u\":\"a\"}");
    }

    @Test
    void aSourceWithoutLengthIsSentChunkedAndRecordedWhole() throws Exception {
        server.enqueue(new MockResponse().setBody("ok"));
        assertThat(run("local http, ltn12 = require('socket.http'), require('ltn12') "
                + "local r, c = http.request{url = 'http://api.example.com/p', method = 'POST', "
                + "source = ltn12.source.table{'ab', 'cd'}} return r .. c")).isEqualTo("1200");
        RecordedRequest rec = server.takeRequest();
        assertThat(rec.getHeader("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(rec.getBody().readUtf8()).isEqualTo("abcd");
        assertThat(router.exchanges().get(0).requestBodyText()).isEqualTo("abcd");
    }

    @Test
    void chunkedResponsesReachTheSink() throws Exception {
        server.enqueue(new MockResponse().setChunkedBody("a long chunked body", 4));
        assertThat(run("local b, c = require('socket.http').request('http://api.example.com/c') return b .. c"))
                .isEqualTo("a long chunked body200");
        assertThat(router.exchanges().get(0).responseBodyText()).isEqualTo("a long chunked body");
    }

    @Test
    void getFollowsRedirectsAndSaysWhereItWent() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(302).addHeader("Location", "/moved"));
        server.enqueue(new MockResponse().setBody("there"));
        assertThat(run("local b, c, h = require('socket.http').request('http://api.example.com/old') "
                + "return b .. c .. h.location")).isEqualTo("there200/moved");
        assertThat(server.takeRequest().getPath()).isEqualTo("/old");
        assertThat(server.takeRequest().getPath()).isEqualTo("/moved");
        assertThat(router.exchanges()).extracting(HttpExchange::url)
                .containsExactly("http://api.example.com/old", "http://api.example.com/moved");
    }

    @Test
    void postIsNotRedirectedAndRedirectFalseStops() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(302).addHeader("Location", "/moved").setBody("x"));
        server.enqueue(new MockResponse().setResponseCode(301).addHeader("Location", "/moved"));
        assertThat(run("local http = require('socket.http') local _, c1 = http.request('http://api.example.com/a', 'b=1') "
                + "local _, c2 = http.request{url = 'http://api.example.com/a', redirect = false} return c1 .. ',' .. c2"))
                .isEqualTo("302,301");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void atMostFiveRedirects() throws Exception {
        for (int i = 0; i < 7; i++) {
            server.enqueue(new MockResponse().setResponseCode(302).addHeader("Location", "/r" + i));
        }
        assertThat(run("local _, c, h = require('socket.http').request('http://api.example.com/start') return c .. h.location"))
                .isEqualTo("302/r5");
        assertThat(server.getRequestCount()).isEqualTo(6);
    }

    @Test
    void httpsGoesToTheSameStubsAndIsRecordedAsHttps() throws Exception {
        server.enqueue(new MockResponse().setBody("secure"));
        assertThat(run("local b, c = require('ssl.https').request('https://secure.example.com/login?x=1') return b .. c"))
                .isEqualTo("secure200");
        RecordedRequest rec = server.takeRequest();
        assertThat(rec.getPath()).isEqualTo("/login?x=1");
        assertThat(rec.getHeader("Host")).isEqualTo("secure.example.com");
        assertThat(router.exchanges().get(0).url()).isEqualTo("https://secure.example.com/login?x=1");
    }

    @Test
    void socketHttpTakesHttpsUrlsThroughLuaSec() throws Exception {
        server.enqueue(new MockResponse().setBody("via luasec"));
        assertThat(run("local b = require('socket.http').request('https://secure.example.com/') return b"))
                .isEqualTo("via luasec");
        assertThat(router.exchanges().get(0).url()).isEqualTo("https://secure.example.com/");
    }

    @Test
    void aLongerPrefixRoutesToItsOwnStub() throws Exception {
        MockWebServer other = new MockWebServer();
        other.start(java.net.InetAddress.getLoopbackAddress(), 0);
        try {
            router.routeStub("http://api.example.com/special", HttpUrl.parse("http://127.0.0.1:" + other.getPort() + "/"));
            other.enqueue(new MockResponse().setBody("special"));
            server.enqueue(new MockResponse().setBody("plain"));
            assertThat(run("local http = require('socket.http') return http.request('http://api.example.com/special/x') "
                    + ".. http.request('http://api.example.com/y')")).isEqualTo("specialplain");
        } finally {
            other.shutdown();
        }
    }

    @Test
    void anUnstubbedHostFailsAsAnUnresolvableNameWithAHint() throws Exception {
        assertThat(run("local b, e = require('socket.http').request('http://elsewhere.example.net/x') "
                + "return tostring(b) .. '|' .. e")).isEqualTo("nil|host or service not provided, or not known");
        assertThat(hints).singleElement().asString().contains("elsewhere.example.net:80 has no stub")
                .contains("--stub http://elsewhere.example.net=KIND:FILE").contains("raw TCP");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aStubThatIsDownIsConnectionRefused() throws Exception {
        server.shutdown();
        assertThat(run("local b, e = require('socket.http').request('http://api.example.com/x') return tostring(b) .. '|' .. e"))
                .isEqualTo("nil|connection refused");
    }

    @Test
    void rawTcpToAStubSpeaksToIt() throws Exception {
        server.enqueue(new MockResponse().setBody("raw"));
        assertThat(run("local s = require('socket') local c = assert(s.connect('api.example.com', 80)) "
                + "c:send('GET /raw HTTP/1.1\\r\\nHost: api.example.com\\r\\n\\r\\n') local line = c:receive('*l') "
                + "c:close() return line")).isEqualTo("HTTP/1.1 200 OK");
        assertThat(router.exchanges().get(0).url()).isEqualTo("http://api.example.com/raw");
    }

    @Test
    void aConnectionTheScriptLeavesOpenEndsWithTheState() throws Exception {
        try (java.net.ServerSocket raw = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            router.routeStub("http://raw.example.com", HttpUrl.parse("http://127.0.0.1:" + raw.getLocalPort() + "/"));
            assertThat(run("local s = require('socket') local c = assert(s.connect('raw.example.com', 80)) "
                    + "c:send('hello') return 'left open'")).isEqualTo("left open");
            // run() closed the state: the peer reads the bytes, then the end of the stream
            try (java.net.Socket peer = raw.accept()) {
                peer.setSoTimeout(10_000);
                assertThat(peer.getInputStream().readAllBytes()).asString().isEqualTo("hello");
            }
        }
    }

    @Test
    void sleepWithinTheLimitReturns() throws Exception {
        assertThat(run("require('socket').sleep(0.01) return 'woke'")).isEqualTo("woke");
    }

    @Test
    void sleepPastTheCallLimitEndsTheCall() {
        assertThatThrownBy(() -> run("require('socket').sleep(30) return 'woke'", Duration.ofMillis(300)))
                .isInstanceOf(ProcessDeath.class).hasMessageContaining("per-call limit");
    }
}
