package org.dovelua.stubs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The stubs' HTTP/1.1 server, spoken to over a raw socket. */
class StubHttpServerTest {
    private final List<StubRequest> seen = new CopyOnWriteArrayList<>();

    private StubHttpServer server(StubResponse answer) throws IOException {
        return new StubHttpServer(r -> {
            seen.add(r);
            return answer;
        });
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.UTF_8).endsWith(end)) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void answersTwoRequestsOnOneConnectionWithChunkedAndContinuedBodies() throws Exception {
        StubResponse answer = new StubResponse().status("HTTP/1.1 201 Created").header("X-A", "1").body("hé");
        try (StubHttpServer s = server(answer);
                Socket c = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
            var out = c.getOutputStream();
            InputStream in = c.getInputStream();
            out.write(("POST /a?x=1 HTTP/1.1\r\nHost: h\r\nAuth-User: jürgen\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            assertThat(readUntil(in, "hé")).isEqualTo("HTTP/1.1 201 Created\r\nX-A: 1\r\nContent-Length: 3\r\n\r\nhé");
            out.write("PUT /b HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(readUntil(in, "\r\n\r\n")).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            out.write("ok".getBytes(StandardCharsets.UTF_8));
            assertThat(readUntil(in, "hé")).startsWith("HTTP/1.1 201 Created\r\n");
        }
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).method()).isEqualTo("POST");
        assertThat(seen.get(0).path()).isEqualTo("/a");
        assertThat(seen.get(0).url().queryParameter("x")).isEqualTo("1");
        assertThat(seen.get(0).header("auth-user")).isEqualTo("jürgen");
        assertThat(seen.get(0).bodyUtf8()).isEqualTo("abcde");
        assertThat(seen.get(1).bodyUtf8()).isEqualTo("ok");
    }

    @Test
    void dropsTheConnectionWhenAsked() throws Exception {
        try (StubHttpServer s = server(new StubResponse().policy(StubResponse.Policy.DISCONNECT_AFTER_REQUEST));
                Socket c = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
            c.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(c.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void staysSilentUntilClosedWhenAsked() throws Exception {
        StubHttpServer s = server(new StubResponse().policy(StubResponse.Policy.NO_RESPONSE));
        try (Socket c = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
            c.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            c.setSoTimeout(300);
            assertThat(readSilence(c)).isTrue();
            s.close();
            c.setSoTimeout(0);
            assertThat(c.getInputStream().read()).as("closed with the server").isEqualTo(-1);
        }
    }

    private static boolean readSilence(Socket c) throws IOException {
        try {
            return c.getInputStream().read() == -2; // never: any byte or the end is not silence
        } catch (java.net.SocketTimeoutException e) {
            return true;
        }
    }

    @Test
    void aRequestLineWithoutAVersionIsABadRequest() throws Exception {
        try (StubHttpServer s = server(new StubResponse());
                Socket c = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
            c.getOutputStream().write("GARBAGE\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(readUntil(c.getInputStream(), "\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request\r\n");
        }
        assertThat(seen).isEmpty();
    }
}
