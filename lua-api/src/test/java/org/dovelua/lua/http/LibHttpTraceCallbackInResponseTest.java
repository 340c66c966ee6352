package org.dovelua.lua.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.dovelua.lua.http.LibHttpTrace.Next;
import org.dovelua.lua.http.LibHttpTrace.Outcome;
import org.junit.jupiter.api.Test;

/**
 * lib-http's model for the auth process's C clients (db-oauth2's, case 482): requests not waited
 * for, callbacks inside the response, connections kept in the process's own fd table.
 */
class LibHttpTraceCallbackInResponseTest {
    private static final String URL = "http://127.0.0.1:8080";
    private final List<String> lines = new ArrayList<>();
    /** The auth process's table: 0-17 taken, the doveadm connection 18. */
    private final BitSet taken = new BitSet();
    private final SocketFds fds = new SocketFds() {
        @Override
        public int open() {
            int fd = taken.nextClearBit(18);
            taken.set(fd);
            return fd;
        }

        @Override
        public void close(int fd) {
            taken.clear(fd);
        }
    };
    private int requests;

    private LibHttpTrace trace() {
        taken.set(18);
        return new LibHttpTrace(true, lines::add).callbacksInResponse().fds(fds);
    }

    /** One POST answered 200 with a payload: its lines up to the response. */
    private void post(LibHttpTrace t, int client, String path, int payload) {
        LibHttpTrace.Request r = t.begin(client, ++requests, "POST", URL + path, "127.0.0.1", "127.0.0.1:8080", URL,
                null);
        r.idleMsecs = 60_000;
        r.sends(payload, 220);
        t.attempt(r, URL + path, Outcome.RESPONSE, 200, "OK", 1, true, Next.DONE, null);
    }

    @Test
    void theResponsesEndWaitsForItsCallback() {
        LibHttpTrace t = trace();
        post(t, 2, "/token", 87);
        assertThat(lines).containsSubsequence(
                "http-client[2]: request [Req1: POST http://127.0.0.1:8080/token]: Submitted (requests left=1)",
                "http-client: conn 127.0.0.1:8080 [1]: Waiting for connect (fd=19) to finish for max 0 msecs",
                "http-client[2]: request [Req1: POST http://127.0.0.1:8080/token]: Sent header",
                "http-client[2]: request [Req1: POST http://127.0.0.1:8080/token]: Send more (sent 87, buffered=307)",
                "http-client[2]: request [Req1: POST http://127.0.0.1:8080/token]: Finished sending payload",
                "http-client[2]: peer 127.0.0.1:8080: No more requests to service for this peer (1 connections exist,"
                        + " 0 pending)");
        assertThat(lines).last().asString().startsWith("http-client[2]: request [Req1: POST"
                + " http://127.0.0.1:8080/token]: Got 200 response: OK");
        assertThat(lines).noneMatch(l -> l.contains("Waiting for 1 requests") || l.contains("All requests finished"));
        lines.clear();
        t.callbackReturned();
        assertThat(lines).containsExactly(
                "http-client: conn 127.0.0.1:8080 [1]: Response payload stream destroyed (0 ms after initial response)",
                "http-client[2]: request [Req1: POST http://127.0.0.1:8080/token]: Finished",
                "http-client[2]: queue http://127.0.0.1:8080: Dropping request [Req1: POST http://127.0.0.1:8080/token]",
                "http-client: host 127.0.0.1: Host is idle (timeout = 100 msecs)",
                "http-client[2]: request [Req1: POST http://127.0.0.1:8080/token]: Free (requests left=1)",
                "http-client[2]: peer 127.0.0.1:8080: No requests to service for this peer (1 connections exist,"
                        + " 0 pending)",
                "http-client: conn 127.0.0.1:8080 [1]: No more requests queued; going idle (timeout = 60000 msecs)");
        lines.clear();
        t.idle();
        assertThat(lines).containsExactly("http-client: host 127.0.0.1: Idle host timed out",
                "http-client: host 127.0.0.1: Host destroy", "http-client: host 127.0.0.1: Host session destroy",
                "http-client[2]: queue http://127.0.0.1:8080: Destroy",
                "http-client[2]: peer 127.0.0.1:8080: Unlinked queue http://127.0.0.1:8080 (0 queues linked)");
        assertThat(taken.get(19)).as("the idle connection keeps its fd").isTrue();
    }

