package org.dovelua.lua.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.dovelua.lua.http.LibHttpTrace.Lookup;
import org.dovelua.lua.http.LibHttpTrace.Next;
import org.dovelua.lua.http.LibHttpTrace.Outcome;
import org.junit.jupiter.api.Test;

/**
 * lib-http's model: which lines a request logs depends on what earlier requests left (cases 390, 391),
 * and the paths of cases 460-467: time-outs, retries, redirects, another client's idle connection and
 * host names.
 */
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

    private static final String URL = "http://127.0.0.1:8080";
    private static final String LOST = "Connection lost: read(...) failed: EOF";

    private LibHttpTrace.Request begin(LibHttpTrace t, int client, String path) {
        return t.begin(client, ++requests, "GET", URL + path, "127.0.0.1", "127.0.0.1:8080", URL, null);
    }

    /** http_client_connection_request_timeout: the connection closes "timed out", the request fails 9008. */
    @Test
    void aTimedOutRequestClosesItsConnection() {
        LibHttpTrace t = new LibHttpTrace(true, lines::add);
        LibHttpTrace.Request r = begin(t, 2, "/slow");
        t.attempt(r, URL + "/slow", Outcome.TIMED_OUT, HttpClientLib.STATUS_TIMED_OUT, "Request timed out (x)", 300,
                false, Next.DONE, null);
        assertThat(lines).contains("http-client: conn 127.0.0.1:8080 [1]: Disconnected: Connection closed: Connection"
                        + " timed out (fd=13)",
                "http-client[2]: peer 127.0.0.1:8080: Lost a connection (1 queues linked, 0 connections left,"
                        + " 0 connections pending, 0 requests pending, 0 requests urgent)",
                "http-client[2]: request [Req1: GET http://127.0.0.1:8080/slow]: Error: 9008 Request timed out (x)");
    }

    /** A retry on a connection that had read nothing waits for the shared peer's backoff; one that had does not. */
    @Test
    void aRetryAfterAPrematureLossBacksOff() {
        LibHttpTrace t = new LibHttpTrace(false, lines::add);
        LibHttpTrace.Request r = begin(t, 1, "/first");
        t.attempt(r, URL + "/first", Outcome.CONNECTION_LOST, 9005, LOST, 1, false, Next.RETRY, null);
        t.attempt(r, URL + "/first", Outcome.RESPONSE, 200, "OK", 1, true, Next.DONE, null);
        assertThat(lines).containsSubsequence("http-client: conn 127.0.0.1:8080 [1]: Connection destroy",
                "http-client: peer 127.0.0.1:8080 (shared): Starting backoff timer for 100 msecs",
                "http-client: peer 127.0.0.1:8080 (shared): Backoff timer expired",
                "http-client: conn 127.0.0.1:8080 [2]: Connecting",
                "http-client: conn 127.0.0.1:8080 [2]: Claimed request [Req1: GET http://127.0.0.1:8080/first]");
        t.idle();
        lines.clear();
        LibHttpTrace.Request again = begin(t, 1, "/always");
        t.attempt(again, URL + "/always", Outcome.CONNECTION_LOST, 9005, LOST, 1, false, Next.RETRY, null);
        assertThat(lines).noneMatch(l -> l.contains("backoff"));
        assertThat(lines).last().isEqualTo("http-client: conn 127.0.0.1:8080 [2]: Connection destroy");
    }

    /** 2.4: the last attempt lost prematurely leaves the peer to its backoff timer, then it goes. */
    @Test
    void aLastPrematureLossDropsThePeerAfterItsBackoff() {
        LibHttpTrace t = new LibHttpTrace(true, lines::add);
        LibHttpTrace.Request r = begin(t, 1, "/always");
        t.attempt(r, URL + "/always", Outcome.CONNECTION_LOST, 9005, LOST, 1, false, Next.DONE, null);
        assertThat(lines).contains("http-client[1]: peer 127.0.0.1:8080: Lost a connection prematurely (1 queues"
                + " linked, 0 connections left, 0 connections pending, 0 requests pending, 0 requests urgent)");
        lines.clear();
        t.idle();
        assertThat(lines).containsSubsequence(
                "http-client: peer 127.0.0.1:8080 (shared): Starting backoff timer for 100 msecs",
                "http-client[1]: peer 127.0.0.1:8080: Dropping peer (waiting for backof timeout)",
                "http-client: host 127.0.0.1: Host destroy",
                "http-client: peer 127.0.0.1:8080 (shared): Backoff timer expired",
                "http-client: conn 127.0.0.1:8080 [2]: Connecting",
                "http-client[1]: peer 127.0.0.1:8080: Peer cancel",
                "http-client: peer 127.0.0.1:8080 (shared): Peer destroy");
    }

    /** 2.4: a redirect goes out again on the same connection; the request's own lines keep its first label. */
    @Test
    void aRedirectIsFollowedOnTheSameConnection() {
        LibHttpTrace t = new LibHttpTrace(true, lines::add);
        LibHttpTrace.Request r = begin(t, 1, "/moved");
        t.attempt(r, URL + "/moved", Outcome.RESPONSE, 302, "Found", 1, false, Next.REDIRECT, URL + "/target");
        t.attempt(r, URL + "/target", Outcome.RESPONSE, 200, "OK", 1, true, Next.DONE, null);
        assertThat(lines).containsSubsequence(
                "http-client[1]: request [Req1: GET http://127.0.0.1:8080/moved]: Got 302 response: Found (took 1 ms"
                        + " + 0 ms in queue)",
                "http-client[1]: request [Req1: GET http://127.0.0.1:8080/moved]: Redirecting to"
                        + " http://127.0.0.1:8080/target/target (redirects=1)",
                "http-client[1]: queue http://127.0.0.1:8080: Dropping request [Req1: GET http://127.0.0.1:8080/target]",
                "http-client[1]: queue http://127.0.0.1:8080: Using existing connection to 127.0.0.1:8080 (1 requests"
                        + " pending)",
                "http-client: conn 127.0.0.1:8080 [1]: Claimed request [Req1: GET http://127.0.0.1:8080/target]",
                "http-client[1]: request [Req1: GET http://127.0.0.1:8080/moved]: Sent header",
                "http-client[1]: request [Req1: GET http://127.0.0.1:8080/moved]: Finished");
        assertThat(lines).filteredOn(l -> l.contains("Response payload stream destroyed")).hasSize(1);
        assertThat(lines).noneMatch(l -> l.contains("Connecting") && l.contains("[2]"));
    }

    /** 2.3: a refused redirect ends in the 3xx's own lines; the connection goes idle. */
    @Test
    void aRefusedRedirectLeavesTheConnectionIdle() {
        LibHttpTrace t = new LibHttpTrace(false, lines::add);
        LibHttpTrace.Request r = begin(t, 1, "/moved");
        t.attempt(r, URL + "/moved", Outcome.RESPONSE, 302, "Found", 1, false, Next.REDIRECT_ERROR,
                "9004 Redirect refused");
        assertThat(lines).last().isEqualTo("http-client: host 127.0.0.1: Host is idle (timeout = 100 msecs)");
        lines.clear();
        t.idle();
        assertThat(lines).first().isEqualTo("http-client: conn 127.0.0.1:8080 [1]: No more requests queued; going idle");
    }

    /** Another client's first request takes the idle connection over from the client that made it. */
    @Test
    void anotherClientClaimsTheIdleConnection() {
        LibHttpTrace t = new LibHttpTrace(true, lines::add);
        LibHttpTrace.Request r = begin(t, 1, "/a");
        t.attempt(r, URL + "/a", Outcome.RESPONSE, 200, "OK", 1, true, Next.DONE, null);
        t.idle();
        lines.clear();
        LibHttpTrace.Request other = begin(t, 2, "/b");
        t.attempt(other, URL + "/b", Outcome.RESPONSE, 200, "OK", 1, true, Next.DONE, null);
        assertThat(lines).containsSubsequence("http-client: peer 127.0.0.1:8080 (shared): Peer reused",
                "http-client: peer 127.0.0.1:8080: Peer pool reused", "http-client[2]: peer 127.0.0.1:8080: Peer created",
                "http-client: conn 127.0.0.1:8080 [1]: Claimed as idle",
                "http-client[1]: peer 127.0.0.1:8080: Lost a connection (0 queues linked, 0 connections left,"
                        + " 0 connections pending, 0 requests pending, 0 requests urgent)",
                "http-client[2]: peer 127.0.0.1:8080: Claimed idle connection (1 connections exist, 0 pending)",
                "http-client: conn 127.0.0.1:8080 [1]: Claimed request [Req2: GET http://127.0.0.1:8080/b]");
        lines.clear();
        t.idle();
        assertThat(lines).startsWith("http-client[1]: peer 127.0.0.1:8080: Dropping peer now");
    }

    /** A host name is looked up over dns-client; the host outlives the auth request (its IPs' TTL). */
    @Test
    void aHostNameIsLookedUpOnceAndItsHostStays() {
        LibHttpTrace t = new LibHttpTrace(false, lines::add);
        t.dnsClientSocket("dns-client");
        LibHttpTrace.Request r = t.begin(1, ++requests, "GET", "http://localhost:8080/a", "localhost",
                "127.0.0.1:8080", "http://localhost:8080", new Lookup(1, null));
        t.attempt(r, "http://localhost:8080/a", Outcome.RESPONSE, 200, "OK", 1, true, Next.DONE, null);
        assertThat(lines).containsSubsequence("http-client: host localhost: Need to perform DNS lookup",
                "http-client: host localhost: conn unix:dns-client: dns(localhost): Lookup started",
                "http-client: host localhost: DNS lookup successful; got 1 IPs",
                "http-client: peer 127.0.0.1:8080 (shared): Peer created",
                "http-client: conn 127.0.0.1:8080 [1]: Connecting");
        assertThat(lines).anyMatch(l -> l.matches("http-client: host localhost: Host is idle \\(timeout = 1[78]\\d{5} msecs\\)"));
        t.idle();
        assertThat(lines).noneMatch(l -> l.contains("Host destroy"));
        lines.clear();
        LibHttpTrace.Request again = t.begin(1, ++requests, "GET", "http://localhost:8080/b", "localhost",
                "127.0.0.1:8080", "http://localhost:8080", new Lookup(1, null));
        t.attempt(again, "http://localhost:8080/b", Outcome.RESPONSE, 200, "OK", 1, true, Next.DONE, null);
        assertThat(lines).first().isEqualTo(
                "http-client: conn 127.0.0.1:8080 [1]: Claimed request [Req2: GET http://localhost:8080/b]");
    }

    /**
     * 2.4: a redirect to another host (case 505 run 1): the host is made, the name looked up while the
     * answering connection goes idle, and its queue claims that idle connection on the same peer; the
     * looked-up host's queue stays linked, so the next request's queue counts it.
     */
    @Test
    void aRedirectToAnotherHostLooksItUpAndClaimsTheIdleConnection() {
        LibHttpTrace t = new LibHttpTrace(true, lines::add);
        t.dnsClientSocket("/run/dns-client");
        LibHttpTrace.Request r = begin(t, 1, "/moved");
        t.attempt(r, URL + "/moved", Outcome.RESPONSE, 302, "Found", 1, false, Next.REDIRECT,
                "http://localhost:8080/target");
        assertThat(t.moved(r, "localhost", "127.0.0.1:8080", "http://localhost:8080", new Lookup(1, null))).isTrue();
        t.attempt(r, "http://localhost:8080/target", Outcome.RESPONSE, 200, "OK", 1, true, Next.DONE, null);
        assertThat(lines).containsSubsequence(
                "http-client[1]: request [Req1: GET http://127.0.0.1:8080/moved]: Redirecting to"
                        + " http://localhost:8080/target/target (redirects=1)",
                "http-client: host localhost: Host created",
                "http-client[1]: queue http://127.0.0.1:8080: Dropping request [Req1: GET http://localhost:8080/target]",
                "http-client: host 127.0.0.1: Host is idle (timeout = 100 msecs)",
                "http-client: host localhost: Need to perform DNS lookup",
                "http-client: conn 127.0.0.1:8080 [1]: No more requests queued; going idle",
                "http-client[1]: Waiting for 1 requests to finish",
                "http-client: host localhost: DNS lookup successful; got 1 IPs",
                "http-client: peer 127.0.0.1:8080 (shared): Peer reused",
                "http-client[1]: queue http://localhost:8080: Setting up connection to 127.0.0.1:8080 (1 requests pending)",
                "http-client[1]: peer 127.0.0.1:8080: Linked queue http://localhost:8080 (2 queues linked)",
                "http-client: conn 127.0.0.1:8080 [1]: Claimed request [Req1: GET http://localhost:8080/target]",
                "http-client[1]: queue http://localhost:8080: Dropping request [Req1: GET http://localhost:8080/target]");
        assertThat(lines).noneMatch(l -> l.contains("Submitted") && l.contains("localhost"));
        assertThat(lines).noneMatch(l -> l.contains("[2]"));
        lines.clear();
        t.idle();
        assertThat(lines).containsSubsequence("http-client: conn 127.0.0.1:8080 [1]: No more requests queued; going idle",
                "http-client: host 127.0.0.1: Idle host timed out",
                "http-client[1]: queue http://127.0.0.1:8080: Destroy",
                "http-client[1]: peer 127.0.0.1:8080: Unlinked queue http://127.0.0.1:8080 (1 queues linked)");
        assertThat(lines).noneMatch(l -> l.contains("host localhost: Host destroy"));
        lines.clear();
        LibHttpTrace.Request next = begin(t, 1, "/alice");
        t.attempt(next, URL + "/alice", Outcome.RESPONSE, 200, "OK", 1, true, Next.DONE, null);
        assertThat(lines).contains("http-client[1]: peer 127.0.0.1:8080: Linked queue http://127.0.0.1:8080"
                + " (2 queues linked)");
    }

    /**
     * 2.3: a redirect to another port (case 504 run 2) makes a new shared peer; the answering
     * connection goes idle while the new one connects, which is refused (fd after the idle one's).
     */
    @Test
    void aRedirectToAnotherPortMakesANewPeer() {
        LibHttpTrace t = new LibHttpTrace(false, lines::add);
        LibHttpTrace.Request r = begin(t, 1, "/moved");
        t.attempt(r, URL + "/moved", Outcome.RESPONSE, 302, "Found", 1, false, Next.REDIRECT,
                "http://127.0.0.1:9/target");
        assertThat(t.moved(r, "127.0.0.1", "127.0.0.1:9", "http://127.0.0.1:9", null)).isTrue();
        t.attempt(r, "http://127.0.0.1:9/target", Outcome.CONNECTION_REFUSED, 9003,
                "connect(127.0.0.1:9) failed: Connection refused", 1, false, Next.DONE, null);
        assertThat(lines).containsSubsequence(
                "http-client: conn 127.0.0.1:8080 [1]: Got 302 response for request [Req1: GET"
                        + " http://127.0.0.1:8080/moved]: Found (took 1 ms + 0 ms in queue)",
                "http-client: host 127.0.0.1: Host is idle (timeout = 100 msecs)",
                "http-client: peer 127.0.0.1:9 (shared): Peer created",
                "http-client: peer 127.0.0.1:9: Peer pool created",
                "http-client: conn 127.0.0.1:9 [2]: Connecting",
                "http-client: conn 127.0.0.1:9 [2]: Waiting for connect (fd=15) to finish for max 0 msecs",
                "http-client: conn 127.0.0.1:9 [2]: HTTP connection created (1 parallel connections exist)",
                "http-client: conn 127.0.0.1:8080 [1]: No more requests queued; going idle",
                "http-client: conn 127.0.0.1:9 [2]: Client connection failed (fd=15)",
                "http-client: conn 127.0.0.1:9 [2]: Disconnected: connect() failed: Connection refused (fd=15)");
        // the same host: only the request's first submit made it
        assertThat(lines).filteredOn(l -> l.endsWith("Host created")).hasSize(1);
        lines.clear();
        t.idle();
        assertThat(lines).noneMatch(l -> l.contains("going idle"));
        assertThat(lines).first().isEqualTo("http-client: host 127.0.0.1: Idle host timed out");
    }

    /** 2.4: a failed lookup fails the request with 9002; the host goes with its 100 ms timer. */
    @Test
    void aFailedLookupFailsTheRequest() {
        LibHttpTrace t = new LibHttpTrace(true, lines::add);
        t.dnsClientSocket("/run/dns-client");
        assertThat(t.begin(1, ++requests, "GET", "http://x.invalid/u", "x.invalid", "x.invalid:80",
                "http://x.invalid:80", new Lookup(0, "Name or service not known"))).isNull();
        assertThat(lines).containsSubsequence("http-client[1]: request [Req1: GET http://x.invalid/u]: Submitted"
                        + " (requests left=1)",
                "http-client: host x.invalid: DNS lookup failed: Name or service not known",
                "http-client[1]: request [Req1: GET http://x.invalid/u]: Error: 9002 Failed to lookup host x.invalid:"
                        + " Name or service not known",
                "http-client[1]: queue http://x.invalid:80: Dropping request [Req1: GET http://x.invalid/u]",
                "http-client: host x.invalid: Host is idle (timeout = 100 msecs)",
                "http-client[1]: All requests finished");
        lines.clear();
        t.idle();
        assertThat(lines).containsExactly("http-client: host x.invalid: Idle host timed out",
                "http-client: host x.invalid: Host destroy", "http-client: host x.invalid: Host session destroy",
                "http-client[1]: queue http://x.invalid:80: Destroy");
    }

    /** 2.4: an https connection refused before its handshake: "HTTPS connection", the peer with its SSL name. */
    @Test
    void anHttpsConnectionRefusedNamesTheTlsServer() {
        LibHttpTrace t = new LibHttpTrace(true, lines::add);
        LibHttpTrace.Request r = t.begin(1, ++requests, "GET", "https://127.0.0.1:8080/tls", "127.0.0.1",
                "127.0.0.1:8080", "https://127.0.0.1:8080", null);
        String refused = "connect(127.0.0.1:8080) failed: Connection refused";
        t.attempt(r, "https://127.0.0.1:8080/tls", Outcome.CONNECTION_REFUSED, 9003, refused, 1, false, Next.DONE,
                null);
        assertThat(lines).containsSubsequence("http-client[1]: queue https://127.0.0.1:8080: Setting up connection to"
                        + " 127.0.0.1:8080 (SSL=127.0.0.1) (1 requests pending)",
                "http-client: conn 127.0.0.1:8080 [1]: HTTPS connection created (1 parallel connections exist)",
                "http-client[1]: queue https://127.0.0.1:8080: Failed to set up connection to 127.0.0.1:8080"
                        + " (SSL=127.0.0.1): " + refused + " (1 peers pending, 1 requests pending)",
                "http-client[1]: peer 127.0.0.1:8080: Unlinked queue https://127.0.0.1:8080 (0 queues linked)");
    }
    /**
     * The worker's low free fd (its closed listener: 7 on 2.3.19) goes to the dns-client connection made
     * before the wait's ioloop, then to the HTTP connection once the lookup's is closed; the next lookup,
     * with that connection idle, gets the first fd above (case 466).
     */
    @Test
    void aLookupBeforeTheWaitGetsTheLowFreeFd() {
        LibHttpTrace t = new LibHttpTrace(false, lines::add);
        t.dnsClientSocket("dns-client");
        LibHttpTrace.Request r = t.begin(1, ++requests, "GET", "http://localhost:8080/a", "localhost",
                "127.0.0.1:8080", "http://localhost:8080", new Lookup(1, null));
        t.attempt(r, "http://localhost:8080/a", Outcome.RESPONSE, 200, "OK", 1, true, Next.DONE, null);
        assertThat(lines).containsSubsequence(
                "http-client: host localhost: conn unix:dns-client (pid=" + ProcessHandle.current().pid()
                        + ",uid=0): Client connected (fd=7)",
                "http-client: conn 127.0.0.1:8080 [1]: Waiting for connect (fd=7) to finish for max 0 msecs",
                "http-client: conn 127.0.0.1:8080 [1]: Client connected (fd=7)");
        t.idle();
        lines.clear();
        assertThat(t.begin(1, ++requests, "GET", "http://x.invalid/u", "x.invalid", "x.invalid:80",
                "http://x.invalid:80", new Lookup(0, "Name or service not known"))).isNull();
        assertThat(lines).anyMatch(l -> l.endsWith("Client connected (fd=14)"))
                .anyMatch(l -> l.endsWith("Disconnected: Connection closed (fd=14)"));
    }

    /** An address's connection is made in the wait's ioloop, whose epoll fd took the low one: 13 on 2.4.1. */
    @Test
    void anAddressConnectsAfterTheWaitLoopsEpollFd() {
        LibHttpTrace t = new LibHttpTrace(true, lines::add);
        LibHttpTrace.Request r = begin(t, 1, "/a");
        t.attempt(r, URL + "/a", Outcome.RESPONSE, 200, "OK", 1, true, Next.DONE, null);
        assertThat(lines).contains("http-client: conn 127.0.0.1:8080 [1]: Client connected (fd=13)");
    }

    /**
     * The backoff connection after a last premature loss is made on the main ioloop, the wait's epoll fd
     * closed: it gets the low fd, 7 on 2.3.19 and 8 on 2.4.1 (cases 462, 463).
     */
    @Test
    void theBackoffConnectionGetsTheLowFreeFd() {
        for (boolean v24 : new boolean[] {false, true}) {
            lines.clear();
            LibHttpTrace t = new LibHttpTrace(v24, lines::add);
            LibHttpTrace.Request r = begin(t, 1, "/always");
            t.attempt(r, URL + "/always", Outcome.CONNECTION_LOST, 9005, LOST, 1, false, Next.DONE, null);
            t.idle();
            String fd = v24 ? "8" : "7";
            assertThat(lines).containsSubsequence("http-client: conn 127.0.0.1:8080 [1]: Client connected (fd="
                            + (v24 ? "13" : "14") + ")",
                    "http-client: conn 127.0.0.1:8080 [2]: Connecting",
                    "http-client: conn 127.0.0.1:8080 [2]: Waiting for connect (fd=" + fd + ") to finish for max 0 msecs",
                    "http-client: conn 127.0.0.1:8080 [2]: HTTP connection created (1 parallel connections exist)",
                    "http-client: conn 127.0.0.1:8080 [2]: Client connected (fd=" + fd + ")",
                    "http-client: conn 127.0.0.1:8080 [2]: Connection disconnect",
                    "http-client: conn 127.0.0.1:8080 [2]: Disconnected: Connection closed (fd=" + fd + ")",
                    "http-client: conn 127.0.0.1:8080 [2]: Detached peer");
        }
    }
    /** A connect that times out: its error first, then the disconnect reason lib-http's 0 connect timeout gives. */
    @Test
    void aConnectThatTimesOutFailsLikeARefusedOne() {
        String error = "connect(127.0.0.1:8080) failed: Connection timed out in 0.300 secs";
        for (boolean v24 : new boolean[] {false, true}) {
            lines.clear();
            LibHttpTrace t = new LibHttpTrace(v24, lines::add);
            t.attempt(begin(t, 2, "/conn"), URL + "/conn", Outcome.CONNECT_TIMED_OUT, 9003, error, 300, false,
                    Next.DONE, null);
            String fd = v24 ? "13" : "14";
            assertThat(lines).containsSubsequence(
                    "http-client: conn 127.0.0.1:8080 [1]: HTTP connection created (1 parallel connections exist)",
                    "http-client: conn 127.0.0.1:8080 [1]: " + error,
                    "http-client: peer 127.0.0.1:8080: Failed to make connection (1 connections exist, 0 pending)",
                    "http-client: conn 127.0.0.1:8080 [1]: Disconnected: connect" + (v24 ? "(127.0.0.1:8080)" : "()")
                            + " timed out in 0.000 secs (fd=" + fd + ")");
            assertThat(lines).noneMatch(l -> l.contains("Client connection failed"));
        }
    }

    /**
     * request_absolute_timeout: the request fails, its connection stays busy, so the next request (another
     * client's) makes a second connection beside it: "2 parallel connections exist" (cases 500, 501).
     */
    @Test
    void anAbsoluteTimeoutLeavesItsConnectionBusy() {
        LibHttpTrace t = new LibHttpTrace(true, lines::add);
        String expired = "Absolute request timeout expired (Request queued 0.300 secs ago)";
        LibHttpTrace.Request r = t.begin(2, ++requests, "GET", URL + "/never", "127.0.0.1", "127.0.0.1:8080", URL,
                null, 300);
        t.attempt(r, URL + "/never", Outcome.ABSOLUTE_TIMEOUT, 9008, expired, 300, false, Next.DONE, null);
        assertThat(lines).anyMatch(l -> l.matches("http-client\\[2\\]: queue http://127.0.0.1:8080: Set request timeout"
                + " to \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\(now: .*\\)"));
        assertThat(lines).containsSubsequence(
                "http-client[2]: queue http://127.0.0.1:8080: Absolute timeout expired for request [Req1: GET"
                        + " http://127.0.0.1:8080/never] (Request queued 0.300 secs ago)",
                "http-client[2]: request [Req1: GET http://127.0.0.1:8080/never]: Error: 9008 " + expired,
                "http-client[2]: request [Req1: GET http://127.0.0.1:8080/never]: Destroy (requests left=1)");
        assertThat(lines).noneMatch(l -> l.contains("Free (requests left") || l.contains("Disconnected"));
        t.idle();
        lines.clear();
        t.attempt(begin(t, 1, "/alice"), URL + "/alice", Outcome.RESPONSE, 200, "OK", 1, true, Next.DONE, null);
        assertThat(lines).contains("http-client: conn 127.0.0.1:8080 [2]: HTTP connection created (2 parallel"
                        + " connections exist)",
                "http-client: conn 127.0.0.1:8080 [2]: Client connected (fd=14)",
                "http-client: peer 127.0.0.1:8080: Successfully connected (2 connections exist, 0 pending)");
    }
    /**
     * A TLS connection kept idle after its answer takes a connection number and, made after the wait
     * loop's epoll fd, an fd the next plain connection goes above (2.4.1: [3] on fd 14, case 507).
     */
    @Test
    void anUntracedTlsConnectionTakesItsNumberAndFd() {
        LibHttpTrace t = new LibHttpTrace(true, lines::add);
        t.untracedTls("127.0.0.1:9443", false);
        t.untracedTls("127.0.0.1:9443", true);
        t.untracedTls("127.0.0.1:9443", true);
        t.attempt(begin(t, 1, "/alice"), URL + "/alice", Outcome.RESPONSE, 200, "OK", 1, true, Next.DONE, null);
        assertThat(lines).contains("http-client: conn 127.0.0.1:8080 [3]: Client connected (fd=14)");
    }
    /** 2.3.19 over TLS: the handshake's lines, and an untrusted certificate's Info line and close (case 506). */
    @Test
    void anUntrustedCertificateFailsTheHandshake() {
        List<String> infos = new ArrayList<>();
        LibHttpTrace t = new LibHttpTrace(false, lines::add).info(infos::add);
        String cert = "Received invalid SSL certificate: self-signed certificate: /CN=127.0.0.1 (check ssl_client_ca_*"
                + " settings?)";
        String error = "SSL handshaking with 127.0.0.1:8443 failed: read(SSL (conn:127.0.0.1:8443,id=1)) failed: " + cert;
        LibHttpTrace.Request r = t.begin(1, ++requests, "GET", "https://127.0.0.1:8443/tls", "127.0.0.1",
                "127.0.0.1:8443", "https://127.0.0.1:8443", null);
        t.attempt(r, "https://127.0.0.1:8443/tls", Outcome.TLS_FAILED, 9003, error, 1, false, Next.DONE, null);
        assertThat(infos).containsExactly(cert);
        assertThat(lines).containsSubsequence("http-client: conn 127.0.0.1:8443 [1]: HTTPS connection created (1"
                        + " parallel connections exist)",
                "http-client: conn 127.0.0.1:8443 [1]: Starting SSL handshake",
                "http-client: peer 127.0.0.1:8443: Failed to make connection (1 connections exist, 0 pending)",
                "http-client: host 127.0.0.1: Host is idle (timeout = 100 msecs)",
                "http-client: conn 127.0.0.1:8443 [1]: " + error,
                "http-client: conn 127.0.0.1:8443 [1]: Disconnected: Connection closed: " + cert + " (fd=14)",
                "http-client: conn 127.0.0.1:8443 [1]: Connection destroy");
        assertThat(lines).noneMatch(l -> l.contains("SSL handshake successful"));
    }

    private static final String TLS_URL = "https://127.0.0.1:8443";
    private static final String CERT = "Received invalid SSL certificate: self-signed certificate: /CN=127.0.0.1 (check"
            + " ssl_client_ca_* settings?)";
    private static final String TLS_ERROR = "SSL handshaking with 127.0.0.1:8443 failed: read(SSL (conn:127.0.0.1:8443,"
            + "id=1)) failed: " + CERT;
    private static final TlsHandshake TLS13 = new TlsHandshake("TLSv1.3", "TLS_AES_256_GCM_SHA384", "/CN=127.0.0.1", null);
    private static final TlsHandshake TLS12 = new TlsHandshake("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "/CN=127.0.0.1", null);

    /** 2.4.1's model: OpenSSL's states, a failed handshake shut down with a close-notify alert. */
    private LibHttpTrace v241() {
        return new LibHttpTrace(true, lines::add).sslIostream(true, true);
    }

    /** A request to the TLS server by {@code client}, whose SSL context is {@code ctx}, a new connection's handshake {@code tls}. */
    private void tlsRequest(LibHttpTrace t, int client, String ctx, TlsHandshake tls, String path, Outcome outcome) {
        LibHttpTrace.Request r = t.begin(client, ++requests, "GET", TLS_URL + path, "127.0.0.1", "127.0.0.1:8443",
                TLS_URL, null, 0, ctx);
        r.tls = tls;
        if (outcome == Outcome.TLS_FAILED) {
            t.attempt(r, TLS_URL + path, outcome, 9003, TLS_ERROR, 1, false, Next.DONE, null);
        } else {
            t.attempt(r, TLS_URL + path, outcome, 200, "OK", 1, true, Next.DONE, null);
        }
    }

    /** What the connection's ssl event logs on connection {@code id}: {@code lines} after the prefix. */
    private static List<String> ssl(int id, String... lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add("http-client: conn 127.0.0.1:8443 [" + id + "]: 127.0.0.1: " + l);
        }
        return out;
    }

    /**
     * 2.4.1, TLS 1.3, an untrusted certificate (case 507 run 1): OpenSSL's states with the verify
     * callback's error inside, the handshake finishing anyway, the error again, the close-notify alert,
     * then the peer and queue give the request up.
     */
    @Test
    void v24LogsOpenSslsStatesAroundAnUntrustedCertificate() {
        LibHttpTrace t = v241();
        tlsRequest(t, 1, "", TLS13.withRefusal(CERT), "/tls", Outcome.TLS_FAILED);
        List<String> handshake = lines.stream().filter(l -> l.contains("]: 127.0.0.1: ")).toList();
        assertThat(handshake).containsExactlyElementsOf(ssl(1,
                "SSL: where=0x10, ret=1: before SSL initialization",
                "SSL: where=0x1001, ret=1: before SSL initialization",
                "SSL: where=0x1001, ret=1: SSLv3/TLS write client hello",
                "SSL: where=0x1001, ret=1: SSLv3/TLS write client hello",
                "SSL: where=0x1001, ret=1: SSLv3/TLS read server hello",
                "SSL: where=0x1001, ret=1: TLSv1.3 read encrypted extensions",
                "SSL error: " + CERT,
                "SSL: where=0x1001, ret=1: SSLv3/TLS read server certificate",
                "SSL: where=0x1001, ret=1: TLSv1.3 read server certificate verify",
                "SSL: where=0x1001, ret=1: SSLv3/TLS read finished",
                "SSL: where=0x1001, ret=1: SSLv3/TLS write change cipher spec",
                "SSL: where=0x1001, ret=1: SSLv3/TLS write finished",
                "SSL: where=0x20, ret=1: SSL negotiation finished successfully",
                "SSL: where=0x1002, ret=1: SSL negotiation finished successfully",
                "SSL error: " + CERT,
                "SSL alert: close notify"));
        assertThat(lines).containsSubsequence("http-client: conn 127.0.0.1:8443 [1]: Starting SSL handshake",
                "http-client: conn 127.0.0.1:8443 [1]: 127.0.0.1: SSL alert: close notify",
                "http-client[1]: peer 127.0.0.1:8443: Connection failed (1 connections exist, 0 pending)",
                "http-client: peer 127.0.0.1:8443: Failed to make connection (1 connections exist, 0 pending)",
                "http-client[1]: queue https://127.0.0.1:8443: Failed to set up connection to 127.0.0.1:8443"
                        + " (SSL=127.0.0.1): " + TLS_ERROR + " (1 peers pending, 1 requests pending)",
                "http-client[1]: request [Req1: GET https://127.0.0.1:8443/tls]: Error: 9003 " + TLS_ERROR,
                "http-client: conn 127.0.0.1:8443 [1]: " + TLS_ERROR,
                "http-client: conn 127.0.0.1:8443 [1]: Disconnected: Connection closed: " + CERT + " (fd=13)",
                "http-client: conn 127.0.0.1:8443 [1]: Connection destroy",
                "http-client[1]: All requests finished");
        assertThat(lines).noneMatch(l -> l.contains("SSL handshake successful"));
    }

    /** 2.4.2 on: a failed handshake is not shut down, so no close-notify alert (ea080c1778). */
    @Test
    void from242AFailedHandshakeSendsNoCloseNotify() {
        LibHttpTrace t = new LibHttpTrace(true, lines::add).sslIostream(true, false);
        tlsRequest(t, 1, "", TLS13.withRefusal(CERT), "/tls", Outcome.TLS_FAILED);
        assertThat(lines).noneMatch(l -> l.contains("SSL alert"));
        assertThat(lines).containsSubsequence(
                "http-client: conn 127.0.0.1:8443 [1]: 127.0.0.1: SSL: where=0x1002, ret=1: SSL negotiation finished"
                        + " successfully",
                "http-client: conn 127.0.0.1:8443 [1]: 127.0.0.1: SSL error: " + CERT,
                "http-client[1]: peer 127.0.0.1:8443: Connection failed (1 connections exist, 0 pending)");
    }

    /**
     * 2.4.1, TLS 1.3, a trusted certificate (case 507 run 2): the valid certificate's line, the
     * handshake's success, and the session ticket read with the response; the next request goes over
     * the idle connection without a state line (run 3).
     */
    @Test
    void v24LogsATrustedHandshakeAndTheTicketOnTheFirstRead() {
        LibHttpTrace t = v241();
        tlsRequest(t, 2, "/etc/ca.pem", TLS13, "/trusted", Outcome.RESPONSE);
        assertThat(lines).containsSubsequence(
                "http-client: conn 127.0.0.1:8443 [1]: 127.0.0.1: SSL: where=0x1001, ret=1: TLSv1.3 read encrypted"
                        + " extensions",
                "http-client: conn 127.0.0.1:8443 [1]: 127.0.0.1: Received valid SSL certificate: /CN=127.0.0.1",
                "http-client: conn 127.0.0.1:8443 [1]: 127.0.0.1: SSL: where=0x1001, ret=1: SSLv3/TLS read server"
                        + " certificate",
                "http-client: conn 127.0.0.1:8443 [1]: 127.0.0.1: SSL: where=0x1002, ret=1: SSL negotiation finished"
                        + " successfully",
                "http-client: conn 127.0.0.1:8443 [1]: SSL handshake successful",
                "http-client: conn 127.0.0.1:8443 [1]: Ready for requests");
        int sent = lines.indexOf("http-client[2]: peer 127.0.0.1:8443: No more requests to service for this peer"
                + " (1 connections exist, 0 pending)");
        assertThat(lines.subList(sent + 1, sent + 6)).containsExactly(
                "http-client: conn 127.0.0.1:8443 [1]: 127.0.0.1: SSL: where=0x1001, ret=1: SSL negotiation finished"
                        + " successfully",
                "http-client: conn 127.0.0.1:8443 [1]: 127.0.0.1: SSL: where=0x1001, ret=1: SSL negotiation finished"
                        + " successfully",
                "http-client: conn 127.0.0.1:8443 [1]: 127.0.0.1: SSL: where=0x1001, ret=1: SSLv3/TLS read server"
                        + " session ticket",
                "http-client: conn 127.0.0.1:8443 [1]: 127.0.0.1: SSL: where=0x1002, ret=1: SSL negotiation finished"
                        + " successfully",
                "http-client[2]: request [Req1: GET https://127.0.0.1:8443/trusted]: Got 200 response: OK (took 1 ms"
                        + " + 0 ms in queue)");
        t.idle();
        lines.clear();
        tlsRequest(t, 2, "/etc/ca.pem", TLS13, "/trusted", Outcome.RESPONSE);
        assertThat(lines).noneMatch(l -> l.contains("127.0.0.1: SSL") || l.contains("Connecting"));
        assertThat(lines).contains("http-client: conn 127.0.0.1:8443 [1]: Claimed request [Req2: GET"
                + " https://127.0.0.1:8443/trusted]");
    }

    /**
     * TLS 1.2's full handshake as OpenSSL 3's client states it (openssl s_client -state against a JDK
     * server, which sends a session ticket): the ServerKeyExchange of an ECDHE suite, Finished written
     * before the server's ticket, CCS and Finished are read; nothing more on the first read.
     */
    @Test
    void tls12HasTheFullHandshakesStatesAndNoPostHandshakeTicket() {
        LibHttpTrace t = v241();
        tlsRequest(t, 1, "", TLS12, "/trusted", Outcome.RESPONSE);
        List<String> handshake = lines.stream().filter(l -> l.contains("]: 127.0.0.1: ")).toList();
        assertThat(handshake).containsExactlyElementsOf(ssl(1,
                OpenSslStateLines.TLS12_ECDHE_WITH_TICKET.toArray(String[]::new)));
    }

    /** TLS 1.2 with RSA key transport: no ServerKeyExchange, so no state for it. */
    @Test
    void tls12WithRsaKeyTransportReadsNoServerKeyExchange() {
        List<String> states = OpenSslClientStates.handshake(
                new TlsHandshake("TLSv1.2", "TLS_RSA_WITH_AES_256_GCM_SHA384", "/CN=x", null), "verdict");
        assertThat(states).doesNotContain("SSL: where=0x1001, ret=1: SSLv3/TLS read server key exchange")
                .containsSubsequence("SSL: where=0x1001, ret=1: SSLv3/TLS read server certificate",
                        "SSL: where=0x1001, ret=1: SSLv3/TLS read server done");
        assertThat(OpenSslClientStates.firstRead(TLS12)).isEmpty();
    }

    /**
     * 2.3.19 logs none of OpenSSL's states: the handshake's own lines only (case 508), and no ticket
     * on the first read.
     */
    @Test
    void v23LogsNoStates() {
        LibHttpTrace t = new LibHttpTrace(false, lines::add).sslIostream(false, true);
        tlsRequest(t, 1, "", TLS13, "/tls", Outcome.RESPONSE);
        assertThat(lines).noneMatch(l -> l.contains("127.0.0.1: SSL") || l.contains("SSL certificate"));
        assertThat(lines).containsSubsequence("http-client: conn 127.0.0.1:8443 [1]: Starting SSL handshake",
                "http-client: conn 127.0.0.1:8443 [1]: SSL handshake successful");
    }

    /**
     * A first request whose certificate is refused at time 0 on {@code t}'s settable clock, and the
     * idle turn after it; the clock is returned to move on, the lines are cleared.
     */
    private long[] certRefusedAtZero(LibHttpTrace t) {
        long[] now = {0};
        t.clock = () -> now[0];
        tlsRequest(t, 1, "", TLS13.withRefusal(CERT), "/tls", Outcome.TLS_FAILED);
        t.idle();
        lines.clear();
        return now;
    }

    /**
     * A client with another SSL context has a pool of its own on the shared peer (http_client_peer_pool_get,
     * case 507 run 2): "Peer pool created", and a new connection, after the backoff the failed one set
     * (here long passed); a client with the same context reuses the pool and claims its idle connection.
     */
    @Test
    void anotherSslContextMakesItsOwnPoolAfterTheBackoff() {
        LibHttpTrace t = v241();
        long[] now = certRefusedAtZero(t);
        now[0] = 2_000_000_000L; // 2 s after the idle turn, itself 100 msecs after the failure
        tlsRequest(t, 2, "/etc/ca.pem", TLS13, "/trusted", Outcome.RESPONSE);
        assertThat(lines).containsSubsequence("http-client: peer 127.0.0.1:8443 (shared): Peer reused",
                "http-client: peer 127.0.0.1:8443: Peer pool created",
                "http-client[2]: peer 127.0.0.1:8443: Peer created",
                "http-client[2]: peer 127.0.0.1:8443: Creating 1 new connections to handle requests (already 0 usable,"
                        + " connecting to 0, closing 0)",
                "http-client: peer 127.0.0.1:8443 (shared): Backoff time already exceeded by 2000 msecs",
                "http-client[2]: peer 127.0.0.1:8443: Making new connection 1 of 1 (0 connections exist, 0 pending)",
                "http-client: conn 127.0.0.1:8443 [2]: Connecting");
        t.idle();
        lines.clear();
        tlsRequest(t, 3, "/etc/ca.pem", TLS13, "/trusted", Outcome.RESPONSE);
        assertThat(lines).contains("http-client: peer 127.0.0.1:8443: Peer pool reused",
                "http-client: conn 127.0.0.1:8443 [2]: Claimed as idle");
        assertThat(lines).noneMatch(l -> l.contains("Backoff") || l.contains("Connecting"));
    }

    /**
     * The next auth request comes after the hosts' 100 msecs idle timers fired, so the first
     * failure's 100 msecs backoff has passed by then (case 507 run 2); a second failure doubles it,
     * and a connection made within it waits for its timer (http_client_peer_shared_start_backoff_timer).
     */
    @Test
    void aConnectionWithinTheBackoffWaitsForItsTimer() {
        LibHttpTrace t = v241();
        long[] now = certRefusedAtZero(t);
        tlsRequest(t, 1, "", TLS13.withRefusal(CERT), "/tls", Outcome.TLS_FAILED);
        assertThat(lines).contains("http-client: peer 127.0.0.1:8443 (shared): Backoff time already exceeded by 0 msecs");
        t.idle();
        lines.clear();
        now[0] = 30_000_000L;
        tlsRequest(t, 1, "", TLS13, "/tls", Outcome.RESPONSE);
        assertThat(lines).containsSubsequence("http-client: peer 127.0.0.1:8443 (shared): Starting backoff timer for 70 msecs",
                "http-client: peer 127.0.0.1:8443 (shared): Backoff timer expired",
                "http-client: conn 127.0.0.1:8443 [3]: Connecting");
        t.idle();
        lines.clear();
        tlsRequest(t, 2, "", TLS13, "/tls", Outcome.RESPONSE);
        assertThat(lines).noneMatch(l -> l.contains("ackoff")); // the success cleared it
    }
}
