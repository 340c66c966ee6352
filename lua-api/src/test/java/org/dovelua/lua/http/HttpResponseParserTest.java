package org.dovelua.lua.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** lib-http's status-line rules (http-response-parser.c) and its 20-byte quoting. */
class HttpResponseParserTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "garbage\\r\\n\\r\\n | Invalid HTTP version in response: `garbage'<CR><LF><CR><LF>",
        "HTTP/x.1 200 OK\\r\\n | Invalid HTTP version in response: `HTTP/x.1 200 OK'<CR><LF>",
        "HTTP/1.1\\t200 OK\\r\\n | Expected ' ' after response version, but found <0x09>`200 OK'<CR><LF>",
        "HTTP/1.1 2x0 OK\\r\\n | Invalid HTTP status code in response",
        "HTTP/1.1 600 Nope\\r\\n | Invalid HTTP status code in response",
        "HTTP/1.1 200\\r\\n\\r\\n | Expected ' ' after response status code, but found <CR><LF><CR><LF>",
        "HTTP/1.1 200 O\\u0001K\\r\\n | Expected line end after response, but found <0x01>`K'<CR><LF>",
        "HTTP/1.1 200 OK\\rX\\n | Expected line end after response, but found `X'<LF>",
    })
    void refusedLines(String line, String error) {
        String text = line.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t").replace("\\u0001", "\u0001");
        assertThat(HttpResponseParser.statusLineError(b(text), 0)).isEqualTo(error);
    }

    @Test
    void acceptedLinesAndShortInput() {
        assertThat(HttpResponseParser.statusLineError(b("HTTP/1.1 200 OK\r\n"), 0)).isNull();
        assertThat(HttpResponseParser.statusLineError(b("HTTP/1.0 404 \r\n"), 0)).isNull();
        assertThat(HttpResponseParser.statusLineError(b("HTTP/1.1 200 OK\n"), 0)).isNull(); // CR is optional
        assertThat(HttpResponseParser.statusLineError(b("HTTP/1.1 200 \u00e4\u00f6\r\n"), 0)).isNull(); // obs-text
        assertThat(HttpResponseParser.statusLineError(b("HTTP/1."), 0)).isNull(); // waits for more
    }

    @Test
    void theFinalResponseFollowsInterimOnes() {
        byte[] r = b("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200\r\n\r\n");
        int start = HttpResponseParser.finalResponseStart(r);
        assertThat(start).isEqualTo(25);
        assertThat(HttpResponseParser.statusLineError(r, start))
                .isEqualTo("Expected ' ' after response status code, but found <CR><LF><CR><LF>");
    }

    /** Seeded: every well-formed status line with any reason text is accepted. */
    @Test
    void wellFormedLinesAreAccepted() {
        Random rnd = new Random(20261123);
        for (int i = 0; i < 2000; i++) {
            StringBuilder reason = new StringBuilder();
            for (int n = rnd.nextInt(30); n > 0; n--) {
                int c = rnd.nextInt(3) == 0 ? 0x80 + rnd.nextInt(0x80) : 0x20 + rnd.nextInt(0x5f);
                reason.append((char) c);
            }
            String line = "HTTP/" + rnd.nextInt(10) + "." + rnd.nextInt(10) + " " + (100 + rnd.nextInt(500)) + " "
                    + reason + (rnd.nextBoolean() ? "\r\n" : "\n") + "Content-Length: 0\r\n\r\n";
            assertThat(HttpResponseParser.statusLineError(b(line), 0)).as(line).isNull();
        }
    }
}