    /** The callback submits the next request: it queues before the first one's end, then takes its connection. */
    @Test
    void aRequestTheCallbackSubmitsUsesTheQueuesConnection() {
        LibHttpTrace t = trace();
        post(t, 2, "/token", 87);
        lines.clear();
        post(t, 2, "/introspect", 11);
        assertThat(lines).containsSubsequence(
                "http-client[2]: queue http://127.0.0.1:8080: Using existing connection to 127.0.0.1:8080 (1 requests"
                        + " pending)",
                "http-client[2]: request [Req2: POST http://127.0.0.1:8080/introspect]: Submitted (requests left=2)",
                "http-client[2]: request [Req1: POST http://127.0.0.1:8080/token]: Finished",
                "http-client[2]: request [Req1: POST http://127.0.0.1:8080/token]: Free (requests left=2)",
                "http-client[2]: peer 127.0.0.1:8080: Using 1 idle connections to handle 1 requests (1 total"
                        + " connections ready)",
                "http-client: conn 127.0.0.1:8080 [1]: Claimed request [Req2: POST http://127.0.0.1:8080/introspect]");
        assertThat(lines).noneMatch(l -> l.contains("Host created") || l.contains("Peer reused")
                || l.contains("Host is idle") || l.contains("going idle") || l.contains("Connecting"));
        lines.clear();
        t.callbackReturned();
        assertThat(lines).contains("http-client: host 127.0.0.1: Host is idle (timeout = 100 msecs)",
                "http-client[2]: request [Req2: POST http://127.0.0.1:8080/introspect]: Free (requests left=1)");
    }

    /**
     * The mechanisms' client, whose event does not debug, claims the passdb's idle connection: only the
     * shared context's lines and the other client's are logged, that client's peer goes at once.
     */
    @Test
    void aQuietClientClaimsTheOtherClientsIdleConnection() {
        LibHttpTrace t = trace();
        t.quietClient(1);
        post(t, 2, "/token", 87);
        t.callbackReturned();
        t.idle();
        lines.clear();
        post(t, 1, "/introspect", 11);
        t.callbackReturned();
        assertThat(lines).containsExactly("http-client: host 127.0.0.1: Host created",
                "http-client: host 127.0.0.1: Host session created",
                "http-client: peer 127.0.0.1:8080 (shared): Peer reused",
                "http-client: peer 127.0.0.1:8080: Peer pool reused",
                "http-client: conn 127.0.0.1:8080 [1]: Claimed as idle",
                "http-client: conn 127.0.0.1:8080 [1]: Detached peer",
                "http-client[2]: peer 127.0.0.1:8080: Lost a connection (0 queues linked, 0 connections left,"
                        + " 0 connections pending, 0 requests pending, 0 requests urgent)",
                "http-client: peer 127.0.0.1:8080: Successfully connected (1 connections exist, 0 pending)",
                "http-client[2]: peer 127.0.0.1:8080: Dropping peer now",
                "http-client[2]: peer 127.0.0.1:8080: Peer close",
                "http-client[2]: peer 127.0.0.1:8080: Peer disconnect",
                "http-client[2]: peer 127.0.0.1:8080: Peer destroy",
                "http-client: conn 127.0.0.1:8080 [1]: Claimed request [Req2: POST http://127.0.0.1:8080/introspect]",
                "http-client: conn 127.0.0.1:8080 [1]: Response payload stream destroyed (0 ms after initial response)",
                "http-client: host 127.0.0.1: Host is idle (timeout = 100 msecs)",
                "http-client: conn 127.0.0.1:8080 [1]: No more requests queued; going idle (timeout = 60000 msecs)");
    }
}
