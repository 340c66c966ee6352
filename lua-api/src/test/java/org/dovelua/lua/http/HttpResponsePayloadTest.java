package org.dovelua.lua.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import org.dovelua.lua.LuaScript;
import org.dovelua.lua.ScriptException;
import org.dovelua.lua.ScriptOptions;
import org.dovelua.lua.dovecot.DovecotEvent;
import org.dovelua.lua.dovecot.DovecotLib;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.luaj.vm2.LuaValue;

/**
 * Response payloads that do not end (issue 17): lib-http's request timeouts cut them as they do
 * on Dovecot (dlua keeps what it read and logs the istream error), and dovelua's ceiling
 * ({@link HttpRouter#maxResponsePayload}) cuts an endless body that keeps coming. Each test runs
 * on OkHttp (GET) and on the raw exchange (GET with a payload, which OkHttp refuses to send).
 */
class HttpResponsePayloadTest {
    private static final int CEILING = 1024 * 1024;

    /** What the loopback server sends on each connection after reading the request head. */
    private interface Behaviour {
        void send(OutputStream out) throws IOException, InterruptedException;
    }

    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final List<String> hints = new CopyOnWriteArrayList<>();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private ServerSocket server;
    private HttpRouter router;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        base = "http://127.0.0.1:" + server.getLocalPort();
        router = new HttpRouter(hints::add).maxResponsePayload(CEILING);
        router.route(base, HttpUrl.parse(base + "/"));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    private void serve(Behaviour b) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Socket s = server.accept();
                    accepted.add(s);
                    try (s) {
                        readHead(s.getInputStream());
                        b.send(s.getOutputStream());
                    } catch (IOException | InterruptedException e) {
                        // the client went away: what an endless server ends with
                    }
                }
            } catch (IOException e) {
                // closed by stop()
            }
        }, "payload-server");
        t.setDaemon(true);
        t.start();
    }

    private static void readHead(InputStream in) throws IOException {
        int lfs = 0;
        for (int c = in.read(); c >= 0; c = in.read()) {
            lfs = c == '\n' ? lfs + 1 : c == '\r' ? lfs : 0;
            if (lfs == 2) {
                return;
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private String submit(boolean raw, String settings) throws ScriptException {
        DovecotEvent root = DovecotEvent.root("auth", (p, l, m) -> logs.add(l + " " + m), false);
        LuaScript s = LuaScript.load("/etc/dovecot/t.lua", new byte[0], root,
                new ScriptOptions().callTimeout(Duration.ofSeconds(20)));
        DovecotLib d = new DovecotLib(s);
        s.globals().load(d);
        s.globals().load(new HttpClientLib(router, false, d.events(), s.event()));
        s.runBody();
        String body = "local c = dovecot.http.client(" + settings + ") local r = c:request{url='" + base + "/p'} "
                + (raw ? "r:set_payload('x') " : "") + "local resp = r:submit() "
                + "return resp:status() .. '|' .. resp:reason() .. '|' .. #resp:payload()";
        s.globals().load("function __t() " + body + " end", "=t").call();
        return s.call("__t", LuaValue.NONE, 1).arg1().tojstring();
    }

    private List<String> payloadErrors() {
        return logs.stream().filter(l -> l.contains("REQUEST PAYLOAD READ ERROR")).toList();
    }

    @ParameterizedTest(name = "raw exchange: {0}")
    @ValueSource(booleans = {false, true})
    void anEndlessChunkedBodyIsCutAtTheCeiling(boolean raw) throws Exception {
        byte[] chunk = ascii("2000\r\n" + "x".repeat(8192) + "\r\n");
        serve(out -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
            while (true) {
                out.write(chunk);
            }
        });
        // the script gets the status and what was read, as after lib-http's chunked max_size error
        assertThat(submit(raw, "{}")).isEqualTo("200|OK|" + CEILING);
        assertThat(payloadErrors()).singleElement().asString()
                .endsWith("ERROR: REQUEST PAYLOAD READ ERROR: Total chunked payload size exceeds maximum");
        assertThat(hints).singleElement().asString()
                .contains("ceiling of " + CEILING + " bytes").contains("--http-max-payload");
        // the recorded exchange keeps a bounded copy, and says how much the script got
        HttpExchange ex = router.exchanges().get(0);
        assertThat(ex.status()).isEqualTo(200);
        assertThat(ex.responseBody()).hasSize(HttpExchange.KEPT_RESPONSE_BODY);
        assertThat(ex.responseBodyLength()).isEqualTo(CEILING);
        assertThat(ex.trace()).contains("< (" + CEILING + " bytes in all; the first 65536 are kept)");
    }

    @ParameterizedTest(name = "raw exchange: {0}")
    @ValueSource(booleans = {false, true})
    void aContentLengthAboveTheCeilingIsPayloadTooLarge(boolean raw) throws Exception {
        byte[] block = new byte[8192];
        serve(out -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 10000000000\r\n\r\n"));
            while (true) {
                out.write(block);
            }
        });
        // http_message_parse_body_sized's error with a max payload size, a 9007 like other parse errors
        assertThat(submit(raw, "{}")).isEqualTo("9007|Payload is too large|0");
        assertThat(payloadErrors()).isEmpty();
        assertThat(hints).singleElement().asString().contains("Content-Length").contains("--http-max-payload");
        assertThat(router.exchanges().get(0).responseBodyLength()).isZero();
    }

    @ParameterizedTest(name = "raw exchange: {0}")
    @ValueSource(booleans = {false, true})
    void aBodyThatStallsKeepsWhatArrivedAfterTheRequestTimeout(boolean raw) throws Exception {
        serve(out -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello"));
            out.flush();
            Thread.sleep(60_000);
        });
        // lib-http's istream-timeout: the callback has run, so the status stays and the payload is cut
        assertThat(submit(raw, "{request_timeout_msecs=300}")).isEqualTo("200|OK|5");
        assertThat(payloadErrors()).singleElement().asString().matches(
                ".*ERROR: REQUEST PAYLOAD READ ERROR: Read timeout in \\d+\\.\\d{3} s after 5 bytes"
                        + "( \\(requested timeout in 300 ms\\))?");
        assertThat(hints).isEmpty();
    }

    @ParameterizedTest(name = "raw exchange: {0}")
    @ValueSource(booleans = {false, true})
    void theAbsoluteTimeoutCutsABodyThatKeepsTrickling(boolean raw) throws Exception {
        serve(out -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
            while (true) {
                out.write(ascii("a\r\n0123456789\r\n"));
                out.flush();
                Thread.sleep(20);
            }
        });
        String got = submit(raw, "{request_absolute_timeout_msecs=1000}");
        // the request ends with "Absolute request timeout expired", which reaches no callback
        assertThat(got).startsWith("200|OK|");
        int read = Integer.parseInt(got.substring("200|OK|".length()));
        assertThat(read).isPositive().isLessThan(CEILING);
        assertThat(payloadErrors()).isEmpty();
        assertThat(hints).singleElement().asString().contains("request_absolute_timeout expired")
                .contains("the " + read + " bytes read so far");
    }
}
