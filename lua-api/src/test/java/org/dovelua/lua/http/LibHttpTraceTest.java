package org.dovelua.lua.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.lua.http.LibHttpTrace.Outcome;
import org.junit.jupiter.api.Test;

/** lib-http's model: which lines a request logs depends on what earlier requests left (cases 390, 391). */
class LibHttpTraceTest {
    private final List<String> lines = new ArrayList<>();
    /** Requests are numbered when made (HttpClientLib's counter). */
    private int requests;

    private void request(LibHttpTrace t, String path, Outcome outcome, int status) {
        t.request(1, ++requests, "GET", "http://127.0.0.1:8080" + path, "127.0.0.1", "127.0.0.1:8080", outcome,
                status, outcome == Outcome.RESPONSE ? "OK" : "Connection lost: read(...) failed: EOF", 3, true);
    }

    @Test
    void aSecondRequestReusesTheIdleConnection() {
        LibHttpTrace t = new LibHttpTrace(false, lines::add);
        request(t, "/a", Outcome.RESPONSE, 200);
        t.idle();
        lines.clear();
        request(t, "/b", Outcome.RESPONSE, 200);
        assertThat(lines).contains("http-client: peer 127.0.0.1:8080 (shared): Peer reused",
                "http-client: conn 127.0.0.1:8080 [1]: Claimed request [Req2: GET http://127.0.0.1:8080/b]",
                "http-client: conn 127.0.0.1:8080 [1]: Got 200 response for request [Req2: GET"
                        + " http://127.0.0.1:8080/b]: OK (took 3 ms + 0 ms in queue)");
        assertThat(lines).noneMatch(l -> l.endsWith("Connecting"));
    }

    @Test
    void aLostConnectionTakesThePeerWithItOnTheIdleTurn() {
        LibHttpTrace t = new LibHttpTrace(false, lines::add);
        request(t, "/a", Outcome.RESPONSE, 200);
        t.idle();
        request(t, "/drop", Outcome.CONNECTION_LOST, HttpClientLib.STATUS_CONNECTION_LOST);
        lines.clear();
        t.idle();
        assertThat(lines).containsExactly("http-client: peer 127.0.0.1:8080: Peer pool destroy",
                "http-client: peer 127.0.0.1:8080 (shared): Peer destroy",
                "http-client: host 127.0.0.1: Idle host timed out", "http-client: host 127.0.0.1: Host destroy",
                "http-client: host 127.0.0.1: Host session destroy");
        lines.clear();
        request(t, "/a", Outcome.RESPONSE, 200);
        assertThat(lines).contains("http-client: peer 127.0.0.1:8080 (shared): Peer created",
                "http-client: conn 127.0.0.1:8080 [2]: Connecting");
    }

    @Test
    void onlyPlainHttpToAnAddressIsModelled() {
        assertThat(LibHttpTrace.traced("http", "127.0.0.1")).isTrue();
        assertThat(LibHttpTrace.traced("http", "::1")).isTrue();
        assertThat(LibHttpTrace.traced("https", "127.0.0.1")).isFalse();
        assertThat(LibHttpTrace.traced("http", "login.example.com")).isFalse();
    }
}
