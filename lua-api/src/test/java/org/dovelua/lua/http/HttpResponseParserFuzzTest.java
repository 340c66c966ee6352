package org.dovelua.lua.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.dovelua.testkit.Fuzz;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the raw response parser: whatever bytes a server sends, finding the final
 * response and judging its status line answer (an index, an error text or null) and never
 * throw. {@code -Dfuzz.scale=N} runs N times as many.
 */
class HttpResponseParserFuzzTest {
    private static final String[] SEEDS = {
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
        "HTTP/1.0 404 Not Found\nX: y\n\n", "HTTP/1.1 301\r\nLocation: /x\r\n\r\n", "",
    };
    private static final byte[] HTTP_BYTES = "HTTP/1.0 123\r\n:\t".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void anyBytesGetAnAnswerNotAnException() {
        int runs = Fuzz.runs(20000);
        for (int seed = 0; seed < runs; seed++) {
            Random r = new Random(seed);
            byte[] b = Fuzz.mutate(r, SEEDS[r.nextInt(SEEDS.length)].getBytes(StandardCharsets.ISO_8859_1), HTTP_BYTES);
            try {
                int start = HttpResponseParser.finalResponseStart(b);
                assertThat(start).as("seed %d", seed).isBetween(-1, b.length);
                HttpResponseParser.statusLineError(b, Math.max(start, 0));
                HttpResponseParser.sanitize(b, 0);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + e + " parsing "
                        + new String(b, StandardCharsets.ISO_8859_1), e);
            }
        }
    }
}
